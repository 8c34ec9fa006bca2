"""A yardstick seat played on the normal bot's own games, so that an agency margin measures
the two policies and not the luck of two separate runs.

A seat that plays a yardstick in a run of its own draws other random numbers from the first
move on (a yardstick asks for fewer or more of them than the bot), so its games share only
the seed with the normal run: a yardstick that plays exactly as the bot still differs from it
by a standard error of the difference of two independent means, √2 ÷ √games of the seat's
spread (0.014 sd in 10,000 games, docs/balance.md step 17). Here the normal bot is asked at
every decision of the seat, drawing what it draws in the normal run, and the yardstick draws
from a generator of its own: the games are the normal run's games until the seat's moves
differ, and the margin is the effect of the moves that differ.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from caspian_tabletop.engine.arrays import BoolArr, FloatArr, IntArr
from caspian_tabletop.engine.batch import BatchPolicy
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.state import BatchState


@dataclass
class PairedSeat:
    """`yardstick` plays the seat; `normal` is asked too, with the run's generator."""

    normal: BatchPolicy
    yardstick: BatchPolicy
    own: np.random.Generator  # the yardstick's draws, apart from the run's

    def choose(self, c: Compiled, st: BatchState, actor: int, rng: np.random.Generator
               ) -> IntArr:
        self.normal.choose(c, st, actor, rng)
        return self.yardstick.choose(c, st, actor, self.own)

    def answer(self, c: Compiled, st: BatchState, rows: IntArr, action: IntArr,
               rng: np.random.Generator) -> BoolArr:
        return self.yardstick.answer(c, st, rows, action, self.own)


def paired_error(differences: FloatArr) -> float:
    """The standard error of the mean of game-by-game `differences` between two runs of the
    same games (0 with fewer than two games): the sampling error of a paired margin."""
    if differences.size < 2:
        return 0.0
    return float(differences.std(ddof=1) / np.sqrt(differences.size))
