"""Scores per actor and per objective term; the influence shift is their change.

Terms (each roughly 0..1 before weighting):
- influence: mean influence share I[a,t] / sum_x I[x,t] over the actor's targets;
- corridor: by share, the part of all open Caspian sea trade (corridors not marked
  `sea: false`) that flows on the actor's preferred ones (a blockade of a rival route raises
  it, trade on a rival route lowers it; land branches pay revenue but are not part of the
  whole); by volume, the trade its own preferred sea routes (those it is a member of)
  carry, with `capacity_credit` of the capacity built or under way on them, over their
  opening capacity: only their own growth counts;
- autonomy: 1 - the largest share any single patron holds over the actor;
- revenue: last upkeep's income over the capital cap;
- tension: minus tension / 10.
A contribution is score_scale x weight x term.  An armed clash adds a sixth term: everyone
loses `clash_penalty`, and each actor a further `clash_escalator_penalty` times its share of
the escalation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.assets import committed_capacity
from caspian_tabletop.engine.compiled import TERMS, Compiled
from caspian_tabletop.engine.rowwise import SMALL, max_last, sum_last
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import open_throughput

SCORE_TERMS = (*TERMS, "clash")
AUTONOMY = TERMS.index("autonomy")


def influence_shares(st: BatchState) -> FloatArr:
    """[B, A, A] share of each actor in the total sway over each target (columns sum to 1)."""
    total = st.influence.sum(axis=1, keepdims=True)
    return np.divide(st.influence, total, out=np.zeros_like(st.influence), where=total > 0)


@dataclass(frozen=True)
class _Whom:
    """The actors [n, K] scored in each game scored, and how to find their entries.

    Entries of the scored actors are gathered row by row in general; when every game scores
    every actor in order (`every`) they are the tables themselves, and when every game scores
    the same single actor (`one`: greedy play, the advisor) they are plain slices.
    """

    a: IntArr
    every: bool
    one: int | None

    def pick(self, table: NDArray[Any]) -> NDArray[Any]:
        """table[i, a[i, k]] for a [n, X] or [1, X] table."""
        if self.every:
            return table
        if self.one is not None:
            return table[:, self.one:self.one + 1]
        if table.shape[0] == 1:
            return table[0].take(self.a)
        return table.reshape(-1).take(np.arange(self.a.shape[0])[:, None] * table.shape[1]
                                      + self.a)


def _whom(c: Compiled, st: BatchState, actor: IntArr | None, rows: IntArr | None) -> _Whom:
    """Every actor in each game scored, or `actor[i]` in game i."""
    n = st.size if rows is None else rows.size
    if actor is None:
        every = np.broadcast_to(np.arange(len(c.actors)), (n, len(c.actors)))
        return _Whom(a=every, every=True, one=None)
    a = actor[:, None]
    same = n > 0 and bool(np.all(actor == actor[0]))
    return _Whom(a=a, every=False, one=int(actor[0]) if same else None)


def _rows(values: NDArray[Any], rows: IntArr | None) -> NDArray[Any]:
    """The given rows of a batch array (all of them when `rows` is None)."""
    return values if rows is None else values.take(rows, axis=0)


_Tables = tuple[NDArray[np.int64], tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...],
                tuple[int, ...] | None]


def _static(c: Compiled) -> _Tables:
    """[1, A] each actor's number of targets; per actor its targets and the sea corridors
    its corridor term counts, in order; and the sea corridors, or None when every corridor
    is one (cached)."""
    cached: _Tables | None = c.__dict__.get("_scoring_tables")
    if cached is None:
        cached = (c.targets.sum(axis=1)[None, :],
                  tuple(tuple(int(t) for t in np.flatnonzero(row)) for row in c.targets),
                  tuple(tuple(int(k) for k in np.flatnonzero(row)) for row in c.scored_routes),
                  None if c.sea_trade.all()
                  else tuple(int(k) for k in np.flatnonzero(c.sea_trade)))
        object.__setattr__(c, "_scoring_tables", cached)
    return cached


def _ratio(part: FloatArr, whole: FloatArr) -> FloatArr:
    """part / whole, and 0 where the whole is 0 (the totals divided by are never negative).

    Totals are nearly always positive; then the plain division gives the same quotients
    without the cost of a masked one.
    """
    if whole.size and whole.min() > 0:
        quotient: FloatArr = part / whole
        return quotient
    shape = np.broadcast_shapes(part.shape, whole.shape)
    return np.divide(part, whole, out=np.zeros(shape), where=whole > 0)


def _flow(carried: FloatArr, corridors: tuple[int, ...]) -> FloatArr:
    """[n] trade carried on the given corridors, added in corridor order.

    Every path sums flows this way, not as a product with a 0/1 preference table, whose
    order of additions is the BLAS library's choice: scores must not depend on the build."""
    if not corridors:
        return np.zeros(carried.shape[0])
    total = carried[:, corridors[0]].copy()
    for k in corridors[1:]:
        total += carried[:, k]
    return total


