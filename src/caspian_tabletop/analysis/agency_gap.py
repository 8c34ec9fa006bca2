"""Where a seat's normal bot loses to a yardstick: the yardstick's move swapped in one turn.

check-model's agency checks say whether a yardstick seat (always trade, always invest, ...)
beats the normal bot, not why.  Here the seat plays the normal bot in every turn but one, in
which it plays the yardstick's move, and the final score is compared with the normal bot's,
term by term: a turn whose swap gains is a turn where the bot's choice costs it, and the
terms say through what (the routes, revenue, a clash).

Every run asks both policies at every decision of the seat and plays one of them, so each
run draws the same random numbers in the same order as the others; the games of two runs
are the same games until their moves differ, and the difference of each pair measures the
swap, not the luck of the draw.  Figures are in standard deviations of the seat's score in
the normal run, as in check-model, each with the standard error of its paired mean.

A yardstick that beats the normal bot may only be exploiting its one-step view.  On request
the seat is also played by the hard bot, which plays each candidate out to the game's end, in
a smaller set of games (seconds a game), against the yardstick and the normal bot in the same
games: whether the yardstick beats competent play too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from caspian_tabletop.ai.hard_policy import HardPolicy
from caspian_tabletop.analysis.paired_seat import paired_error
from caspian_tabletop.analysis.policies import named_policy
from caspian_tabletop.engine.arrays import BoolArr, FloatArr, IntArr
from caspian_tabletop.engine.batch import BatchPolicy, run_games
from caspian_tabletop.engine.compiled import KIND_ORDER, Compiled
from caspian_tabletop.engine.scoring import SCORE_TERMS, contributions
from caspian_tabletop.engine.state import BatchState

EVERY_TURN = 0  # the swap turn meaning: the yardstick plays every turn


@dataclass
class SwapAt:
    """The seat's policy for one run: the yardstick's move in turn `turn` (every turn for
    `EVERY_TURN`, none for None), the normal bot's otherwise, or `instead`'s where given.
    Counts, per turn, the kinds of those own choices in games still running."""

    normal: BatchPolicy
    yardstick: BatchPolicy
    turns: int
    turn: int | None
    instead: BatchPolicy | None = None  # plays every move instead of both (its own draws)
    kinds: IntArr = field(init=False)

    def __post_init__(self) -> None:
        self.kinds = np.zeros((self.turns, len(KIND_ORDER)), dtype=np.int64)

    def choose(self, c: Compiled, st: BatchState, actor: int, rng: np.random.Generator
               ) -> IntArr:
        # Both choose in every run, used or not, so that every run draws the same numbers
        # from the run's generator and plays the same games (`instead` has its own).
        own = self.normal.choose(c, st, actor, rng)
        other = self.yardstick.choose(c, st, actor, rng)
        if self.instead is not None:
            own = self.instead.choose(c, st, actor, rng)
        live = ~st.over
        np.add.at(self.kinds, (st.turn[live] - 1, c.act_kind[own[live]]), 1)
        if self.turn is None:
            return own
        swapped = np.ones(st.size, dtype=bool) if self.turn == EVERY_TURN else st.turn == self.turn
        return np.where(swapped, other, own)

    def answer(self, c: Compiled, st: BatchState, rows: IntArr, action: IntArr,
               rng: np.random.Generator) -> BoolArr:
        return self.normal.answer(c, st, rows, action, rng)


@dataclass(frozen=True)
class Swap:
    """The yardstick's move in one turn (or every turn) against the normal bot's."""

    turn: int  # EVERY_TURN for the yardstick seat of check-model
    gain: float  # the yardstick's mean gain, in sd of the seat's normal score
    error: float  # the standard error of that mean (paired games)
    terms: dict[str, float]  # the gain by score term, in sd


@dataclass(frozen=True)
class HardComparison:
    """The seat played by the hard bot, in `games` games of their own (the same games for
    each of the three runs), against the normal bot and the yardstick there; gains in sd of
    the seat's score in the main normal run."""

    games: int
    over_normal: Swap  # the hard bot's gain over the normal bot
    yardstick_over_hard: Swap  # the yardstick's gain over the hard bot
    chosen: list[dict[str, float]]  # per turn, the hard bot's kind shares


@dataclass(frozen=True)
class GapReport:
    """What `agency_gap` measured for one seat and one yardstick."""

    actor: str
    yardstick: str
    games: int
    seed: int
    sd: float  # the seat's score spread in the normal run (gains are in points if it is 0)
    chosen: list[dict[str, float]]  # per turn, the normal bot's kind shares
    overall: Swap
    turns: list[Swap]
    hard: HardComparison | None = None


def _terms(c: Compiled, final: BatchState, actor: int) -> FloatArr:
    """[n, terms] the seat's final points per score term."""
    points: FloatArr = contributions(c, final, np.full(final.size, actor))[:, 0]
    return points


def _swap(turn: int, base: FloatArr, run: FloatArr, unit: float) -> Swap:
    paired = (run - base).sum(axis=1)
    error = paired_error(paired)
    by_term = (run - base).mean(axis=0) / unit
    return Swap(turn, float(paired.mean() / unit), error / unit,
                {name: float(v) for name, v in zip(SCORE_TERMS, by_term, strict=True)})


def agency_gap(c: Compiled, actor: int, yardstick: str, games: int, seed: int,
               hard_games: int = 0) -> GapReport:
    """Normal bots in every seat, the seat `actor` swapping in `yardstick`'s move in each
    turn in turn, and in every turn at once; with `hard_games`, the hard bot in the seat too
    (`HardComparison`)."""
    bot = named_policy(c, "normal")
    other = named_policy(c, yardstick)

    def play(turn: int | None, n: int = games, instead: BatchPolicy | None = None
             ) -> tuple[FloatArr, SwapAt]:
        seat = SwapAt(bot, other, c.turns, turn, instead)
        seats: list[BatchPolicy] = [bot] * len(c.actors)
        seats[actor] = seat
        return _terms(c, run_games(c, n, seed, seats), actor), seat

    base, normal_seat = play(None)
    sd = float(base.sum(axis=1).std())
    unit = sd if sd > 0 else 1.0  # a score that never varies: gains in points
    overall = _swap(EVERY_TURN, base, play(EVERY_TURN)[0], unit)
    turns = [_swap(t, base, play(t)[0], unit) for t in range(1, c.turns + 1)]
    hard = None
    if hard_games > 0:
        normal_few, _ = play(None, hard_games)
        yardstick_few, _ = play(EVERY_TURN, hard_games)
        searched = HardPolicy(np.random.default_rng(seed))
        hard_few, hard_seat = play(None, hard_games, searched)
        hard = HardComparison(hard_games, _swap(EVERY_TURN, normal_few, hard_few, unit),
                              _swap(EVERY_TURN, hard_few, yardstick_few, unit),
                              _shares(hard_seat))
    return GapReport(c.actors[actor], yardstick, games, seed, sd, _shares(normal_seat),
                     overall, turns, hard)


def _shares(seat: SwapAt) -> list[dict[str, float]]:
    """Per turn, the kinds the seat chose (when it played its own move) as shares."""
    shares = seat.kinds / np.maximum(seat.kinds.sum(axis=1, keepdims=True), 1)
    return [{KIND_ORDER[k].value: float(share[k]) for k in np.flatnonzero(share)}
            for share in shares]
