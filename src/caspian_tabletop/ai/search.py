"""Search by playing out: each root candidate, many times, to the game's end, on one batch.

The K candidate moves are stacked R times each into one `BatchState` of K×R games; the
actor's move is resolved in every copy, then every seat (the actor included) plays on with a
real policy (the normal bot) to the game's end: fewer rollouts than sampling from fixed
weights would allow, but the replies a seat would actually make.  The value of a candidate
is the actor's mean final score.
"""

from __future__ import annotations

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
    resolve_in_place(c, games, action, rng.random(k * rollouts), accept)
    final = play_to_end(c, games, [policy] * len(c.actors), rng, events=False)
    values: FloatArr = scores(c, final)[:, actor].reshape(k, rollouts).mean(axis=1)
    return values


def _answers(c: Compiled, st: BatchState, actions: IntArr) -> NDArray[np.bool_]:
    """The objective answer of each action's partner in game 0 (yes where nobody is asked)."""
    return objective_answers(c, st, np.zeros(actions.size, dtype=np.int64), actions)
