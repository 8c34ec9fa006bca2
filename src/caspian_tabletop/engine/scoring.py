"""Scores per actor and per objective term; the influence shift is their change.

Terms (each roughly 0..1 before weighting):
- influence: mean influence share I[a,t] / sum_x I[x,t] over the actor's targets;
- corridor: the share of all open Caspian trade that flows on the actor's preferred
  corridors (a blockade of a rival route raises it, trade on a rival route lowers it);
- autonomy: 1 - the largest share any single patron holds over the actor;
- revenue: last upkeep's income over the capital cap;
- tension: minus tension / 10.
A contribution is score_scale x weight x term.  An armed clash adds a sixth term: everyone
loses `clash_penalty`, and each actor a further `clash_escalator_penalty` times its share of
the escalation.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.compiled import TERMS, Compiled
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import open_throughput

FloatArr = NDArray[np.float64]
IntArr = NDArray[np.int64]

SCORE_TERMS = (*TERMS, "clash")


def influence_shares(st: BatchState) -> FloatArr:
    """[B, A, A] share of each actor in the total sway over each target (columns sum to 1)."""
    total = st.influence.sum(axis=1, keepdims=True)
    return np.divide(st.influence, total, out=np.zeros_like(st.influence), where=total > 0)


def _whom(c: Compiled, st: BatchState, actor: IntArr | None, rows: IntArr | None,
          ) -> tuple[IntArr, IntArr]:
    """Game rows [n, 1] and actors [n, K] to score: every actor, or one per row."""
    games = np.arange(st.size) if rows is None else rows
    if actor is None:
        return games[:, None], np.broadcast_to(np.arange(len(c.actors)), (games.size,
                                                                          len(c.actors)))
    return games[:, None], actor[:, None]


def term_values(c: Compiled, st: BatchState, actor: IntArr | None = None,
                rows: IntArr | None = None) -> FloatArr:
    """[n, K, 5] unweighted term values: for every actor (K = A), or for `actor[i]` in game
    `rows[i]` (K = 1; cheap, for search and greedy play)."""
    b, a = _whom(c, st, actor, rows)
    n = np.arange(b.size)[:, None]
    influence_of = st.influence if rows is None else st.influence[rows]  # [n, A, A]
    held = influence_of.sum(axis=1)  # [n, A] total sway over each target
    own = influence_of[n, a]  # [n, K, A] a's sway over each target
    share = np.divide(own, held[:, None, :], out=np.zeros_like(own), where=held[:, None, :] > 0)
    targets = c.targets[a]
    influence = (share * targets).sum(axis=2) / np.maximum(targets.sum(axis=2), 1)
    carried_all = open_throughput(st)[b[:, 0]]  # [n, C]
    total = carried_all.sum(axis=1)[:, None]
    carried = (carried_all @ c.preferred.T.astype(np.float64))[n, a]
    corridor = np.divide(carried, total, out=np.zeros_like(carried), where=total > 0)
    over_me = np.swapaxes(influence_of, 1, 2)[n, a]  # [n, K, A] sway over a by each patron
    patrons = held[n, a]
    top = np.divide(over_me.max(axis=2), patrons, out=np.zeros_like(patrons), where=patrons > 0)
    autonomy = 1.0 - top
    revenue = st.revenue[b, a] / c.rules.capital_max
    tension = np.broadcast_to(-st.tension[b] / 10.0, influence.shape)
    return np.stack([influence, corridor, autonomy, revenue, tension], axis=2)


def contributions(c: Compiled, st: BatchState, actor: IntArr | None = None,
                  rows: IntArr | None = None) -> FloatArr:
    """[n, K, 6] weighted points per term, the clash penalty last (see `term_values`)."""
    r = c.rules
    b, a = _whom(c, st, actor, rows)
    weighted = r.score_scale * c.weights[a] * term_values(c, st, actor, rows)
    total_escalation = st.escalation[b[:, 0]].sum(axis=1)[:, None]
    share = np.divide(st.escalation[b, a], total_escalation,
                      out=np.zeros(a.shape), where=total_escalation > 0)
    clash = -(r.clash_penalty + r.clash_escalator_penalty * share) * st.clash[b]
    return np.concatenate([weighted, clash[:, :, None]], axis=2)


def scores(c: Compiled, st: BatchState) -> FloatArr:
    """[B, A] total score."""
    return contributions(c, st).sum(axis=2)


def scores_of(c: Compiled, st: BatchState, rows: IntArr) -> FloatArr:
    """[n, A] total scores of the games at `rows`."""
    return contributions(c, st, rows=rows).sum(axis=2)


def actor_scores(c: Compiled, st: BatchState, actor: IntArr,
                 rows: IntArr | None = None) -> FloatArr:
    """[n] score of `actor[i]` in game `rows[i]` (default: game i), computing nothing else."""
    return contributions(c, st, actor, rows)[:, 0].sum(axis=1)
