"""Sweeps: the same figures in this process and on a Dask cluster, a located refusal for a
cluster that cannot be reached, the runs done kept when a sweep is interrupted, and the
tornado chart of --vary-all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from caspian_tabletop.analysis import sweep_runs
from caspian_tabletop.cli import main
from html_check import checked

SWEEP = ["simulate", "caspian-2021", "--vary", "corridors.middle-corridor.capacity_mt",
         "--games", "120", "--json"]


def test_a_local_cluster_gives_the_figures_of_one_process() -> None:
    pytest.importorskip("distributed")
    alone = CliRunner().invoke(main, SWEEP)
    spread = CliRunner().invoke(main, [*SWEEP, "--workers", "local:2"])
    assert alone.exit_code == 0 and spread.exit_code == 0, spread.output
    assert json.loads(alone.stdout) == json.loads(spread.stdout)
    assert len(json.loads(alone.stdout)["runs"]) == 3


def test_an_unreachable_cluster_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(sweep_runs, "CONNECT_TIMEOUT", "1s")
    result = CliRunner().invoke(main, [*SWEEP, "--workers", "dask://127.0.0.1:9"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.strip().splitlines() == [
        "error: --workers dask://127.0.0.1:9: cannot reach a Dask scheduler at "
        "tcp://127.0.0.1:9 (OSError)"]


def test_an_interrupted_sweep_reports_the_runs_done(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = sweep_runs.play_run

    def stopping(*args: object) -> sweep_runs.Summary:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sweep_runs, "play_run", stopping)
    result = CliRunner().invoke(main, ["simulate", "tutorial", "--vary-all", "--games", "40"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("error: interrupted after 2 of ") and lines[0].endswith(
        " runs; the runs done:")
    assert lines[1].startswith("  (as is) = -: RU ") and len(lines) == 3


def test_vary_all_ranks_every_ranged_figure_and_draws_the_tornado(tmp_path: Path) -> None:
    page = tmp_path / "sensitivity.html"
    result = CliRunner().invoke(main, ["simulate", "caspian-2021", "--vary-all", "--games",
                                       "60", "--json", "-o", str(page)])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.split("\nwrote ")[0])["figures"]
    swings = [abs(f["high"] - f["low"]) for f in figures]
    assert swings == sorted(swings, reverse=True) and swings[0] > 0
    text = page.read_text(encoding="utf-8")
    report = checked(text)
    assert report.problems == [] and "svg" in report.seen
    assert text.count("<rect") == len(figures)


@pytest.mark.parametrize(("args", "message"), [
    (["--workers", "local:2"], "--workers runs a sweep"),
    (["--vary-all", "--vary", "actors.RU.economy_bn_usd"], "use one of --from-replay"),
    (["-o", "x.html"], "-o writes the --vary-all chart"),
    (["--vary-all", "--workers", "local:zero"], "expected local:N or dask://HOST:PORT"),
])
def test_bad_sweep_options_are_refused(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["simulate", "tutorial", "--games", "20", *args])
    assert result.exit_code in (1, 2) and message in result.output, result.output


def test_the_local_cluster_admits_no_other_client() -> None:
    """Its scheduler speaks mutual TLS with its own temporary credentials on loopback: a
    plain connection and a client with other credentials are both refused."""
    distributed = pytest.importorskip("distributed")
    from distributed.security import Security

    client = sweep_runs._client("local:1")
    try:
        address = client.scheduler.address
        assert address.startswith("tls://127.0.0.1:")
        with pytest.raises(Exception):  # noqa: B017 - refused, however Dask words it
            distributed.Client(address.replace("tls://", "tcp://"), timeout="3s")
        with pytest.raises(Exception):  # noqa: B017
            distributed.Client(address, security=Security.temporary(), timeout="3s")
    finally:
        client.close()


@pytest.mark.parametrize(("workers", "message"), [
    ("dask://[::1", "expected dask://HOST:PORT, a host name or address and a port"),
    ("dask://host", "expected dask://HOST:PORT"),
    ("dask://host:99999", "expected dask://HOST:PORT"),
    ("dask://host:80/path", "expected dask://HOST:PORT"),
    ("local:99999", "N must be from 1 to 4, the CPUs of this machine"),
    ("local:5", "N must be from 1 to 4, the CPUs of this machine"),
    ("local:0", "N must be from 1 to 4"),
])
def test_bad_workers_are_a_usage_error_before_anything_runs(
        workers: str, message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sweep_runs, "cpu_limit", lambda: 4)
    monkeypatch.setattr(sweep_runs, "play_runs", lambda *args: pytest.fail("ran"))
    result = CliRunner().invoke(main, ["simulate", "tutorial", "--vary-all", "--games", "20",
                                       "--workers", workers])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert f"Invalid value for '--workers': {workers}: {message}" in result.output
    assert "Traceback" not in result.output


@given(count=st.integers(-5, 10**6))
def test_local_workers_stay_within_the_cpus(count: int) -> None:
    limit = sweep_runs.cpu_limit()
    if 1 <= count <= limit:
        assert sweep_runs.parse_workers(f"local:{count}") == count
    else:
        with pytest.raises(ValueError):
            sweep_runs.parse_workers(f"local:{count}")


def test_good_scheduler_addresses_are_taken_as_written() -> None:
    assert sweep_runs.parse_workers("dask://[::1]:8786") == "tcp://[::1]:8786"
    assert sweep_runs.parse_workers("dask://sched.example.org:8786") == (
        "tcp://sched.example.org:8786")
