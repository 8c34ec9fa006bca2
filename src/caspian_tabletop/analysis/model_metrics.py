"""The model checks' measurements: one function per check of analysis/check_targets.py,
each reading the running figures of a batched run (and of the agency and hard-bot runs).

They only measure: nothing here changes how a game is played.  A measurement that a scenario
cannot make (it lacks the actors, corridor or asset a check is about) has no value and says
why in its note.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from caspian_tabletop.analysis.balance import HardSample
from caspian_tabletop.analysis.check_targets import Subjects
from caspian_tabletop.analysis.decision_tally import DecisionTally
from caspian_tabletop.analysis.policies import ONLY
from caspian_tabletop.analysis.simulate import Outcomes
from caspian_tabletop.domain.figures import hundredths
from caspian_tabletop.domain.moves import MoveKind
from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.compiled import KIND_INDEX, Compiled


@dataclass(frozen=True)
class Measure:
    """A measured value with its breakdown.  With `each`, the target applies to every entry
    of `detail` and the value is the entry nearest to failing (see model_checks)."""

    value: float | None
    detail: dict[str, float] = field(default_factory=dict)
    each: bool = False
    note: str = ""


@dataclass(frozen=True)
class Agency:
    """Mean final scores of each actor when its seat alone plays another policy.

    `others[name][a]` is actor a's mean when a's seat plays policy `name` and every other
    seat plays the normal bot; `normal` and `sd` are the all-normal run's means and standard
    deviations.  The seat plays the normal run's own games, so the two runs pair game by game:
    `error[name][a]` is the standard error of their mean difference over `games` games, in
    units of `sd[a]` (empty when the runs were not paired)."""

    normal: FloatArr
    sd: FloatArr
    others: dict[str, FloatArr]
    error: dict[str, FloatArr] = field(default_factory=dict)
    games: int = 0


@dataclass(frozen=True)
class Measurements:
    """Everything the checks read: the all-normal run (outcomes and decisions), and, when
    they were run, the agency runs and the hard-bot sample."""

    compiled: Compiled
    subjects: Subjects
    outcomes: Outcomes
    tally: DecisionTally
    agency: Agency | None = None
    hard: HardSample | None = None

    def indices(self, actors: tuple[str, ...]) -> list[int]:
        """The scenario indices of those of `actors` it has."""
        return [self.compiled.actors.index(a) for a in actors if a in self.compiled.actors]


def not_applicable(why: str) -> Measure:
    return Measure(None, note=why)


def winner_share(m: Measurements) -> Measure:
    out = m.outcomes
    return Measure(None, {a: float(out.wins[i] / out.games)
                          for i, a in enumerate(m.compiled.actors)}, each=True)


def armed_clash(m: Measurements) -> Measure:
    return Measure(m.outcomes.clashes / m.outcomes.games)


def _coercers_share(m: Measurements, kind: MoveKind) -> tuple[float, dict[str, float]] | None:
    """The share of the coercers' decisions that chose `kind`, pooled and per coercer."""
    chosen = m.indices(m.subjects.coercers)
    decisions = m.tally.decisions[chosen]
    if not chosen or decisions.sum() == 0:
        return None
    picks = m.tally.chosen[chosen, KIND_INDEX[kind]]
    return (float(picks.sum() / decisions.sum()),
            {m.compiled.actors[a]: float(p / max(d, 1))
             for a, p, d in zip(chosen, picks, decisions, strict=True)})


def drill_share(m: Measurements) -> Measure:
    drills = _coercers_share(m, MoveKind.DRILL)
    if drills is None:
        return not_applicable(f"none of {', '.join(m.subjects.coercers)} in this scenario")
    return Measure(drills[0], drills[1])


def drills_over_blockades(m: Measurements) -> Measure:
    drills = _coercers_share(m, MoveKind.DRILL)
    blockades = _coercers_share(m, MoveKind.BLOCKADE)
    if drills is None or blockades is None:
        return not_applicable(f"none of {', '.join(m.subjects.coercers)} in this scenario")
    return Measure(drills[0] - blockades[0],
                   {a: share - blockades[1][a] for a, share in drills[1].items()})


