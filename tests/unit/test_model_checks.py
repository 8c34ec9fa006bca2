"""The model checks: the targets table, each measurement on short runs of the tutorial (or
hand-built figures) where the answer is known, judging against targets, and robustness."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.analysis import check_targets
from caspian_tabletop.analysis.balance import HardSample, hard_sample
from caspian_tabletop.analysis.check_targets import CHECKS, ROBUST, SUBJECTS, Spec, Target
from caspian_tabletop.analysis.decision_tally import DecisionTally
from caspian_tabletop.analysis.kind_policies import KindPolicy
from caspian_tabletop.analysis.model_checks import (
    CheckResult,
    Settings,
    Variant,
    judge,
    plan_checks,
    run_checks,
    worst_variant,
)
from caspian_tabletop.analysis.model_metrics import METRICS, Agency, Measure, Measurements
from caspian_tabletop.analysis.paired_seat import paired_error
from caspian_tabletop.analysis.sensitivity import plays_alike, ranged_figures, with_value
from caspian_tabletop.analysis.simulate import run_outcomes
from caspian_tabletop.domain.moves import MoveKind
from caspian_tabletop.engine.batch import BatchPolicy, RandomPolicy
from caspian_tabletop.engine.compiled import KIND_INDEX, compile_scenario
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import open_throughput
from caspian_tabletop.scenario.load import load_register
from shipped import compiled, scenario


def _measured(seats: dict[str, BatchPolicy | str], games: int = 60, seed: int = 3,
              ) -> tuple[Measurements, list[BatchState]]:
    """A tutorial run with the given seats ("random" or a policy), every other seat normal;
    its measurements and final states."""
    c = compiled("tutorial")
    normal = GreedyPolicy.for_scenario(c)
    policies: list[BatchPolicy] = [normal] * len(c.actors)
    for actor, policy in seats.items():
        policies[c.actors.index(actor)] = (RandomPolicy.for_scenario(c)
                                           if isinstance(policy, str) else policy)
    finals: list[BatchState] = []

    class Keeping(DecisionTally):
        """The tally, keeping every final state as well."""

        def finish(self, final: BatchState) -> None:
            super().finish(final)
            finals.append(final)

    tally = Keeping(c)
    out = run_outcomes(c, games, seed, policies, observer=tally)
    return Measurements(c, SUBJECTS, out, tally), finals


def test_target_bounds_inclusive_or_strict() -> None:
    share = Target(0.08, 0.25)
    assert share.met(0.08) and share.met(0.25) and not share.met(0.26)
    assert share.margin(0.10) == pytest.approx(0.02)
    assert share.margin(0.30) == pytest.approx(-0.05)
    above = Target(low=0.0, strict=True)
    assert not above.met(0.0) and above.met(1e-9)
    under = Target(high=0.15, strict=True)
    assert under.met(0.149) and not under.met(0.15)


def test_every_check_has_one_measurement_and_cites_real_claims() -> None:
    assert set(CHECKS) == set(METRICS)
    assert set(ROBUST) <= set(CHECKS)
    known = load_register().ids()
    for name, spec in CHECKS.items():
        assert set(spec.claims) <= known, name
        assert spec.meaning, name


def test_drill_share_of_an_always_drilling_russia_is_one() -> None:
    m, _ = _measured({"RU": KindPolicy.for_scenario(compiled("tutorial"), MoveKind.DRILL)})
    measure = METRICS["drill-share"](m)
    assert measure.value == 1.0
    assert measure.detail == {"RU": 1.0}
    assert METRICS["drills-over-blockades"](m).value == 1.0
    assert METRICS["blockade-games"](m).detail["RU"] == 0.0


def test_an_always_blockading_russia_blockades_early_in_almost_every_game() -> None:
    m, _ = _measured({"RU": KindPolicy.for_scenario(compiled("tutorial"), MoveKind.BLOCKADE)})
    measure = METRICS["early-blockade"](m)
    # All but the games where a winter storm has already closed the crossing.
    assert measure.value is not None and measure.value > 0.9
    assert measure.detail == {"RU": measure.value, "AZ": 0.0, "KZ": 0.0}
    games = METRICS["blockade-games"](m)
    assert measure.value <= games.value == games.detail["RU"] == max(games.detail.values())
    assert METRICS["drill-share"](m).value == 0.0
    assert METRICS["drills-over-blockades"](m).value < 0


def test_aktau_funded_and_completed_shares_equal_direct_counts() -> None:
    m, finals = _measured({"KZ": "random"})
    aktau = m.compiled.assets.index("aktau-expansion")
    progress = np.concatenate([f.asset_progress[:, aktau] for f in finals])
    online = np.concatenate([f.asset_online[:, aktau] for f in finals])
    funded = METRICS["aktau-funded"](m).value
    assert funded == (progress > 0).mean() > 0
    assert METRICS["aktau-completed"](m).value == online.mean()


def test_sway_throughput_clash_and_winner_measures_equal_the_final_states() -> None:
    m, finals = _measured({"AZ": "random"})
    c = m.compiled
    az, kz = c.actors.index("AZ"), c.actors.index("KZ")
    change = np.concatenate([f.influence[:, az, kz] for f in finals]) - c.influence0[az, kz]
    assert METRICS["turkic-sway"](m).value == pytest.approx(change.mean())
    assert METRICS["turkic-sway"](m).detail == pytest.approx({"AZ over KZ": change.mean()})
    pairs = METRICS["turkic-sway-pairs"](m)
    assert pairs.each and list(pairs.detail) == ["AZ over KZ"]
    k = c.corridors.index("middle-corridor")
    carried = np.concatenate([open_throughput(c, f)[:, k] for f in finals])
    corridor = METRICS["corridor-throughput"](m)
    assert corridor.value == pytest.approx(np.median(carried) - 0.78, abs=1e-3)
    assert corridor.detail["at the start"] == 0.78
    clash = np.concatenate([f.clash for f in finals])
    assert METRICS["armed-clash"](m).value == clash.mean()
    winners = METRICS["winner-share"](m)
    assert winners.each and sum(winners.detail.values()) == pytest.approx(1.0)


def test_checks_about_missing_actors_or_places_are_not_applicable() -> None:
    m, _ = _measured({})
    elsewhere = replace(m, subjects=replace(SUBJECTS, coercers=("XX",), turkic=("TR",),
                                            corridor="nowhere", asset="nothing"))
    for name in ("drill-share", "drills-over-blockades", "turkic-sway", "turkic-sway-pairs",
                 "corridor-throughput", "aktau-funded", "aktau-completed"):
        measure = METRICS[name](elsewhere)
        assert measure.value is None and not measure.detail and measure.note, name
        assert judge(name, CHECKS[name], measure).passed is None
    assert METRICS["dead-moves-hard"](m).value is None  # no hard sample
    assert METRICS["agency-vs-pass"](m).value is None  # no agency runs


def test_agency_margins_are_score_gaps_in_standard_deviations() -> None:
    m, _ = _measured({}, games=10)
    others = {name: np.array([8.0, 5.2, 1.0]) for name in ("pass", "random")}
    others |= {f"{kind.value}-only": np.array([10.0, 4.0, 0.0]) for kind in MoveKind
               if kind is not MoveKind.PASS}
    agency = Agency(normal=np.array([10.0, 5.0, 1.0]), sd=np.array([2.0, 1.0, 0.0]),
                    others=others)
    with_agency = replace(m, agency=agency)
    versus_pass = METRICS["agency-vs-pass"](with_agency)
    assert versus_pass.detail == pytest.approx({"RU": 1.0, "AZ": -0.2, "KZ": 0.0})
    result = judge("agency-vs-pass", CHECKS["agency-vs-pass"], versus_pass)
    assert (result.worst, result.passed) == ("AZ", False)
    assert result.measured == pytest.approx(-0.2)
    assert versus_pass.note == ("the turns that make AZ's margin: caspian-tabletop agency-gap "
                                "SCENARIO --seat AZ --yardstick pass (with --hard-games 300: "
                                "whether it beats the hard bot too)")
    kinds = judge("agency-vs-single-kind", CHECKS["agency-vs-single-kind"],
                  METRICS["agency-vs-single-kind"](with_agency))
    assert kinds.passed is True and kinds.measured == pytest.approx(0.0)
    assert len(kinds.detail) == 3 * 6  # six kinds of move besides passing


def test_a_paired_margin_says_its_sampling_error() -> None:
    m, _ = _measured({}, games=10)
    paired = Agency(normal=np.array([10.0, 5.0, 1.0]), sd=np.array([2.0, 1.0, 0.0]),
                    others={"pass": np.array([8.0, 5.004, 1.0])},
                    error={"pass": np.array([0.05, 0.002, 0.0])}, games=2000)
    versus_pass = METRICS["agency-vs-pass"](replace(m, agency=paired))
    assert versus_pass.note.startswith(
        "AZ: -0.004 ± 0.002 sd, one standard error of the paired difference over 2,000 "
        "games; the turns that make AZ's margin: caspian-tabletop agency-gap")


def test_paired_error_is_the_spread_of_the_game_by_game_gaps() -> None:
    normal = np.array([10.0, 12.0, 9.0, 13.0])
    assert paired_error(normal - normal) / 2.0 == 0.0  # the same games, the same scores
    gaps = normal - np.array([9.0, 12.0, 9.0, 11.0])  # 1, 0, 0, 2
    expected = np.std(gaps, ddof=1) / np.sqrt(4) / 2.0
    assert paired_error(normal - (normal - gaps)) / 2.0 == pytest.approx(expected)


def test_a_check_run_pairs_every_yardstick_with_the_normal_games() -> None:
    settings = Settings(games=20, seed=4, hard_positions=0, robustness=False)
    report = run_checks(plan_checks(scenario("tutorial"), settings))
    kinds = next(r for r in report.results if r.name == "agency-vs-single-kind")
    assert kinds.note.startswith(f"{kinds.worst}: ")
    assert "one standard error of the paired difference over 20 games" in kinds.note


def test_dead_moves_share_of_legal_decisions_and_kinds_never_legal() -> None:
    m, _ = _measured({}, games=10)
    tally = DecisionTally(m.compiled)
    trade, drill = KIND_INDEX[MoveKind.TRADE], KIND_INDEX[MoveKind.DRILL]
    summit = KIND_INDEX[MoveKind.SUMMIT]
    tally.legal[0, [trade, summit]] = [100, 50]
    tally.chosen[0, [trade, summit]] = [1, 50]
    tally.legal[1, trade] = 100  # legal for two actors: pooled, 5 of 200
    tally.chosen[1, trade] = 4
    measure = METRICS["dead-moves-normal"](replace(m, tally=tally))
    assert measure.detail == {"trade": 0.025, "summit": 1.0}
    assert "never legal: drill, blockade, invest" in measure.note
    assert drill not in measure.detail
    reported = judge("dead-moves-normal", CHECKS["dead-moves-normal"], measure)
    assert (reported.worst, reported.measured, reported.passed) == ("trade", 0.025, None)
    result = judge("dead-moves", CHECKS["dead-moves"], METRICS["dead-moves"](
        replace(m, tally=tally)))
    assert (result.worst, result.passed) == ("trade", True)
    tally.chosen[1, trade] = 0
    missed = judge("dead-moves", CHECKS["dead-moves"],
                   METRICS["dead-moves"](replace(m, tally=tally)))
    assert (missed.measured, missed.passed) == (0.005, False)


def test_a_kind_is_alive_if_either_normal_or_hard_bots_choose_it() -> None:
    m, _ = _measured({}, games=10)
    tally = DecisionTally(m.compiled)
    trade, drill = KIND_INDEX[MoveKind.TRADE], KIND_INDEX[MoveKind.DRILL]
    tally.legal[0, [trade, drill]] = [100, 100]
    tally.chosen[0, [trade, drill]] = [50, 0]  # normal bots never drill...
    hard = HardSample(chosen=np.zeros(len(KIND_INDEX), dtype=np.int64),
                      legal=np.zeros(len(KIND_INDEX), dtype=np.int64))
    hard.legal[[trade, drill]] = [10, 10]
    hard.chosen[[trade, drill]] = [0, 3]  # ...the hard bot does, and never trades
    both = replace(m, tally=tally, hard=hard)
    measure = METRICS["dead-moves"](both)
    assert measure.detail == {"trade": 0.5, "drill": 0.3}
    assert judge("dead-moves", CHECKS["dead-moves"], measure).passed is True
    # The counts behind the rarest kind's shares, so that a share of a few decisions reads
    # as one.
    assert measure.note.endswith(
        "normal bots chose drill at 0 of the 100 decisions where it was legal; "
        "the hard bot chose drill at 3 of the 10 decisions where it was legal")
    hard.chosen[drill] = 0
    dead = judge("dead-moves", CHECKS["dead-moves"], METRICS["dead-moves"](both))
    assert (dead.worst, dead.measured, dead.passed) == ("drill", 0.0, False)


def test_robustness_reports_the_worst_variant_and_counts_misses() -> None:
    spec = Spec("coercion", Target(high=0.15, strict=True), "early blockades")
    results = [(Variant(f"f{i}", "low", float(i)),
                judge("early-blockade", spec, Measure(value)))
               for i, value in enumerate([0.05, 0.20, 0.10, 0.30])]
    robust = worst_variant("early-blockade", spec, results)
    assert robust.name == "robust-early-blockade" and robust.group == "robustness"
    assert (robust.measured, robust.worst, robust.passed) == (0.30, "f3 low (3)", False)
    assert robust.note == "2 of 4 variants miss"
    fine = worst_variant("early-blockade", spec, results[:1] + results[2:3])
    assert (fine.measured, fine.passed) == (0.10, True)
    skipped = worst_variant("early-blockade", spec, [], "skipped (--no-robustness)")
    assert (skipped.measured, skipped.passed, skipped.note) == (
        None, None, "skipped (--no-robustness)")


def test_plan_skips_single_kind_seats_without_such_moves() -> None:
    plan = plan_checks(scenario("caspian-2021"), Settings(games=10, robustness_games=5))
    c = plan.compiled
    tr = c.actors.index("TR")  # not a littoral state: no drills or blockades
    assert (tr, "drill-only") not in plan.agency and (tr, "blockade-only") not in plan.agency
    assert (tr, "pass") in plan.agency and (tr, "trade-only") in plan.agency
    ranged = ranged_figures(scenario("caspian-2021"))
    assert len(plan.variants) + len(plan.idle) == 2 * len(ranged)
    assert plan.games == 10 * (1 + len(plan.agency)) + 5 * len(plan.variants)
    assert plan_checks(scenario("caspian-2021"), Settings(robustness=False)).variants == ()


def test_variants_that_change_nothing_the_rules_read_are_not_run() -> None:
    base = scenario("caspian-2021")
    plan = plan_checks(base, Settings(games=10, robustness_games=5))
    idle = {(v.path, v.end) for v in plan.idle}
    # An economy's size is shown on the profile screen and read by no rule; a range whose
    # high end is the value itself gives the base game again.
    assert ("actors.RU.economy_bn_usd", "low") in idle
    assert ("actors.AZ.navy[1].count", "high") in idle  # 4 (2–4)
    assert ("actors.AZ.navy[1].count", "low") not in idle  # two patrol ships fewer
    for variant in plan.variants:
        varied = compile_scenario(with_value(base, variant.path, variant.value))
        assert not plays_alike(plan.compiled, varied)
    for variant in plan.idle:
        varied = compile_scenario(with_value(base, variant.path, variant.value))
        assert plays_alike(plan.compiled, varied)


def test_a_run_is_deterministic() -> None:
    settings = Settings(games=20, seed=4, hard_positions=0, robustness=False)
    first = run_checks(plan_checks(scenario("tutorial"), settings))
    again = run_checks(plan_checks(scenario("tutorial"), settings))
    assert first == again
    assert [r.name for r in first.results] == [*CHECKS, *(f"robust-{n}" for n in ROBUST)]


def test_only_the_runs_the_targets_table_needs_are_planned(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check_targets, "CHECKS",
                        {"armed-clash": Spec("balance", Target(0.0, 1.0), "any clash share"),
                         "turkic-sway": CHECKS["turkic-sway"]})
    monkeypatch.setattr(check_targets, "ROBUST", ("turkic-sway", "early-blockade"))
    plan = plan_checks(scenario("tutorial"), Settings(games=20, robustness_games=5))
    assert plan.agency == () and plan.robust == ("turkic-sway",)
    assert len(plan.variants) + len(plan.idle) == 2 * 12 and plan.variants
    assert plan.games == 20 + 5 * len(plan.variants)
    report = run_checks(plan)
    assert [(r.name, r.passed) for r in report.results] == [
        ("armed-clash", True), ("turkic-sway", True), ("robust-turkic-sway", True)]
    assert not report.failed


def test_a_check_result_names_the_worst_entry_of_a_check_for_each() -> None:
    result: CheckResult = judge("winner-share", CHECKS["winner-share"],
                                Measure(None, {"RU": 0.10, "AZ": 0.30, "KZ": 0.60}, each=True))
    assert (result.measured, result.worst, result.passed) == (0.60, "KZ", False)


def test_the_hard_sample_counts_kinds_chosen_and_kinds_legal() -> None:
    c = compiled("tutorial")
    sample = hard_sample(c, 4, 11)
    assert sample.decisions == 4
    assert sample.legal[KIND_INDEX[MoveKind.PASS]] == 4  # a pass is always legal
    assert (sample.chosen <= sample.legal).all()
    assert sample.legal.sum() > 4  # other kinds were legal too
    measure = METRICS["dead-moves-hard"](replace(_measured({}, games=5)[0], hard=sample))
    kinds = [k for k in SUBJECTS.live_kinds if sample.legal[KIND_INDEX[k]] > 0]
    assert measure.detail == {
        k.value: sample.chosen[KIND_INDEX[k]] / sample.legal[KIND_INDEX[k]] for k in kinds}


def test_a_rule_coefficient_with_a_range_is_played_at_both_ends() -> None:
    """The designer's ranges of rule coefficients (rules.ranges) are robustness variants
    like sourced figures: each end is a scenario with that coefficient and nothing else
    changed."""
    base = scenario("caspian-2021")
    assert "rules.blockade_backlash" in ranged_figures(base)
    low = with_value(base, "rules.blockade_backlash", 0.0)
    assert low.rules.blockade_backlash == 0.0
    assert low.rules.model_copy(update={"blockade_backlash": 0.1}) == base.rules
    plan = plan_checks(base, Settings(games=10, robustness_games=5))
    ends = {(v.path, v.end, v.value) for v in plan.variants}
    assert {("rules.blockade_backlash", "low", 0.0),
            ("rules.blockade_backlash", "high", 0.25)} <= ends
