"""The model checks at small size on the shipped scenario: a guard in the suite on the
dynamics the game exists to teach (the full 10,000-game run is benchmarks/check_model.py).

A rules, bot or figure change that brought back early blockades, killed the drill, turned
Turkic sway or the Middle Corridor downwards, left Aktau unfunded or made passing as good as
playing fails here, not only in the hour-long benchmark.  The targets are the checks' own
where the full run clears them by far more than 300 games' sampling error; where it does not,
the bound is wider and says so.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from caspian_tabletop.analysis import check_targets
from caspian_tabletop.analysis.check_targets import CHECKS, Spec, Target
from caspian_tabletop.analysis.model_checks import (
    CheckResult,
    ModelReport,
    Settings,
    plan_checks,
    run_checks,
)
from caspian_tabletop.domain.moves import MoveKind
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.scenario.load import load_scenario

GAMES = 300
# The checks' own targets: the full run is far from each bound (docs/model-checks.md).
OWN = ("drill-share", "drills-over-blockades", "early-blockade", "turkic-sway",
       "turkic-sway-pairs", "corridor-throughput", "aktau-funded", "agency-vs-pass")
# Wider than the checks' own, for sampling error in 300 games.
WIDE: dict[str, Spec] = {
    # 1 % of 10,000 games is 1 in 100; 300 games may well hold none.
    "armed-clash": Spec("balance", Target(0.0, 0.08), "armed clash stays rare"),
    # Each kind a normal bot chooses; the blockade is dead in bot play by design (docs/balance.md,
    # steps 22 and 23), so the normal bots' shares are judged without it, below.
    "dead-moves-normal": Spec("dead-moves", None, "every kind's share where legal"),
}
LIVE_FOR_NORMAL_BOTS = [kind.value for kind in check_targets.SUBJECTS.live_kinds
                        if kind is not MoveKind.BLOCKADE]


@pytest.fixture(scope="module")
def report() -> ModelReport:
    checks = {name: CHECKS[name] for name in OWN} | WIDE
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(check_targets, "CHECKS", checks)
        patch.setattr(check_targets, "ROBUST", ())
        scenario = load_scenario(resolve_scenario("caspian-2021"))
        plan = plan_checks(scenario, Settings(games=GAMES, seed=5, hard_positions=0,
                                              robustness=False))
        # Agency against always passing only: the other yardsticks are the benchmark's.
        plan = replace(plan, agency=tuple((a, "pass") for a in range(len(plan.compiled.actors))))
        return run_checks(plan)


def _result(report: ModelReport, name: str) -> CheckResult:
    return next(r for r in report.results if r.name == name)


@pytest.mark.parametrize("name", [*OWN, "armed-clash"])
def test_the_source_dynamics_hold_in_a_small_run(report: ModelReport, name: str) -> None:
    result = _result(report, name)
    assert result.passed is True, (name, result.measured, result.detail, result.note)


def test_every_kind_but_force_is_chosen_by_normal_bots(report: ModelReport) -> None:
    shares = _result(report, "dead-moves-normal").detail
    low = {kind: shares[kind] for kind in LIVE_FOR_NORMAL_BOTS if shares[kind] < 0.02}
    assert not low, shares


def test_each_coercer_signals_and_neither_uses_force_early(report: ModelReport) -> None:
    """Each of Russia and Iran drills, not only the two together, and in normal play
    neither blockades in the first turns (the article's reading, EDM-19, EDM-22)."""
    drills = _result(report, "drill-share").detail
    assert drills["RU"] >= 0.08 and drills["IR"] >= 0.08, drills
    assert _result(report, "early-blockade").measured == 0.0
