"""The hard bot on a batch: its search asked game by game, for measurements.

The single-kind yardsticks of the agency checks beat the normal bot for a few seats; the
question a designer then asks is whether they beat competent play too.  The hard bot is the
competent player we have, but it decides for one game at a time.  This policy asks its search
(`bots.searched_action`) for every running game of a batch, so that it can sit in a seat of
`run_games` beside the batch policies.  It draws only from its own generator: a run that asks
it draws the same numbers from the run's generator as a run that does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from caspian_tabletop.ai.bots import HARD_PLAYOUTS, searched_action
from caspian_tabletop.ai.greedy_policy import GreedyPolicy, objective_answers
from caspian_tabletop.engine.arrays import BoolArr, IntArr
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.state import BatchState


@dataclass
class HardPolicy:
    """The hard bot's choice in every running game; a pass in finished ones."""

    own_rng: np.random.Generator
    playouts: int = HARD_PLAYOUTS
    rollout: GreedyPolicy | None = field(default=None, repr=False)

    def choose(self, c: Compiled, st: BatchState, actor: int, rng: np.random.Generator
               ) -> IntArr:
        if self.rollout is None:
            self.rollout = GreedyPolicy.for_scenario(c)
        action = np.full(st.size, c.pass_action(actor), dtype=np.int64)
        for row in np.flatnonzero(~st.over):
            action[row], _ = searched_action(c, st.take(np.array([row])), actor,
                                             self.playouts, self.rollout, self.own_rng)
        return action

    def answer(self, c: Compiled, st: BatchState, rows: IntArr, action: IntArr,
               rng: np.random.Generator) -> BoolArr:
        return objective_answers(c, st, rows, action)
