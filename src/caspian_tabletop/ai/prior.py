"""A cheap, personality-preserving rollout policy: each actor samples moves by their worth.

Full greedy play is too slow for thousands of rollouts, and uniform play is not how the
states behave (it blockades at random and ends most games in a clash).  Instead every actor's
moves are weighted once, at the search root, by their one-step value to that actor (a softmax
with temperature `TEMPERATURE` score points), and rollouts sample from those weights among the
moves legal in each game.  Sampling is a Gumbel-max draw driven by the uniforms the caller
supplies, so rollouts of different root moves can share their randomness.

Root weights cannot see the tension of each rollout, so a drill or blockade that could by
itself bring the sea to the clash threshold is never sampled: a competent state does not start
a war it would be blamed for (the one-step outlook of every bot sees that penalty), and
without this rule rollouts ended in an armed clash several times as often as real games,
which made every escalation look ruinous to the search.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from caspian_tabletop.ai.outlook import outlook
from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.batch import statically_legal_actions
from caspian_tabletop.engine.compiled import BLOCKADE, DRILL, Compiled
from caspian_tabletop.engine.legality import is_legal
from caspian_tabletop.engine.state import BatchState

TEMPERATURE = 1.0
ROUNDS = 4


@dataclass(frozen=True)
class Prior:
    """Per actor: its statically legal actions, their sampling logits and the most tension
    each could add (the larger of a blockade's two outcomes, a drill's rise, else 0)."""

    candidates: tuple[IntArr, ...]
    logits: tuple[FloatArr, ...]
    rise: tuple[FloatArr, ...]

    def choose(self, c: Compiled, st: BatchState, actor: int, uniform: FloatArr) -> IntArr:
        """One action per game: the legal candidate with the largest logit + Gumbel noise.

        `uniform` is [B, M_actor] in (0, 1).  Only each game's current best is checked;
        a game whose best is illegal falls back to its next best, and the few still left
        after `ROUNDS` get the full legality mask.  Games where the actor cannot move get
        some candidate, which resolution ignores.  Escalations that could reach the clash
        threshold in a game are never picked there (passing always remains).
        """
        candidates = self.candidates[actor]
        gumbel = -np.log(-np.log(np.clip(uniform, 1e-12, 1.0 - 1e-12)))
        keys = self.logits[actor] + gumbel
        reckless = st.tension[:, None] + self.rise[actor] >= c.rules.clash_threshold - 1e-9
        keys[reckless] = -np.inf
        pick = np.argmax(keys, axis=1)
        rows = np.flatnonzero(~st.over)
        for _ in range(ROUNDS):
            bad = ~is_legal(c, st, candidates[pick[rows]], rows=rows)
            rows = rows[bad]
            if rows.size == 0:
                return np.asarray(candidates[pick], dtype=np.int64)
            keys[rows, pick[rows]] = -np.inf
            pick[rows] = np.argmax(keys[rows], axis=1)
        grid = np.broadcast_to(candidates, (rows.size, candidates.size))
        legal = is_legal(c, st, grid, rows=rows)
        pick[rows] = np.argmax(np.where(legal, keys[rows], -np.inf), axis=1)
        return np.asarray(candidates[pick], dtype=np.int64)


def root_prior(c: Compiled, st: BatchState) -> Prior:
    """Weights from game 0 of `st`, valued as if every actor could still move and pay.

    Moves that stay illegal even then (no room, blockaded, unfriendly) get the actor's
    lowest weight: rare, but possible once the position changes.
    """
    rich = replace(st.row(0), acted=np.zeros_like(st.acted[:1]),
                   capital=np.full_like(st.capital[:1], c.rules.capital_max))
    r = c.rules
    rise_of_kind = np.zeros(len(c.kind_cost))
    rise_of_kind[DRILL] = r.drill_tension
    rise_of_kind[BLOCKADE] = max(r.blockade_tension_success, r.blockade_tension_failure)
    candidates, logits = [], []
    for actor in range(len(c.actors)):
        actions = statically_legal_actions(c, actor)
        legal = is_legal(c, rich, actions[None, :])[0]
        values = np.zeros(actions.size)
        if legal.any():
            chosen = actions[legal]
            values[legal] = outlook(c, rich, np.zeros(chosen.size, dtype=np.int64),
                                    chosen).value
            values[~legal] = values[legal].min()
        candidates.append(actions)
        logits.append(values / TEMPERATURE)
    return Prior(tuple(candidates), tuple(logits),
                 tuple(rise_of_kind[c.act_kind[a]] for a in candidates))
