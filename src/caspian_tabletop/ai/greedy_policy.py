"""Greedy play over a whole batch: each game picks its actor's best one-step move.

A `BatchPolicy` for Monte Carlo runs and for the hard bot's rollouts.  Every (game,
candidate) pair that is legal is valued with `outlook`, in chunks that stay in cache; games
in the same position are valued once, and the pairs are stacked kind by kind so that each
chunk runs few of the rules.  Trade offers are answered from the partner's own objectives.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.ai.outlook import outlook, standing
from caspian_tabletop.engine.batch import statically_legal_actions
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.decisions import partner_accepts
from caspian_tabletop.engine.legality import BLOCKADE, DRILL, TRADE, is_legal
from caspian_tabletop.engine.state import BatchState

IntArr = NDArray[np.int64]
BoolArr = NDArray[np.bool_]
FloatArr = NDArray[np.float64]

CHUNK_ROWS = 2048  # stacked games per resolve call (small chunks stay in cache)


def objective_answers(c: Compiled, st: BatchState, rows: IntArr, action: IntArr) -> BoolArr:
    """The partner of `action[i]` in game `rows[i]` accepts when the deal does not cost it.

    Only trades need consent (resolution ignores any other answer), so only they are judged;
    the rest are answered yes.
    """
    accept = np.ones(rows.size, dtype=bool)
    trades = np.flatnonzero(c.act_kind[action] == TRADE)
    if trades.size:
        accept[trades] = partner_accepts(c, st.take(rows[trades]), action[trades])
    return accept


def candidate_values(c: Compiled, st: BatchState, actor: int, candidates: IntArr) -> FloatArr:
    """[B, K] outlook value of each of `actor`'s candidates in each game of `st`; -inf where
    illegal."""
    legal = is_legal(c, st, np.broadcast_to(candidates, (st.size, candidates.size)))
    values = np.full(legal.shape, -np.inf)
    game, column = np.nonzero(legal)
    # Kind by kind, and partner by partner, so that most chunks hold moves of one kind:
    # resolution then runs one kind's rules per chunk, and trades are judged in place.
    group = c.act_kind[candidates] * (len(c.actors) + 1) + c.act_partner[candidates] + 1
    order = np.argsort(group.astype(np.uint16)[column], kind="stable")
    game, column = game[order], column[order]
    base = standing(c, st, actor)
    # Chunks of at most CHUNK_ROWS stacked games (a chance move takes two, one per outcome),
    # all in one reused buffer.
    kind = c.act_kind[candidates][column]
    stacked = np.concatenate([[0], np.cumsum(1 + ((kind == DRILL) | (kind == BLOCKADE)))])
    scratch = st.blank(min(CHUNK_ROWS, int(stacked[-1])))
    start = 0
    while start < game.size:
        stop = int(np.searchsorted(stacked, stacked[start] + CHUNK_ROWS, side="right")) - 1
        part = slice(start, stop)
        values[game[part], column[part]] = outlook(
            c, st, game[part], candidates[column[part]], base, scratch).value
        start = stop
    return values


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
        live = np.flatnonzero(~st.over)
        # Games in the same position get the same values: value each position once.
        first, group = st.distinct(live)
        if first.size == live.size:  # all apart (finished games have no legal move)
            values = candidate_values(c, st, actor, candidates)
        else:
            values = np.full((st.size, candidates.size), -np.inf)
            values[live] = candidate_values(c, st.take(first), actor, candidates)[group]
        best = values >= values.max(axis=1, keepdims=True) - 1e-9
        pick = np.argmax(np.where(best, rng.random(values.shape), -1.0), axis=1)
        return np.asarray(candidates[pick], dtype=np.int64)

    def answer(self, c: Compiled, st: BatchState, rows: IntArr, action: IntArr,
               rng: np.random.Generator) -> BoolArr:
        return objective_answers(c, st, rows, action)