def _first_blockades(m: Measurements, turns: slice) -> Measure:
    """The share of games whose first blockade (by anyone, and by each actor) came in
    `turns` (turn 0 of the tally is never)."""
    games = m.tally.games
    return Measure(float(m.tally.first_blockade_any[turns].sum() / games),
                   {a: float(m.tally.first_blockade[i, turns].sum() / games)
                    for i, a in enumerate(m.compiled.actors)})


def early_blockade(m: Measurements) -> Measure:
    return _first_blockades(m, slice(1, m.subjects.early_turns + 1))


def blockade_games(m: Measurements) -> Measure:
    return _first_blockades(m, slice(1, None))


def _sway_changes(m: Measurements) -> dict[str, float]:
    """Mean end-minus-start sway of each Turkic actor over each Central Asian one."""
    out, actors = m.outcomes, m.compiled.actors
    return {f"{actors[a]} over {actors[b]}": float(out.influence_change[a, b] / out.games)
            for a in m.indices(m.subjects.turkic) for b in m.indices(m.subjects.central_asia)
            if a != b}


def _no_pairs(m: Measurements) -> Measure:
    return not_applicable(f"no pair of {', '.join(m.subjects.turkic)} and "
                          f"{', '.join(m.subjects.central_asia)} in this scenario")


def turkic_sway(m: Measurements) -> Measure:
    changes = _sway_changes(m)
    if not changes:
        return _no_pairs(m)
    return Measure(float(np.mean(list(changes.values()))), changes)


def turkic_sway_pairs(m: Measurements) -> Measure:
    changes = _sway_changes(m)
    return Measure(None, changes, each=True) if changes else _no_pairs(m)


def corridor_throughput(m: Measurements) -> Measure:
    c = m.compiled
    if m.subjects.corridor not in c.corridors:
        return not_applicable(f"no corridor {m.subjects.corridor} in this scenario")
    k = c.corridors.index(m.subjects.corridor)
    median = m.outcomes.throughput_spread[k].percentile(50)
    start = float(c.throughput0[k])
    return Measure(median - start, {"median at the end": median, "at the start": start})


def _asset(m: Measurements) -> int | None:
    return (m.compiled.assets.index(m.subjects.asset) if m.subjects.asset in m.compiled.assets
            else None)


def aktau_funded(m: Measurements) -> Measure:
    asset, funder = _asset(m), m.indices((m.subjects.funder,))
    if asset is None or not funder:
        return not_applicable(f"no asset {m.subjects.asset} or actor {m.subjects.funder} in "
                              "this scenario")
    return Measure(float(m.tally.invested[funder[0], asset] / m.tally.games))


def aktau_completed(m: Measurements) -> Measure:
    asset = _asset(m)
    if asset is None:
        return not_applicable(f"no asset {m.subjects.asset} in this scenario")
    return Measure(float(m.tally.completed[asset] / m.tally.games))


def _margins(m: Measurements, names: list[str], label: Callable[[str, str], str]) -> Measure:
    """(normal − other) / sd for each actor and each of the policies `names`; the note says
    how to find the turns that make the narrowest margin, and whether competent play loses
    to it too."""
    if m.agency is None:
        return not_applicable("agency runs were skipped")
    ag = m.agency
    sd = np.maximum(ag.sd, 1e-9)  # a score that never varies: any gap is decisive
    margins = {(a, name): float((ag.normal[i] - ag.others[name][i]) / sd[i])
               for i, a in enumerate(m.compiled.actors) for name in names}
    actor, name = min(margins, key=margins.__getitem__)
    note = (f"the turns that make {label(actor, name)}'s margin: caspian-tabletop agency-gap "
            f"SCENARIO --seat {actor} --yardstick {name} (with --hard-games 300: whether it "
            "beats the hard bot too)")
    if name in ag.error:
        error = float(ag.error[name][m.compiled.actors.index(actor)])
        note = (f"{label(actor, name)}: {hundredths(margins[actor, name], signed=True)} ± "
                f"{_error_text(error)} sd, "
                f"one standard error of the paired difference over {ag.games:,} games; "
                + note)
    return Measure(None, {label(a, n): v for (a, n), v in margins.items()}, each=True,
                   note=note)


