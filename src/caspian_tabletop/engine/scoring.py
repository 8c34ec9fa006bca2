"""Scores per actor and per objective term; the influence shift is their change.

Terms (each roughly 0..1 before weighting):
- influence: mean influence share I[a,t] / sum_x I[x,t] over the actor's targets;
- corridor: open throughput on preferred corridors over their starting capacity;
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

SCORE_TERMS = (*TERMS, "clash")


def influence_shares(st: BatchState) -> FloatArr:
    """[B, A, A] share of each actor in the total sway over each target (columns sum to 1)."""
    total = st.influence.sum(axis=1, keepdims=True)
    return np.divide(st.influence, total, out=np.zeros_like(st.influence), where=total > 0)


def term_values(c: Compiled, st: BatchState) -> FloatArr:
    """[B, A, 5] unweighted term values."""
    shares = influence_shares(st)
    n_targets = np.maximum(c.targets.sum(axis=1), 1)
    influence = (shares * c.targets).sum(axis=2) / n_targets
    wanted = c.preferred.astype(np.float64)
    denominator = wanted @ c.capacity0
    corridor = np.divide(open_throughput(st) @ wanted.T, denominator,
                         out=np.zeros((st.size, len(c.actors))), where=denominator > 0)
    autonomy = 1.0 - shares.max(axis=1)
    revenue = st.revenue / c.rules.capital_max
    tension = np.broadcast_to(-st.tension[:, None] / 10.0, influence.shape)
    return np.stack([influence, corridor, autonomy, revenue, tension], axis=2)


def contributions(c: Compiled, st: BatchState) -> FloatArr:
    """[B, A, 6] weighted points per term, the clash penalty last."""
    r = c.rules
    weighted = r.score_scale * c.weights * term_values(c, st)
    total_escalation = st.escalation.sum(axis=1, keepdims=True)
    share = np.divide(st.escalation, total_escalation, out=np.zeros_like(st.escalation),
                      where=total_escalation > 0)
    clash = -(r.clash_penalty + r.clash_escalator_penalty * share) * st.clash[:, None]
    return np.concatenate([weighted, clash[:, :, None]], axis=2)


def scores(c: Compiled, st: BatchState) -> FloatArr:
    """[B, A] total score."""
    return contributions(c, st).sum(axis=2)
