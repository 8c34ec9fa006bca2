"""Upkeep at the end of a turn: revenue and capital, effects expire, tension decays, shippers
scared off by blockades drift back, and assets whose earliest turn has come go online."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.arrays import FloatArr
from caspian_tabletop.engine.assets import bring_online
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.effects import check_clash
from caspian_tabletop.engine.state import BatchState

# The fields upkeep writes (finished games get theirs back unchanged), and those of them that
# scores read.
_UPKEEP_FIELDS = ("revenue", "capital", "blocked", "disrupted", "drill", "capacity",
                  "capacity_lost", "pending", "tension", "acted", "turn", "premium", "stake",
                  "grievance")
_SCORED_FIELDS = ("revenue", "blocked", "disrupted", "tension", "premium")
# What scores read besides, where a corridor term credits capacity (see scoring)
_CAPACITY_FIELDS = ("capacity", "capacity_lost")


def _scores_read_capacity(c: Compiled) -> bool:
    return bool(c.rules.capacity_credit and c.corridor_volume_scale.any())


def _scored_fields(c: Compiled) -> tuple[str, ...]:
    return _SCORED_FIELDS + (_CAPACITY_FIELDS if _scores_read_capacity(c) else ())


def open_throughput(c: Compiled, st: BatchState) -> FloatArr:
    """[B, C] trade actually carried: nothing on blockaded corridors, less the share a
    disruption takes this turn, and on a route under a risk premium the share that shippers
    and insurers avoid."""
    carried = st.throughput * (st.blocked == 0)
    if st.disrupted.any():
        carried *= 1.0 - st.disrupted
    if st.premium.any():
        carried *= 1.0 - premium_share(c, st)
    return carried


def premium_share(c: Compiled, st: BatchState) -> FloatArr:
    """[B, C] share of each route's trade that shippers and insurers avoid: each state whose
    premium stands on it scares off `risk_premium` of what the others leave."""
    return kept_away(c, (st.premium > 0).sum(axis=1))


def kept_away(c: Compiled, signalling: NDArray[np.int64]) -> FloatArr:
    """Share of a route's trade kept away by the premiums of `signalling` states on it (looked
    up by count: a power per cell costs more than the rest of the rule)."""
    by_count = 1.0 - (1.0 - c.rules.risk_premium) ** np.arange(len(c.actors) + 1)
    return np.asarray(by_count[signalling], dtype=np.float64)


def income(c: Compiled, st: BatchState, actors: Sequence[int] | None = None) -> FloatArr:
    """[B, K] revenue of `actors` (every actor, K = A, by default): corridor fees split
    among members, plus completed revenue assets."""
    chosen = range(len(c.actors)) if actors is None else actors
    fees, assets = _income_terms(c)
    carried = open_throughput(c, st).T  # [C, B]
    online = st.asset_online.T  # [S, B]
    staked = st.stake > 0  # [B, A, C]
    any_stake = bool(staked.any())
    if any_stake:  # stakeholders take their share of a route's fees before its members
        holders = staked.sum(axis=1).T  # [C, B]
        members_part = carried * np.maximum(1.0 - c.rules.stake_share * holders, 0.0)
    else:
        members_part = carried
    # Built actor-major, [K, B], so that each product is one long loop over the batch, and
    # only from the terms that pay something (adding the others' zeros changes nothing).
    revenue = np.zeros((len(chosen), st.size))
    for i, a in enumerate(chosen):
        for k, fee in fees[a]:
            revenue[i] += fee * members_part[k]
        for asset, gain in assets[a]:
            revenue[i] += gain * online[asset]
        if any_stake:
            share = c.rules.revenue_per_mt * c.rules.stake_share
            revenue[i] += share * (staked[:, a, :].T * carried).sum(axis=0)
    return revenue.T


def _income_terms(c: Compiled) -> tuple[list[list[tuple[int, float]]],
                                        list[list[tuple[int, float]]]]:
    """Per actor, the (corridor, fee share) and (revenue asset, gain) pairs that pay it
    something.  Static, so cached per scenario."""
    cached: tuple[list[list[tuple[int, float]]], list[list[tuple[int, float]]]] | None = (
        c.__dict__.get("_income_terms"))
    if cached is None:
        fee_share = c.fee_share
        fees = [[(int(k), float(fee_share[k, a])) for k in np.flatnonzero(fee_share[:, a])]
                for a in range(len(c.actors))]
        assets = [[(int(s), float(c.asset_pay[s, a])) for s in np.flatnonzero(c.asset_pay[:, a])]
                  for a in range(len(c.actors))]
        cached = (fees, assets)
        object.__setattr__(c, "_income_terms", cached)
    return cached


def upkeep(c: Compiled, st: BatchState) -> BatchState:
    """End the turn for every game that is still running; returns a new state."""
    s = st.copy()
    upkeep_in_place(c, s)
    return s


def upkeep_in_place(c: Compiled, s: BatchState) -> None:
    """`upkeep` on a state the caller owns; finished games are left as they ended."""
    _end_turn(c, s, True, None)


def scored_upkeep_in_place(c: Compiled, s: BatchState, actor: int | None = None) -> None:
    """`upkeep_in_place` of only what scores read (revenue, blockades, tension, and capacity
    coming back where a corridor term credits capacity), and with
    `actor` of only that actor's revenue; the rest of `s` is left behind.  Enough to value a
    move one turn ahead, for less."""
    _end_turn(c, s, False, actor)


def scored_upkeep(c: Compiled, st: BatchState, actor: int | None = None) -> BatchState:
    """`scored_upkeep_in_place` on a new state: only the fields it changes are copied, the
    rest is shared with `st` (and must not be written)."""
    s = replace(st, **{name: getattr(st, name).copy() for name in _scored_fields(c)})
    _end_turn(c, s, False, actor)
    return s


def _end_turn(c: Compiled, s: BatchState, full: bool, actor: int | None) -> None:
    """All of upkeep, or (not `full`) what scores read."""
    r = c.rules
    ended = np.flatnonzero(s.over)
    names = _UPKEEP_FIELDS if full else _scored_fields(c)
    kept = {name: getattr(s, name).take(ended, axis=0) for name in names} if ended.size else {}
    if actor is None:
        s.revenue[...] = income(c, s)
    else:
        s.revenue[:, actor] = income(c, s, [actor])[:, 0]
    quiet = s.blocked == 0  # open the whole turn
    going_on = (s.turn < c.turns)[:, None]  # the last quarter's sea is the one scored
    np.subtract(s.blocked, (s.blocked > 0) & going_on, out=s.blocked)
    np.subtract(s.premium, (s.premium > 0) & going_on[:, :, None], out=s.premium)
    s.disrupted[...] = 0.0
    np.maximum(s.tension - r.tension_decay, 0.0, out=s.tension)
    if full or _scores_read_capacity(c):
        _recover(c, s, quiet)
    if full:
        earned = c.capital_by_turn.take(np.minimum(s.turn, c.turns) - 1, axis=0)
        np.minimum(s.capital + earned + s.revenue * r.revenue_to_capital,
                   r.capital_max, out=s.capital)
        np.maximum(s.drill - 1, 0, out=s.drill)
        np.maximum(s.stake - 1, 0, out=s.stake)
        np.maximum(s.grievance - 1, 0, out=s.grievance)
        s.capacity[...] += s.pending[:, :, 0]
        s.pending[:, :, :-1] = s.pending[:, :, 1:]
        s.pending[:, :, -1] = 0.0
        s.acted[...] = False
        s.turn[...] += 1
        s.over[...] |= s.turn > c.turns
    for name, values in kept.items():
        getattr(s, name)[ended] = values
    if full and (c.asset_earliest > 1).any():
        _assets_due(c, s)


def _recover(c: Compiled, s: BatchState, quiet: NDArray[np.bool_]) -> None:
    """Part of the capacity blockades took comes back on every corridor open all turn:
    shippers and insurers return once a route stays quiet (`blockade_recovery`)."""
    share = c.rules.blockade_recovery
    if not share or not s.capacity_lost.any():
        return
    back = s.capacity_lost * quiet * share
    s.capacity[...] += back
    s.capacity_lost[...] -= back


def _assets_due(c: Compiled, s: BatchState) -> None:
    """Assets whose stages were done before their earliest turn come online when it comes."""
    live = np.flatnonzero(~s.over)
    for a in np.flatnonzero(c.asset_earliest > 1):
        waiting = live[(s.turn[live] >= c.asset_earliest[a])
                       & (s.asset_progress[live, a] >= c.asset_stages[a])
                       & ~s.asset_online[live, a]]
        bring_online(c, s, waiting, np.full(waiting.size, a))
    check_clash(c, s)
