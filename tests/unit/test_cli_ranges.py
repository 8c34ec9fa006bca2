"""Numeric options out of range: a usage error naming the option and its range (exit 2),
before the command loads or allocates anything; the ends of each range are accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from caspian_tabletop.cli import analysis_commands, main
from caspian_tabletop.replay import load_replay
from caspian_tabletop.saves import list_games

TOP_SEED = str(2**63 - 1)


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASPIAN_TABLETOP_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)


def _run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


@pytest.mark.parametrize(("args", "message"), [
    (["simulate", "tutorial", "--seed", "-1"],
     "Invalid value for '--seed': -1 is not in the range 0<=x<=9223372036854775807."),
    (["balance", "tutorial", "--seed", "-1"],
     "Invalid value for '--seed': -1 is not in the range 0<=x<=9223372036854775807."),
    (["duel", "tutorial", "--bots", "easy,easy", "--seed", "-1"],
     "Invalid value for '--seed': -1 is not in the range 0<=x<=9223372036854775807."),
    (["play", "--scenario", "tutorial", "--seed", str(2**63)],
     "Invalid value for '--seed': 9223372036854775808 is not in the range "
     "0<=x<=9223372036854775807."),
    (["duel", "tutorial", "--bots", "easy,easy", "--seed", TOP_SEED, "--games", "2"],
     "--seed 9223372036854775807 with --games 2 goes past the largest seed, "
     "9223372036854775807"),
    (["simulate", "tutorial", "--games", "1000000000000"],
     "Invalid value for '--games': 1000000000000 is not in the range 1<=x<=1000000000."),
    (["simulate", "tutorial", "--games", "0"],
     "Invalid value for '--games': 0 is not in the range 1<=x<=1000000000."),
    (["balance", "tutorial", "--games", "1000000001"],
     "Invalid value for '--games': 1000000001 is not in the range 1<=x<=1000000000."),
    (["duel", "tutorial", "--bots", "easy,easy", "--games", "1000000001"],
     "Invalid value for '--games': 1000000001 is not in the range 1<=x<=1000000000."),
    (["simulate", "tutorial", "--vary", "actors.RU.economy_bn_usd", "--steps", "1"],
     "Invalid value for '--steps': 1 is not in the range 2<=x<=100."),
    (["simulate", "tutorial", "--vary", "actors.RU.economy_bn_usd", "--steps", "1000000"],
     "Invalid value for '--steps': 1000000 is not in the range 2<=x<=100."),
    (["simulate", "--from-replay", "tutorial-demo", "--turn", "0"],
     "Invalid value for '--turn': 0 is not in the range 1<=x<=40."),
    (["balance", "tutorial", "--hard-positions", "-1"],
     "Invalid value for '--hard-positions': -1 is not in the range 0<=x<=10000."),
    (["balance", "tutorial", "--win-range", "nan:0.2"],
     "Invalid value for '--win-range': 'nan:0.2': expected LOW:HIGH, two numbers from 0 to 1, "
     "e.g. 0.08:0.25"),
    (["balance", "tutorial", "--clash-range", "0.01:1.5"],
     "Invalid value for '--clash-range': '0.01:1.5': expected LOW:HIGH, two numbers from 0 to "
     "1, e.g. 0.08:0.25"),
    (["balance", "tutorial", "--win-range", "0.3:0.1"],
     "Invalid value for '--win-range': '0.3:0.1': LOW is above HIGH"),
    (["balance", "tutorial", "--clash-range", "inf:1"],
     "Invalid value for '--clash-range': 'inf:1': expected LOW:HIGH, two numbers from 0 to 1, "
     "e.g. 0.08:0.25"),
    (["replay", "tutorial-demo", "--until", "41"],
     "Invalid value for '--until': 41 is not in the range 1<=x<=40."),
])
def test_out_of_range_is_a_usage_error_before_any_work(
        args: list[str], message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*_: object, **__: object) -> None:
        raise AssertionError("the command ran")

    monkeypatch.setattr(analysis_commands, "run_outcomes", never)
    monkeypatch.setattr(analysis_commands, "load_scenario", never)
    result = _run(*args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert message in result.output
    assert "Traceback" not in result.output


def test_the_largest_seed_is_accepted_and_kept_in_the_save(tmp_path: Path) -> None:
    simulated = _run("simulate", "tutorial", "--games", "20", "--seed", TOP_SEED)
    assert simulated.exit_code == 0, simulated.output
    duel = _run("duel", "tutorial", "--bots", "easy,easy", "--games", "1", "--seed", TOP_SEED)
    assert duel.exit_code == 0, duel.output
    played = _run("play", "--scenario", "tutorial", "--seed", TOP_SEED, "--actor", "RU",
                  stdin="quit\n")
    assert played.exit_code == 0, played.output
    [saved] = list_games()
    assert load_replay(saved.path).seed == 2**63 - 1


def test_a_game_count_at_the_limit_is_accepted_by_the_parser() -> None:
    command = main.get_command(None, "simulate")  # type: ignore[arg-type]
    assert command is not None
    games = next(p for p in command.params if p.name == "games")
    assert games.type.convert("1000000000", games, None) == 1_000_000_000