def _terms_into(c: Compiled, st: BatchState, whom: _Whom, rows: IntArr | None,
                out: FloatArr, autonomy: bool = True) -> None:
    """Write the [n, K, 5] unweighted term values into `out` (see `term_values`); without
    `autonomy`, that term is left unset (for an actor that gives it no weight)."""
    n, one = whom.a.shape[0], whom.one
    credit = c.rules.capacity_credit
    target_count, aims, corridors, sea = _static(c)
    influence_of = _rows(st.influence, rows)
    carried_all = _rows(open_throughput(c, st), rows)  # [n, C]
    total = (sum_last(carried_all) if sea is None else _flow(carried_all, sea))[:, None]
    if one is not None and n >= SMALL:  # one actor, many games: only what it needs
        held = np.einsum("nst->nt", influence_of)  # [n, A] total sway over each target
        targeted = np.zeros((n, 1))
        for t in aims[one]:
            targeted[:, 0] += _ratio(influence_of[:, one, t], held[:, t])
        np.divide(targeted, max(int(target_count[0, one]), 1), out=out[..., 0])
        mine = _flow(carried_all, corridors[one])[:, None]
        scale = float(c.corridor_volume_scale[one])
        if not scale:
            out[..., 1] = _ratio(mine, total)
        elif credit:
            built = _flow(committed_capacity(c, st, rows), corridors[one])[:, None]
            np.multiply((mine + credit * built) / (1.0 + credit), scale, out=out[..., 1])
        else:
            np.multiply(mine, scale, out=out[..., 1])
        if autonomy:
            top = _ratio(max_last(influence_of[:, None, :, one]), held[:, one:one + 1])
            np.subtract(1.0, top, out=out[..., 2])
    else:
        flows = np.stack([_flow(carried_all, ks) for ks in corridors], axis=1)  # [n, A]
        if credit and c.corridor_volume_scale.any():
            committed = committed_capacity(c, st, rows)
            built = np.stack([_flow(committed, ks) for ks in corridors], axis=1)
            volumes = (flows + credit * built) / (1.0 + credit)
        else:
            volumes = flows
        _general_terms_into(c, influence_of, whom, flows, volumes, total, out, autonomy)
    np.divide(whom.pick(_rows(st.revenue, rows)), c.rules.capital_max, out=out[..., 3])
    out[..., 4] = -_rows(st.tension, rows)[:, None] / 10.0


def _general_terms_into(c: Compiled, influence_of: FloatArr, whom: _Whom, flows: FloatArr,
                        volumes: FloatArr, total: FloatArr, out: FloatArr,
                        autonomy: bool) -> None:
    """The influence, corridor and autonomy terms for every actor, for actors that differ
    from game to game, or for small batches; `flows` is [n, A] the trade each actor prefers,
    `volumes` what a corridor term by volume counts of it (with the capacity credited)."""
    a, one = whom.a, whom.one
    n, n_a = a.shape[0], len(c.actors)
    target_count = _static(c)[0]
    held = np.einsum("nst->nt", influence_of)  # [n, A] total sway over each target
    if whom.every:
        own = influence_of  # [n, K, A] a's sway over each target
        over_me = influence_of.transpose(0, 2, 1)  # [n, K, A] sway over a by each patron
    elif one is not None:
        own = influence_of[:, one:one + 1, :]
        over_me = influence_of[:, None, :, one]
    else:
        line = np.arange(n)[:, None] * n_a + a  # [n, K] row of a's sway in [n * A, A]
        own = influence_of.reshape(-1, n_a).take(line, axis=0)
        column = (line - a) * n_a + a  # [n, K] flat index of the sway of source 0 over a
        over_me = influence_of.reshape(-1).take(column[:, :, None] + np.arange(n_a) * n_a)
    if n < SMALL or (one is None and not whom.every):  # small batches: in one pass
        held_there = held[:, None, :]
        share = np.divide(own, held_there, out=np.zeros(own.shape), where=held_there > 0)
        targets = (c.targets[None] if whom.every else c.targets[None, one] if one is not None
                   else c.targets.take(a, axis=0))
        targeted = sum_last(share * targets)
    else:  # the same sums without their zero terms (shares are never negative)
        targeted = np.zeros(a.shape)
        aimed = np.nonzero(c.targets)
        for k, t in zip(*aimed, strict=True):
            held_t = held[:, t]
            targeted[:, k] += np.divide(own[:, k, t], held_t, out=np.zeros(n), where=held_t > 0)
    np.divide(targeted, np.maximum(whom.pick(target_count), 1), out=out[..., 0])
    out[..., 1] = 0.0
    mine = whom.pick(flows)
    np.divide(mine, total, out=out[..., 1], where=total > 0)
    scale = whom.pick(c.corridor_volume_scale[None, :])
    if c.corridor_volume_scale.any():
        np.copyto(out[..., 1], whom.pick(volumes) * scale, where=scale > 0)
    if autonomy:
        patrons = whom.pick(held)
        top = np.divide(max_last(over_me), patrons, out=np.zeros(patrons.shape),
                        where=patrons > 0)
        np.subtract(1.0, top, out=out[..., 2])


