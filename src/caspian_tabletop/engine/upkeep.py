"""Upkeep at the end of a turn: revenue and capital, effects expire, tension decays."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.state import BatchState

FloatArr = NDArray[np.float64]


def open_throughput(st: BatchState) -> FloatArr:
    """[B, C] throughput actually carried: zero on blockaded corridors."""
    return st.throughput * (st.blocked == 0)


def income(c: Compiled, st: BatchState) -> FloatArr:
    """[B, A] revenue: corridor fees split among members, plus completed revenue assets."""
    per_member = open_throughput(st) * c.rules.revenue_per_mt / c.member.sum(axis=1)
    revenue = per_member @ c.member.astype(np.float64)
    if len(c.assets):
        earning = st.asset_online & ~c.asset_is_capacity
        revenue = revenue + (earning * c.asset_gain) @ c.asset_owner.astype(np.float64)
    return revenue


def upkeep(c: Compiled, st: BatchState) -> BatchState:
    """End the turn for every game that is still running; returns a new state."""
    r = c.rules
    s = st.copy()
    live = ~s.over
    revenue = income(c, s)
    s.revenue[live] = revenue[live]
    gained = s.capital + c.capital_per_turn + revenue * r.revenue_to_capital
    s.capital[live] = np.minimum(gained, r.capital_max)[live]
    s.blocked[live] = np.maximum(s.blocked[live] - 1, 0)
    s.drill[live] = np.maximum(s.drill[live] - 1, 0)
    s.capacity[live] += s.pending[live, :, 0]
    s.pending[live] = np.concatenate(
        [s.pending[live, :, 1:], np.zeros_like(s.pending[live, :, :1])], axis=2)
    s.tension[live] = np.maximum(s.tension[live] - r.tension_decay, 0.0)
    s.acted[live] = False
    s.turn[live] += 1
    s.over[live & (s.turn > c.turns)] = True
    return s
