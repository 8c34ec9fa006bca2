"""Flat Monte Carlo search: many rollouts of each root candidate, all on one batch.

Two kinds: `rollout_values` (the hard bot) samples every seat's moves from root weights for a
few turns, cheap enough for thousands of rollouts; `played_out_values` (the expert) plays every
seat with a real policy to the game's end, fewer rollouts but the replies a seat would make.

The K candidate moves are stacked R times each into one `BatchState` of K×R games; the actor's
move is resolved in every copy, then every seat (the actor included) plays on with the
root `Prior` for `horizon` more turns.  Rollouts of different candidates share their chance
draws, events and sampling noise (common random numbers: game k·R + r of every k sees the
same uniforms), so the comparison between candidates is much sharper than the raw spread of
outcomes.  The value of a candidate is the actor's mean score at the horizon.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.ai.greedy_policy import objective_answers
from caspian_tabletop.ai.prior import Prior
from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.batch import BatchPolicy, play_to_end
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.events import apply_events_in_place, draw_events, scheduled_events
from caspian_tabletop.engine.resolve import resolve_in_place
from caspian_tabletop.engine.scoring import scores
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import upkeep_in_place


class _Shared:
    """Uniform draws shared by the K candidate blocks of R rollouts each."""

    def __init__(self, rng: np.random.Generator, blocks: int) -> None:
        self.rng = rng
        self.blocks = blocks

    def uniform(self, rollouts: int, width: int | None = None) -> FloatArr:
        shape = (rollouts,) if width is None else (rollouts, width)
        reps = (self.blocks,) if width is None else (self.blocks, 1)
        return np.tile(self.rng.random(shape), reps)


def rollout_values(c: Compiled, st: BatchState, actor: int, candidates: IntArr,
                   rollouts: int, horizon: int, prior: Prior, rng: np.random.Generator,
                   ) -> FloatArr:
    """[K] the actor's mean score `horizon` turns after playing each candidate now."""
    k = candidates.size
    shared = _Shared(rng, k)
    games = st.repeat(k * rollouts)
    action = np.repeat(candidates, rollouts)
    accept = np.repeat(_answers(c, st, candidates), rollouts)
    resolve_in_place(c, games, action, shared.uniform(rollouts), accept)
    still = [int(a) for a in c.initiative if int(a) != actor and not st.acted[0, int(a)]]
    _orders(c, games, still, prior, shared, rollouts)
    upkeep_in_place(c, games)
    for _ in range(horizon):
        if games.over.all():
            break
        _events(c, games, shared, rollouts)
        _orders(c, games, [int(a) for a in c.initiative], prior, shared, rollouts)
        upkeep_in_place(c, games)
    values: FloatArr = scores(c, games)[:, actor].reshape(k, rollouts).mean(axis=1)
    return values


def played_out_values(c: Compiled, st: BatchState, actor: int, candidates: IntArr,
                      rollouts: int, policy: BatchPolicy, rng: np.random.Generator,
                      ) -> FloatArr:
    """[K] the actor's mean final score after each candidate now, every seat (the actor's
    own included) then playing `policy` to the game's end: the replies the other seats are
    likely to make, rather than samples from the root's weights.  Chance (rolls, events)
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


def _events(c: Compiled, games: BatchState, shared: _Shared, rollouts: int) -> None:
    turn = int(games.turn.max())
    for e in scheduled_events(c, turn):
        apply_events_in_place(c, games, np.where(games.turn == turn, e, -1))
    apply_events_in_place(c, games, draw_events(c, games, shared.uniform(rollouts)))


def _orders(c: Compiled, games: BatchState, actors: list[int], prior: Prior,
            shared: _Shared, rollouts: int) -> None:
    """Each listed actor moves in turn, sampled from the prior; partners answer by objectives."""
    for actor in actors:
        noise = shared.uniform(rollouts, prior.candidates[actor].size)
        action = prior.choose(c, games, actor, noise)
        accept = np.zeros(games.size, dtype=bool)
        offered = np.flatnonzero(c.act_asks[action] & ~games.over)
        accept[offered] = objective_answers(c, games, offered, action[offered])
        resolve_in_place(c, games, action, shared.uniform(rollouts), accept)