def term_values(c: Compiled, st: BatchState, actor: IntArr | None = None,
                rows: IntArr | None = None) -> FloatArr:
    """[n, K, 5] unweighted term values: for every actor (K = A), or for `actor[i]` in game
    `rows[i]` (K = 1; cheap, for search and greedy play).

    Reductions run over the short actor and corridor axes term by term (see `rowwise`), and
    entries are gathered only when the actors scored differ from game to game (see `_Whom`):
    on large batches that is several times faster than fancy indexing and per-row
    reductions, with the same sums.
    """
    whom = _whom(c, st, actor, rows)
    out = np.empty((*whom.a.shape, len(TERMS)))
    _terms_into(c, st, whom, rows, out)
    return out


def contributions(c: Compiled, st: BatchState, actor: IntArr | None = None,
                  rows: IntArr | None = None) -> FloatArr:
    """[n, K, 6] weighted points per term, the clash penalty last (see `term_values`)."""
    r = c.rules
    whom = _whom(c, st, actor, rows)
    out = np.empty((*whom.a.shape, len(SCORE_TERMS)))
    weighted = out[..., :len(TERMS)]
    if whom.one is not None:  # one weight per term: a scalar product each
        weights = r.score_scale * c.weights[whom.one]
        # Autonomy is never negative, so a zero weight makes its points exactly zero.
        unweighted = bool(weights[AUTONOMY] == 0.0)
        _terms_into(c, st, whom, rows, weighted, autonomy=not unweighted)
        if unweighted:
            weighted[..., AUTONOMY] = 0.0
        for t, weight in enumerate(weights):
            weighted[..., t] *= weight
    else:
        _terms_into(c, st, whom, rows, weighted)
        weights = c.weights[None] if whom.every else c.weights.take(whom.a, axis=0)
        np.multiply(r.score_scale * weights, weighted, out=weighted)
    clashed = _rows(st.clash, rows)[:, None]
    if not clashed.any():  # minus a penalty that is never negative, times zero
        out[..., -1] = -0.0
        return out
    escalation = _rows(st.escalation, rows)
    out[..., -1] = -clash_penalty(c, whom.pick(escalation), sum_last(escalation)[:, None])
    out[..., -1] *= clashed
    return out


def clash_penalty(c: Compiled, own: FloatArr, total: FloatArr) -> FloatArr:
    """The points an actor loses to a clash, having added `own` of the `total` escalation:
    everyone's penalty plus its share of the escalator's."""
    share = np.divide(own, total, out=np.zeros(np.broadcast_shapes(own.shape, total.shape)),
                      where=total > 0)
    penalty: FloatArr = c.rules.clash_penalty + c.rules.clash_escalator_penalty * share
    return penalty


def scores(c: Compiled, st: BatchState) -> FloatArr:
    """[B, A] total score."""
    return sum_last(contributions(c, st))


def actor_scores(c: Compiled, st: BatchState, actor: IntArr,
                 rows: IntArr | None = None) -> FloatArr:
    """[n] score of `actor[i]` in game `rows[i]` (default: game i), computing nothing else."""
    return sum_last(contributions(c, st, actor, rows)[:, 0])