def _error_text(value: float) -> str:
    """A standard error to two decimals, or to one significant digit below 0.01."""
    return f"{value:.2f}" if value == 0 or value >= 0.01 else f"{value:.1g}"


def agency_vs_pass(m: Measurements) -> Measure:
    return _margins(m, ["pass"], lambda actor, _: actor)


def agency_vs_random(m: Measurements) -> Measure:
    return _margins(m, ["random"], lambda actor, _: actor)


def agency_vs_single_kind(m: Measurements) -> Measure:
    return _margins(m, list(ONLY), lambda actor, name: f"{actor} {name}")


def _dead_moves(m: Measurements, chosen: IntArr, legal: IntArr, who: str) -> Measure:
    """The share of decisions where each live kind was legal in which it was chosen; the
    note gives the rarest kind's counts, so a share of a few decisions reads as such."""
    detail = {kind.value: float(chosen[KIND_INDEX[kind]] / legal[KIND_INDEX[kind]])
              for kind in m.subjects.live_kinds if legal[KIND_INDEX[kind]] > 0}
    never = [kind.value for kind in m.subjects.live_kinds if legal[KIND_INDEX[kind]] == 0]
    notes = [f"never legal: {', '.join(never)}"] if never else []
    if detail:
        notes.append(_counts(who, chosen, legal, min(detail, key=detail.__getitem__)))
    return Measure(None, detail, each=True, note="; ".join(notes))


def _counts(who: str, chosen: IntArr, legal: IntArr, kind: str) -> str:
    i = KIND_INDEX[MoveKind(kind)]
    return f"{who} chose {kind} at {chosen[i]:,} of the {legal[i]:,} decisions where it was legal"


def dead_moves_normal(m: Measurements) -> Measure:
    return _dead_moves(m, m.tally.chosen.sum(axis=0), m.tally.legal.sum(axis=0),
                       "normal bots")


def dead_moves_hard(m: Measurements) -> Measure:
    if m.hard is None or m.hard.decisions == 0:
        return not_applicable("no hard-bot decisions sampled (--hard-positions 0)")
    return _dead_moves(m, m.hard.chosen, m.hard.legal, "the hard bot")


def dead_moves(m: Measurements) -> Measure:
    """Per kind, the larger of the normal and the hard share: the issue's "by normal or
    hard bots".  Without a hard sample, the normal share alone.  The note gives the counts
    behind the rarest kind's shares."""
    normal = dead_moves_normal(m)
    hard = dead_moves_hard(m)
    detail = {kind: max(share, hard.detail.get(kind, 0.0))
              for kind, share in normal.detail.items()}
    detail.update({kind: share for kind, share in hard.detail.items() if kind not in detail})
    notes = [part for part in normal.note.split("; ") if part.startswith("never legal")]
    if detail:
        rarest = min(detail, key=detail.__getitem__)
        notes.append(_counts("normal bots", m.tally.chosen.sum(axis=0),
                             m.tally.legal.sum(axis=0), rarest))
        if m.hard is not None and hard.detail:
            notes.append(_counts("the hard bot", m.hard.chosen, m.hard.legal, rarest))
    return Measure(None, detail, each=True, note="; ".join(notes))


METRICS: dict[str, Callable[[Measurements], Measure]] = {
    "winner-share": winner_share,
    "armed-clash": armed_clash,
    "drill-share": drill_share,
    "drills-over-blockades": drills_over_blockades,
    "early-blockade": early_blockade,
    "blockade-games": blockade_games,
    "turkic-sway": turkic_sway,
    "turkic-sway-pairs": turkic_sway_pairs,
    "corridor-throughput": corridor_throughput,
    "aktau-funded": aktau_funded,
    "aktau-completed": aktau_completed,
    "agency-vs-pass": agency_vs_pass,
    "agency-vs-random": agency_vs_random,
    "agency-vs-single-kind": agency_vs_single_kind,
    "dead-moves": dead_moves,
    "dead-moves-normal": dead_moves_normal,
    "dead-moves-hard": dead_moves_hard,
}

# The checks that need the agency runs, and the one that needs the hard-bot sample.
NEEDS_AGENCY = frozenset({"agency-vs-pass", "agency-vs-random", "agency-vs-single-kind"})
NEEDS_HARD = frozenset({"dead-moves", "dead-moves-hard"})
