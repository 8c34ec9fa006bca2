"""Search by playing out: each root candidate, many times, to the game's end, on one batch.

The K candidate moves are stacked R times each into one `BatchState` of K×R games; the
actor's move is resolved in every copy, then every seat (the actor included) plays on with a
real policy (the normal bot) to the game's end: fewer rollouts than sampling from fixed
weights would allow, but the replies a seat would actually make.  The value of a candidate
is the actor's mean final score.

The r-th playout of every candidate draws the same random numbers (common random numbers),
so candidates are compared on the same rolls and cards.  Rare, heavy outcomes (an incident at
sea that ends a game in an armed clash costs 20 points or more) would otherwise land in one
candidate's few playouts and not another's, and decide the search by luck: with independent
draws the hard bot beat the normal bot in 47 % of bouts, with shared ones in 69 %
(docs/balance.md, step 16).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.ai.greedy_policy import objective_answers
from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.batch import BatchPolicy, play_to_end
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.resolve import resolve_in_place
from caspian_tabletop.engine.scoring import scores
from caspian_tabletop.engine.state import BatchState


def played_out_values(c: Compiled, st: BatchState, actor: int, candidates: IntArr,
                      rollouts: int, policy: BatchPolicy, rng: np.random.Generator,
                      ) -> FloatArr:
    """[K] the actor's mean final score after each candidate now, every seat (the actor's
    own included) then playing `policy` to the game's end: the replies the other seats are
    likely to make.  Chance (rolls, events)
    differs between rollouts; partners answer by their objectives."""
    k = candidates.size
    games = st.repeat(k * rollouts)
    action = np.repeat(candidates, rollouts)
    accept = np.repeat(_answers(c, st, candidates), rollouts)
    shared = SharedDraws(rng, k)
    resolve_in_place(c, games, action, shared.random(k * rollouts), accept)
    final = play_to_end(c, games, [policy] * len(c.actors), shared, events=False)
    values: FloatArr = scores(c, final)[:, actor].reshape(k, rollouts).mean(axis=1)
    return values


class SharedDraws(np.random.Generator):
    """A generator on `rng`'s stream whose batch draws repeat for each of `k` blocks of games:
    game i × R + r gets the numbers of game r.  Draws over a batch whose first dimension is not
    a multiple of `k` (a batch thinned by games that ended early) are plain draws."""

    def __init__(self, rng: np.random.Generator, k: int) -> None:
        super().__init__(rng.bit_generator)
        self.k = k

    def random(self, size: Any = None, dtype: Any = np.float64, out: Any = None) -> Any:
        shape = (size,) if isinstance(size, int) else size
        if out is not None or shape is None or not shape or shape[0] % self.k:
            return super().random(size, dtype, out)
        block = super().random((shape[0] // self.k, *shape[1:]), dtype)
        return np.tile(block, (self.k,) + (1,) * (block.ndim - 1))


def _answers(c: Compiled, st: BatchState, actions: IntArr) -> NDArray[np.bool_]:
    """The objective answer of each action's partner in game 0 (yes where nobody is asked)."""
    return objective_answers(c, st, np.zeros(actions.size, dtype=np.int64), actions)
