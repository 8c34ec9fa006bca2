"""Upkeep at the end of a turn: revenue and capital, effects expire, tension decays."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.state import BatchState

FloatArr = NDArray[np.float64]

# The fields upkeep writes; finished games get theirs back unchanged.
_UPKEEP_FIELDS = ("revenue", "capital", "blocked", "drill", "capacity", "pending", "tension",
                  "acted", "turn")


def open_throughput(st: BatchState) -> FloatArr:
    """[B, C] throughput actually carried: zero on blockaded corridors."""
    return st.throughput * (st.blocked == 0)


def income(c: Compiled, st: BatchState) -> FloatArr:
    """[B, A] revenue: corridor fees split among members, plus completed revenue assets."""
    fee_share = c.member * (c.rules.revenue_per_mt / c.member.sum(axis=1))[:, None]  # [C, A]
    carried = open_throughput(st)
    revenue = np.zeros((st.size, len(c.actors)))
    # A few broadcast products beat a skinny matrix product on large batches.
    for k in range(len(c.corridors)):
        revenue += carried[:, k:k + 1] * fee_share[k]
    for a in range(len(c.assets)):
        if not c.asset_is_capacity[a]:
            revenue += st.asset_online[:, a:a + 1] * (c.asset_gain[a] * c.asset_owner[a])
    return revenue


def upkeep(c: Compiled, st: BatchState) -> BatchState:
    """End the turn for every game that is still running; returns a new state."""
    s = st.copy()
    upkeep_in_place(c, s)
    return s


def upkeep_in_place(c: Compiled, s: BatchState) -> None:
    """`upkeep` on a state the caller owns; finished games are left as they ended."""
    r = c.rules
    ended = np.flatnonzero(s.over)
    kept = {name: getattr(s, name)[ended] for name in _UPKEEP_FIELDS} if ended.size else {}
    revenue = income(c, s)
    s.revenue[...] = revenue
    np.minimum(s.capital + c.capital_per_turn + revenue * r.revenue_to_capital, r.capital_max,
               out=s.capital)
    np.maximum(s.blocked - 1, 0, out=s.blocked)
    np.maximum(s.drill - 1, 0, out=s.drill)
    s.capacity[...] += s.pending[:, :, 0]
    s.pending[:, :, :-1] = s.pending[:, :, 1:]
    s.pending[:, :, -1] = 0.0
    np.maximum(s.tension - r.tension_decay, 0.0, out=s.tension)
    s.acted[...] = False
    s.turn[...] += 1
    s.over[...] |= s.turn > c.turns
    for name, values in kept.items():
        getattr(s, name)[ended] = values
