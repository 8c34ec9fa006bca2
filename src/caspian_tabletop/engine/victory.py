"""Victory levels and the ranking: how far each actor ends from its par, in its own spread.

Scores measure different objectives and vary by different amounts, so each actor is judged by
its margin (score − par) / sd, with par and sd from the scenario's `victory` block (made by
`caspian-tabletop calibrate` across several bot populations).  Measured in points, an actor
whose score swings widely would often end far above par and "win" by luck; in its own spread
it wins only by doing unusually well for that actor.

The margin gives a level: held within `marginal` sd of par, a marginal gain or loss beyond it,
a decisive one beyond `decisive` sd.  The actor's plain goals then adjust it: every goal met
raises the level one step, no goal met lowers it one step (an actor without goals keeps
its level).  The ranking is by level, then by margin; the winner heads it.

Without a `victory` block, par is the score of the opening position and sd is DEFAULT_SD.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.goals import Reading, goal_totals, met_counts, readings
from caspian_tabletop.engine.scoring import scores
from caspian_tabletop.engine.state import BatchState, initial_state

LEVELS = ("decisive loss", "marginal loss", "held", "marginal gain", "decisive gain")
DEFAULT_SD = 10.0
DEFAULT_MARGINAL = 0.5
DEFAULT_DECISIVE = 1.5


@dataclass(frozen=True)
class Standard:
    """Per actor par and sd (points); the margins of the levels in sd; whether the scenario
    calibrated them (False: the opening score and DEFAULT_SD stand in)."""

    par: FloatArr
    sd: FloatArr
    marginal: float
    decisive: float
    calibrated: bool


def standard(c: Compiled) -> Standard:
    """The scenario's victory standard (cached per compiled scenario)."""
    cached: Standard | None = c.__dict__.get("_victory_standard")
    if cached is not None:
        return cached
    block = c.scenario.victory
    if block is None:
        made = Standard(scores(c, initial_state(c, 1))[0], np.full(len(c.actors), DEFAULT_SD),
                        DEFAULT_MARGINAL, DEFAULT_DECISIVE, calibrated=False)
    else:
        made = Standard(np.array([block.actors[a].par for a in c.actors]),
                        np.array([block.actors[a].sd for a in c.actors]),
                        block.marginal, block.decisive, calibrated=True)
    object.__setattr__(c, "_victory_standard", made)
    return made


def margins(c: Compiled, final: FloatArr) -> FloatArr:
    """[..., A] (score − par) / sd of final scores [..., A]."""
    std = standard(c)
    return np.asarray((final - std.par) / std.sd)


def score_levels(c: Compiled, margin: FloatArr) -> IntArr:
    """[..., A] index into LEVELS from the margin alone, before the goals adjust it."""
    std = standard(c)
    return np.asarray((margin > -std.decisive).astype(np.int64) + (margin > -std.marginal)
                      + (margin >= std.marginal) + (margin >= std.decisive), dtype=np.int64)


def adjusted(base: IntArr, met: IntArr, totals: IntArr) -> IntArr:
    """Levels raised a step where every goal is met and lowered one where none is (actors
    without goals, `totals` 0, keep theirs); `met` [..., A], `totals` [A]."""
    step = np.where(totals > 0, (met == totals).astype(np.int64) - (met == 0), 0)
    return np.asarray(np.clip(base + step, 0, len(LEVELS) - 1), dtype=np.int64)


@dataclass(frozen=True)
class Judgement:
    """Games [B] judged per actor [A]: scores, margins in sd, levels from the margin alone
    and after the goals, and goals met (of `goals` [A] each)."""

    scores: FloatArr
    margin: FloatArr
    base: IntArr
    level: IntArr
    met: IntArr
    goals: IntArr

    def winners(self) -> IntArr:
        """[B] the actor at the head of each game's ranking."""
        return np.asarray(self.ranking()[:, 0], dtype=np.int64)

    def ranking(self) -> IntArr:
        """[B, A] actors best first: the highest level, then the largest margin (ties by
        scenario order)."""
        order = np.lexsort((-self.margin, -self.level), axis=-1)
        return np.asarray(order, dtype=np.int64)


def judge(c: Compiled, st: BatchState) -> Judgement:
    """Judge every game of `st` as if it ended now."""
    points = scores(c, st)
    margin = margins(c, points)
    base = score_levels(c, margin)
    met, totals = met_counts(c, st), goal_totals(c)
    return Judgement(points, margin, base, adjusted(base, met, totals), met, totals)


@dataclass(frozen=True)
class Verdict:
    """One actor's result in one game, with everything a player is told about it."""

    actor: str
    score: float
    par: float
    sd: float
    margin: float  # (score − par) / sd
    base_level: str  # from the margin alone
    level: str  # after the goals adjust it
    goals: tuple[Reading, ...]

    @property
    def met(self) -> int:
        return sum(r.met for r in self.goals)


def verdicts(c: Compiled, st: BatchState, row: int = 0) -> list[Verdict]:
    """Every actor's verdict in game `row` of `st`, as if it ended now, best first."""
    judged, std = judge(c, st), standard(c)
    out = []
    for i in judged.ranking()[row]:
        a = int(i)
        out.append(Verdict(c.actors[a], float(judged.scores[row, a]), float(std.par[a]),
                           float(std.sd[a]), float(judged.margin[row, a]),
                           LEVELS[int(judged.base[row, a])], LEVELS[int(judged.level[row, a])],
                           tuple(readings(c, st, c.actors[a], row))))
    return out
