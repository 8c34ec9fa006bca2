"""Greedy play over a whole batch: each game picks its actor's best one-step move.

A `BatchPolicy` for Monte Carlo runs and for the hard bot's rollouts.  Every (game,
candidate) pair that is legal is valued with `outlook`, in chunks so that large batches stay
within memory; trade offers are answered from the partner's own objectives.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.ai.outlook import outlook
from caspian_tabletop.engine.batch import statically_legal_actions
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.decisions import partner_accepts
from caspian_tabletop.engine.legality import is_legal
from caspian_tabletop.engine.state import BatchState

IntArr = NDArray[np.int64]
BoolArr = NDArray[np.bool_]

CHUNK_PAIRS = 4096  # stacked candidate rows per resolve call (small chunks stay in cache)


def objective_answers(c: Compiled, st: BatchState, rows: IntArr, action: IntArr) -> BoolArr:
    """The partner of `action[i]` in game `rows[i]` accepts when the deal does not cost it."""
    if rows.size == 0:
        return np.zeros(0, dtype=bool)
    return partner_accepts(c, st.take(rows), action)


@dataclass
class GreedyPolicy:
    """Maximise the actor's expected end-of-turn score, one move ahead; ties at random."""

    candidates: dict[int, IntArr]

    @classmethod
    def for_scenario(cls, c: Compiled) -> GreedyPolicy:
        return cls({a: statically_legal_actions(c, a) for a in range(len(c.actors))})

    def choose(self, c: Compiled, st: BatchState, actor: int, rng: np.random.Generator
               ) -> IntArr:
        candidates = self.candidates[actor]
        grid = np.broadcast_to(candidates, (st.size, candidates.size))
        legal = is_legal(c, st, grid) & ~st.over[:, None]
        values = np.full(legal.shape, -np.inf)
        game, column = np.nonzero(legal)
        for start in range(0, game.size, CHUNK_PAIRS):
            part = slice(start, start + CHUNK_PAIRS)
            values[game[part], column[part]] = outlook(
                c, st, game[part], candidates[column[part]]).value
        best = values >= values.max(axis=1, keepdims=True) - 1e-9
        pick = np.argmax(np.where(best, rng.random(values.shape), -1.0), axis=1)
        return np.asarray(candidates[pick], dtype=np.int64)

    def answer(self, c: Compiled, st: BatchState, rows: IntArr, action: IntArr,
               rng: np.random.Generator) -> BoolArr:
        return objective_answers(c, st, rows, action)
