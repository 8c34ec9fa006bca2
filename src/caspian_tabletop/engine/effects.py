"""Bounded updates of state arrays, and structured effects shared by events and the umpire.

Every change to influence, relations or tension goes through these helpers, so the bounds
(influence 0..100, relations -100..100, tension 0..10) hold everywhere.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.compiled import Compiled, EffectRow
from caspian_tabletop.engine.navy import refresh_zone_strength
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.scenario.limits import INFLUENCE_MAX, RELATIONS_MAX, TENSION_MAX


def _cells(s: BatchState, rows: IntArr, a: IntArr | int, b: IntArr | int) -> IntArr:
    """Flat indices of [rows, a, b] in a [B, A, A] array (much faster than fancy indexing).

    Worked out in place, as the updates below are: large batches update many cells, and
    fewer temporaries mean fewer fresh pages of memory.
    """
    n_a = s.influence.shape[1]
    cells = rows * n_a
    cells += a
    cells *= n_a
    cells += b
    return cells


def _bounded(flat: FloatArr, cells: IntArr, delta: FloatArr | float, low: float, high: float
             ) -> FloatArr:
    """flat[cells] + delta, kept in low..high."""
    value = flat.take(cells)
    value += delta
    return np.clip(value, low, high, out=value)


def add_influence(s: BatchState, rows: IntArr, a: IntArr | int, b: IntArr | int,
                  delta: FloatArr | float) -> None:
    """s.influence[rows, a, b] += delta, kept in 0..100 (the diagonal stays 0)."""
    flat = s.influence.reshape(-1)
    cells = _cells(s, rows, a, b)
    value = _bounded(flat, cells, delta, 0.0, INFLUENCE_MAX)
    diagonal = np.asarray(a) == np.asarray(b)
    if diagonal.any():
        value = np.where(diagonal, 0.0, value)
    flat[cells] = value


def add_relations(s: BatchState, rows: IntArr, a: IntArr | int, b: IntArr | int,
                  delta: FloatArr | float) -> None:
    """Symmetric relations change between a and b, kept in -100..100."""
    flat = s.relations.reshape(-1)
    cells = _cells(s, rows, a, b)
    value = _bounded(flat, cells, delta, -RELATIONS_MAX, RELATIONS_MAX)
    flat[cells] = value
    flat[_cells(s, rows, b, a)] = value


def add_tension(s: BatchState, rows: IntArr, delta: FloatArr | float) -> None:
    s.tension[rows] = np.clip(s.tension[rows] + delta, 0.0, TENSION_MAX)


def cut_capacity(s: BatchState, rows: IntArr, corridor: IntArr, share: float | None) -> None:
    """Corridor `corridor[i]` of game `rows[i]` loses `share` of its capacity, and the
    throughput above what remains (a successful blockade scares shipping away).  The loss is
    kept, for the rule by which shippers come back (`upkeep`, `blockade_recovery`)."""
    if not share or rows.size == 0:
        return
    before = s.capacity[rows, corridor]
    remaining = before * (1.0 - share)
    s.capacity[rows, corridor] = remaining
    s.capacity_lost[rows, corridor] += before - remaining
    s.throughput[rows, corridor] = np.minimum(s.throughput[rows, corridor], remaining)


def shift_column(s: BatchState, rows: IntArr, sources: NDArray[np.bool_], target: IntArr,
                 delta: FloatArr | float) -> None:
    """Add `delta` to influence of every flagged source ([n, A] mask) over `target` ([n])."""
    hit_row, hit_source = np.nonzero(sources)
    if hit_row.size:
        amount = np.broadcast_to(np.asarray(delta, dtype=np.float64), rows.shape)[hit_row]
        add_influence(s, rows[hit_row], hit_source, target[hit_row], amount)


def apply_effect(c: Compiled, s: BatchState, rows: IntArr, effect: EffectRow) -> None:
    """Apply one event or umpire effect to the given games of `s` (in place on a copy)."""
    if rows.size == 0:
        return
    kind, amount = effect.kind, effect.amount
    if kind == "tension":
        add_tension(s, rows, amount)
    elif kind == "throughput":
        k = effect.corridor
        s.throughput[rows, k] = np.clip(s.throughput[rows, k] + amount, 0.0, s.capacity[rows, k])
    elif kind == "capacity":
        k = effect.corridor
        s.capacity[rows, k] = np.maximum(s.capacity[rows, k] + amount, 0.0)
        s.throughput[rows, k] = np.minimum(s.throughput[rows, k], s.capacity[rows, k])
    elif kind == "influence":
        add_influence(s, rows, effect.actor, effect.target, amount)
    elif kind == "relations":
        add_relations(s, rows, effect.actor, effect.target, amount)
    elif kind == "capital":
        cap = c.rules.capital_max
        s.capital[rows, effect.actor] = np.clip(s.capital[rows, effect.actor] + amount, 0.0, cap)
    elif kind == "block":
        k = effect.corridor
        s.blocked[rows, k] = np.maximum(s.blocked[rows, k], effect.turns)
    elif kind == "disrupt":
        # Two disruptions of one turn each take their share of what the other left.
        k = effect.corridor
        s.disrupted[rows, k] = 1.0 - (1.0 - s.disrupted[rows, k]) * (1.0 - amount)
    elif kind == "navy":
        v = effect.vessel
        s.hulls[rows, v] = np.maximum(s.hulls[rows, v] + amount, 0.0)
        refresh_zone_strength(c, s, rows)
    elif kind == "presence":
        s.presence[rows, effect.actor] = effect.shares
        refresh_zone_strength(c, s, rows)
    else:  # pragma: no cover - the schema admits only the kinds above
        raise ValueError(f"unknown effect kind {kind}")


def check_clash(c: Compiled, s: BatchState) -> None:
    """Tension at the threshold means armed clash: the game ends."""
    hit = (s.tension >= c.rules.clash_threshold - 1e-9) & ~s.over
    s.clash[hit] = True
    s.over[hit] = True
