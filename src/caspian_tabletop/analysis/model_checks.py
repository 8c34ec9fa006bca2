"""The model-check suite: does competent play reproduce the dynamics of the source analysis?

One run with normal bots in every seat gives the balance, coercion, alignment, Aktau and
dead-move figures.  Then each actor's seat alone is played by yardsticks (always pass, random
moves, always one kind of move) for the agency checks, on the normal run's own games
(`paired_seat`); the hard bot is asked at sampled
decision points; and the coercion and alignment checks are run again, with fewer games, with
each ranged figure at its low and at its high end.  Every run uses the same seed, so that
two runs differ by their policies or figures and as little as possible by chance.

The targets come from analysis/check_targets.py, read when the checks are planned; only
the runs that the checks in the table need are made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.analysis import check_targets
from caspian_tabletop.analysis.balance import hard_sample
from caspian_tabletop.analysis.check_targets import Spec, Subjects, Target
from caspian_tabletop.analysis.decision_tally import DecisionTally
from caspian_tabletop.analysis.kind_policies import kind_actions
from caspian_tabletop.analysis.model_metrics import (
    METRICS,
    NEEDS_AGENCY,
    NEEDS_HARD,
    Agency,
    Measure,
    Measurements,
)
from caspian_tabletop.analysis.paired_seat import PairedSeat, paired_error
from caspian_tabletop.analysis.policies import ONLY, named_policy
from caspian_tabletop.analysis.sensitivity import (
    figure_at,
    plays_alike,
    ranged_figures,
    with_value,
)
from caspian_tabletop.analysis.simulate import Outcomes, run_outcomes
from caspian_tabletop.engine.batch import BatchPolicy
from caspian_tabletop.engine.compiled import Compiled, compile_scenario
from caspian_tabletop.scenario.schema import Scenario
from caspian_tabletop.scenario.yaml_loader import parse_dotted

Progress = Callable[[int], None]
YARDSTICKS = ("pass", "random", *ONLY)


@dataclass(frozen=True)
class Settings:
    games: int = 10_000
    seed: int = 0
    hard_positions: int = 400  # hard-bot decisions to sample (0: none)
    robustness_games: int = 1_000  # games per ranged figure and end
    robustness: bool = True


@dataclass(frozen=True)
class Variant:
    """The scenario with one ranged figure at one end of its range."""

    path: str
    end: str  # "low" or "high"
    value: float

    @property
    def label(self) -> str:
        return f"{self.path} {self.end} ({self.value:g})"


@dataclass(frozen=True)
class Plan:
    """The checks to judge and every run they need, known before any is made (to size a
    progress bar)."""

    scenario: Scenario
    compiled: Compiled
    settings: Settings
    checks: dict[str, Spec]
    subjects: Subjects
    robust: tuple[str, ...]  # checks also judged at every variant
    agency: tuple[tuple[int, str], ...]  # (actor, yardstick) seats to play
    variants: tuple[Variant, ...]
    idle: tuple[Variant, ...] = ()  # variants that change nothing the rules read: not run

    @property
    def games(self) -> int:
        s = self.settings
        return s.games * (1 + len(self.agency)) + s.robustness_games * len(self.variants)


@dataclass(frozen=True)
class CheckResult:
    name: str
    group: str
    measured: float | None  # None: not applicable here (see note)
    target: Target | None  # None: reported, not checked
    passed: bool | None  # None: nothing to pass or fail
    meaning: str
    claims: tuple[str, ...] = ()
    detail: dict[str, float] = field(default_factory=dict)
    worst: str | None = None  # the detail entry the measured value is
    note: str = ""


@dataclass(frozen=True)
class ModelReport:
    scenario: str
    title: str
    settings: Settings
    results: tuple[CheckResult, ...]

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(r for r in self.results if r.passed is False)


def plan_checks(scenario: Scenario, settings: Settings) -> Plan:
    """The checks of check_targets.CHECKS (about check_targets.SUBJECTS) and the runs they
    need."""
    checks = dict(check_targets.CHECKS)
    robust = tuple(name for name in check_targets.ROBUST if name in checks)
    c = compile_scenario(scenario)
    agency = tuple((a, name) for a in range(len(c.actors)) for name in YARDSTICKS
                   if name not in ONLY or kind_actions(c, a, ONLY[name]).size > 0
                   ) if NEEDS_AGENCY & checks.keys() else ()
    variants: list[Variant] = []
    idle: list[Variant] = []
    if settings.robustness and robust:
        for path in ranged_figures(scenario):
            figure = figure_at(scenario, parse_dotted(path))
            assert figure is not None
            for variant in (Variant(path, "low", figure.lo), Variant(path, "high", figure.hi)):
                varied = compile_scenario(with_value(scenario, path, variant.value))
                (idle if plays_alike(c, varied) else variants).append(variant)
    return Plan(scenario, c, settings, checks, check_targets.SUBJECTS, robust, agency,
                tuple(variants), tuple(idle))


def run_checks(plan: Plan, progress: Progress | None = None) -> ModelReport:
    """Make every run of `plan` and judge each of its checks."""
    c, settings, subjects = plan.compiled, plan.settings, plan.subjects
    outcomes, tally = observed_run(c, settings.games, settings.seed, progress,
                                   keep_scores=bool(plan.agency))
    agency = agency_runs(plan, outcomes, progress) if plan.agency else None
    hard = (hard_sample(c, settings.hard_positions, settings.seed)
            if settings.hard_positions > 0 and NEEDS_HARD & plan.checks.keys() else None)
    base = Measurements(c, subjects, outcomes, tally, agency, hard)
    results = [judge(name, spec, METRICS[name](base)) for name, spec in plan.checks.items()]
    results += robustness(plan, {name: plan.checks[name] for name in plan.robust}, subjects,
                          progress)
    return ModelReport(plan.scenario.id, plan.scenario.title, settings, tuple(results))


def observed_run(c: Compiled, games: int, seed: int, progress: Progress | None,
                 keep_scores: bool = False) -> tuple[Outcomes, DecisionTally]:
    """Normal bots in every seat, every decision tallied (and, with `keep_scores`, every
    game's final scores kept, for the paired agency runs)."""
    tally = DecisionTally(c)
    normal = GreedyPolicy.for_scenario(c)
    outcomes = run_outcomes(c, games, seed, [normal] * len(c.actors), progress=progress,
                            observer=tally, keep_scores=keep_scores)
    return outcomes, tally


def agency_runs(plan: Plan, normal: Outcomes, progress: Progress | None) -> Agency:
    """Each planned (actor, yardstick) seat against normal bots, on the normal run's games
    (`PairedSeat`); a single-kind yardstick with no move of its kind is the pass yardstick,
    and is not run twice."""
    c, s = plan.compiled, plan.settings
    others = {name: np.zeros(len(c.actors)) for name in YARDSTICKS}
    error = {name: np.zeros(len(c.actors)) for name in YARDSTICKS}
    sd = normal.scores.sd()
    base = normal.final_scores()
    bot = GreedyPolicy.for_scenario(c)
    for actor, name in plan.agency:
        seats: list[BatchPolicy] = [bot] * len(c.actors)
        own = np.random.default_rng([s.seed, actor, YARDSTICKS.index(name)])
        seats[actor] = PairedSeat(bot, named_policy(c, name), own)
        out = run_outcomes(c, s.games, s.seed, seats, progress=progress, keep_scores=True)
        others[name][actor] = out.scores.mean[actor]
        error[name][actor] = (paired_error(base[:, actor] - out.final_scores()[:, actor])
                              / max(float(sd[actor]), 1e-9))
    played = set(plan.agency)
    for actor in range(len(c.actors)):
        for name in ONLY:
            if (actor, name) not in played:
                others[name][actor] = others["pass"][actor]
                error[name][actor] = error["pass"][actor]
    return Agency(normal.scores.mean.copy(), sd, others, error, s.games)


def robustness(plan: Plan, specs: dict[str, Spec], subjects: Subjects,
               progress: Progress | None) -> list[CheckResult]:
    """The `specs` checks again at every variant; each result is the worst variant's."""
    s = plan.settings
    found: dict[str, list[tuple[Variant, CheckResult]]] = {name: [] for name in specs}
    for variant in plan.variants:
        c = compile_scenario(with_value(plan.scenario, variant.path, variant.value))
        outcomes, tally = observed_run(c, s.robustness_games, s.seed, progress)
        measured = Measurements(c, subjects, outcomes, tally)
        for name, spec in specs.items():
            found[name].append((variant, judge(name, spec, METRICS[name](measured))))
    skipped = "" if s.robustness else "skipped (--no-robustness)"
    return [worst_variant(name, spec, found[name], skipped) for name, spec in specs.items()]


def judge(name: str, spec: Spec, measure: Measure) -> CheckResult:
    """A measurement against its target.  A check that holds for each entry of its detail
    reports the entry nearest to failing (or furthest past it)."""
    target, value, worst = spec.target, measure.value, None
    if measure.each and measure.detail:
        values = measure.detail
        worst = (min(values, key=lambda k: target.margin(values[k])) if target is not None
                 else min(values, key=values.__getitem__))
        value = values[worst]
        passed = (all(target.met(v) for v in values.values()) if target is not None
                  else None)
    else:
        passed = target.met(value) if target is not None and value is not None else None
    return CheckResult(name, spec.group, value, target, passed, spec.meaning, spec.claims,
                       measure.detail, worst, measure.note)


def worst_variant(name: str, spec: Spec, results: list[tuple[Variant, CheckResult]],
                  note: str = "") -> CheckResult:
    """One robustness result from a check's results at every variant."""
    robust = f"robust-{name}"
    meaning = f"{name} with every ranged figure at its low and at its high end (shown: the worst)"
    values = {v.label: r.measured for v, r in results if r.measured is not None}
    if not values or spec.target is None:
        why = note or (results[0][1].note if results else "no ranged figures")
        return CheckResult(robust, "robustness", None, spec.target, None, meaning,
                           spec.claims, note=why)
    target = spec.target
    worst = min(values, key=lambda label: target.margin(values[label]))
    missed = sum(1 for _, r in results if r.passed is False)
    return CheckResult(robust, "robustness", values[worst], target, missed == 0, meaning,
                       spec.claims, values, worst, f"{missed} of {len(values)} variants miss")
