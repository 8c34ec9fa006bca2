"""`caspian-tabletop check-model`: the text table and the JSON list of checks, exit 1 on a
miss and 0 when every target is met, and clear errors for bad arguments.

Targets are injected (check_targets.CHECKS) where the verdict matters, so that no test
depends on whether today's model meets the source's dynamics.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from caspian_tabletop.analysis import check_targets
from caspian_tabletop.analysis.check_targets import CHECKS, ROBUST, Spec, Target
from caspian_tabletop.cli import main
from caspian_tabletop.cli.model_commands import value_text

SMALL = ["--games", "20", "--robustness-games", "4", "--hard-positions", "2", "--seed", "3"]


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, ["check-model", "tutorial", *args])


def _only(monkeypatch: pytest.MonkeyPatch, checks: dict[str, Spec],
          robust: tuple[str, ...] = ()) -> None:
    monkeypatch.setattr(check_targets, "CHECKS", checks)
    monkeypatch.setattr(check_targets, "ROBUST", robust)


def test_text_report_has_a_row_a_meaning_and_a_verdict_per_check() -> None:
    result = _run(*SMALL)
    assert result.exit_code in (0, 1), result.output
    assert isinstance(result.exception, SystemExit) or result.exception is None
    out = result.stdout
    assert out.startswith("Tutorial: across the middle Caspian: model checks, seed 3\n")
    header = next(line for line in out.splitlines() if line.strip().startswith("Group"))
    assert header.split() == ["Group", "Check", "Measured", "Target", "Result"]
    for name in [*CHECKS, *(f"robust-{n}" for n in ROBUST)]:
        row = next(line for line in out.splitlines() if line.split()[1:2] == [name])
        assert row.split()[-1] in ("PASS", "FAIL", "n/a", "(report)"), row
        assert f"\n  {name}: " in out  # its meaning
    assert "  drill-share: RU " in out  # detail per actor
    assert "ranged-figure variants of 4 games" in out
    assert "checking the model" in result.stderr


def test_json_lists_every_check_with_its_target_and_detail() -> None:
    result = _run(*SMALL, "--json")
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("scenario", "seed", "games", "hard_positions",
                                 "robustness_games")} == {
        "scenario": "tutorial", "seed": 3, "games": 20, "hard_positions": 2,
        "robustness_games": 4}
    checks = {c["name"]: c for c in data["checks"]}
    assert list(checks) == [*CHECKS, *(f"robust-{n}" for n in ROBUST)]
    for check in data["checks"]:
        assert set(check) == {"name", "group", "measured", "target", "passed", "meaning",
                              "claims", "detail", "worst", "note"}
    winners = checks["winner-share"]
    assert winners["group"] == "balance"
    assert set(winners["detail"]) == {"RU", "AZ", "KZ"}
    assert winners["measured"] == winners["detail"][winners["worst"]]
    assert winners["target"] == {"low": 0.08, "high": 0.25, "strict": False, "unit": "%",
                                 "text": "8–25 %"}
    assert checks["aktau-completed"]["target"] is None
    assert checks["aktau-completed"]["passed"] is None
    assert data["passed"] == (result.exit_code == 0)
    assert data["passed"] == all(c["passed"] is not False for c in data["checks"])


def test_a_missed_target_exits_1_and_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    impossible = Spec("balance", Target(low=1.01), "more than every game")  # a share ≤ 1
    _only(monkeypatch, {"armed-clash": impossible,
                        "winner-share": Spec("balance", Target(0.0, 1.0), "any share")})
    result = _run(*SMALL)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    lines = result.stdout.splitlines()
    assert any(line.split()[:2] == ["balance", "armed-clash"] and line.endswith("FAIL")
               for line in lines)
    assert lines[-1] == "1 of 2 checks FAIL: armed-clash"


def test_every_target_met_exits_0(monkeypatch: pytest.MonkeyPatch) -> None:
    _only(monkeypatch, {
        "winner-share": Spec("balance", Target(0.0, 1.0), "any share"),
        "armed-clash": Spec("balance", Target(0.0, 1.0), "any share"),
        "drill-share": Spec("coercion", Target(low=0.0), "any share"),
        "aktau-completed": CHECKS["aktau-completed"],
    }, robust=("drill-share",))
    result = _run(*SMALL, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["passed"] is True
    assert [(c["name"], c["passed"]) for c in data["checks"]] == [
        ("winner-share", True), ("armed-clash", True), ("drill-share", True),
        ("aktau-completed", None), ("robust-drill-share", True)]
    text = _run(*SMALL)
    assert text.exit_code == 0
    assert text.stdout.splitlines()[-1] == "All 4 model checks PASS."


def test_no_robustness_skips_the_variants(monkeypatch: pytest.MonkeyPatch) -> None:
    _only(monkeypatch, {"drill-share": CHECKS["drill-share"]}, robust=("drill-share",))
    result = _run("--games", "10", "--no-robustness", "--json")
    data = json.loads(result.stdout)
    robust = data["checks"][-1]
    assert data["robustness_games"] is None
    assert (robust["name"], robust["measured"], robust["passed"], robust["note"]) == (
        "robust-drill-share", None, None, "skipped (--no-robustness)")


@pytest.mark.parametrize("args", [["--games", "0"], ["--robustness-games", "0"],
                                  ["--seed", "-1"], ["--hard-positions", "99999"]])
def test_out_of_range_numbers_are_usage_errors(args: list[str]) -> None:
    result = _run(*args)
    assert result.exit_code == 2
    assert "Invalid value for" in result.output


def test_an_unknown_scenario_is_one_line_and_exit_1() -> None:
    result = CliRunner().invoke(main, ["check-model", "no-such-scenario", "--games", "5"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no-such-scenario" in result.stderr


@pytest.mark.parametrize(("value", "signed", "text"), [
    (-0.0004, True, "-0.0004 sd"),  # just below a bound of 0: not "-0.00" beside a FAIL
    (0.004, False, "0.004 sd"),
    (0.0, True, "+0.00 sd"),
    (-0.04, True, "-0.04 sd"),
    (1.27, False, "1.27 sd"),
])
def test_a_margin_near_zero_keeps_its_sign_and_size(value: float, signed: bool,
                                                     text: str) -> None:
    assert value_text(value, "sd", signed) == text


@pytest.mark.parametrize(("value", "text"), [
    (0.125, "+12.5 pp"),
    (-0.0003, "+0.0 pp"),  # drills and blockades level to a tenth: not "-0.0 pp"
    (-0.02, "-2.0 pp"),
])
def test_a_difference_of_shares_reads_in_signed_points(value: float, text: str) -> None:
    assert value_text(value, "pp") == text
