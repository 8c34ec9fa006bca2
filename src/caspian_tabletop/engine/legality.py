"""Legality of actions, vectorised over the batch and over candidate actions.

`check` returns a reason code per (game, action); 0 means legal.  The same function serves the
legal-move list of the TUI (batch 1, every action of an actor), AI search, and Monte Carlo
(batch N, one action per game); `reason` turns a code into the words a player sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.domain.moves import FIELDS, VOLUME, Move, MoveKind
from caspian_tabletop.engine.arrays import IntArr
from caspian_tabletop.engine.compiled import (
    BLOCKADE,
    DEMAND,
    DRILL,
    INVEST,
    TRADE,
    Compiled,
)
from caspian_tabletop.engine.entries import Entries, entries
from caspian_tabletop.engine.state import BatchState, initial_state


class Why(IntEnum):
    """Reason codes, in the order they are tested (the first failing one is reported)."""

    LEGAL = 0
    GAME_OVER = 1
    ALREADY_MOVED = 2
    NO_CAPITAL = 3
    NOT_LITTORAL = 4
    NEUTRAL = 5
    NO_PRESENCE = 6
    NOT_MEMBER = 7
    PARTNER_NOT_MEMBER = 8
    NOT_OWNER = 9
    ASSET_COMPLETE = 10
    BLOCKADED = 11
    NO_ROOM = 12
    PARTNER_NOT_LITTORAL = 13
    PARTNER_NEUTRAL = 14
    PARTNER_NO_PRESENCE = 15
    PARTNER_UNFRIENDLY = 16
    NOT_ON_ROUTE = 17
    OWN_CORRIDOR = 18
    PARTNER_OWN_CORRIDOR = 19
    NO_SEA_LEG = 20
    STAKE_HELD = 21
    NOT_BYPASSED = 22
    NO_LEVERAGE = 23
    NO_COMMAND = 24


def _fails(c: Compiled, st: BatchState, e: Entries, static: bool
           ) -> dict[Why, NDArray[np.bool_]]:
    """Each failing condition by reason code, over the entries `e` of an action array.

    Static conditions depend on the scenario alone (geography, membership, the Convention)
    and are included only when `static` is set; dynamic ones read the state.  State values
    are read only for the entries a condition concerns, through `entries` (per entry, or per
    column of a grid of games times one list of actions), since these reads dominate the
    cost of large batches.
    """
    r = c.rules
    n_a, n_z = len(c.actors), len(c.zones)
    kind, actor, partner = e.attr(c.act_kind), e.attr(c.act_actor), e.attr(c.act_partner)
    corridor, asset = e.attr(c.act_corridor), e.attr(c.act_asset)
    trade, drill, blockade = kind == TRADE, kind == DRILL, kind == BLOCKADE
    naval = drill | blockade
    demand = kind == DEMAND
    project = (kind == INVEST) & (asset >= 0)
    naval_partner = (drill | blockade) & (partner >= 0)

    def blockaded(s: Entries) -> NDArray[np.bool_]:
        return np.asarray(s.at(st.blocked, s.attr(c.act_corridor)) > 0)

    def no_room(s: Entries) -> NDArray[np.bool_]:
        k = s.attr(c.act_corridor)
        return np.asarray(s.at(st.throughput, k) + s.attr(c.act_volume)
                          > s.at(st.capacity, k) + 1e-9)

    def unfriendly(s: Entries) -> NDArray[np.bool_]:
        pair = s.attr(c.act_actor) * n_a + s.attr(c.act_partner)
        return np.asarray(s.at(st.relations, pair) < r.drill_min_relation)

    def staked(s: Entries) -> NDArray[np.bool_]:
        cell = s.attr(c.act_actor) * len(c.corridors) + s.attr(c.act_corridor)
        return np.asarray(s.at(st.stake, cell) > 0)

    def absent(s: Entries) -> NDArray[np.bool_]:
        """Presence is state: events move fleets between zones."""
        cell = s.attr(c.act_actor) * n_z + s.attr(c.act_zone)
        return np.asarray(s.at(st.presence, cell) <= 0)

    def no_leverage(s: Entries) -> NDArray[np.bool_]:
        """A claim to a say in a route needs the capacity to cause trouble on it (EDM-23):
        the claimant's navy must outgun the member's in some zone the route crosses by
        sea.  Zone strength is state: events move and change fleets."""
        k = s.attr(c.act_corridor)
        mine, theirs = s.attr(c.act_actor) * n_z, s.attr(c.act_partner) * n_z
        outguns: NDArray[np.bool_] = np.zeros(k.shape, dtype=bool)
        for z in range(n_z):
            outguns = outguns | (c.sea_zone[k, z] & (s.at(st.zone_strength, mine + z)
                                                     > s.at(st.zone_strength, theirs + z)))
        return np.asarray(~outguns)

    def no_command(s: Entries) -> NDArray[np.bool_]:
        """A blockade needs command of its zone: the blockading state's own strength there
        must reach `blockade_command` times that of the route's littoral members present.
        A partner adds to the odds but cannot lend command: the state that declares the
        closure must be able to enforce it.  Zone strength is state: events move fleets."""
        k, z = s.attr(c.act_corridor), s.attr(c.act_zone)
        attack = s.at(st.zone_strength, s.attr(c.act_actor) * n_z + z)
        defence = np.zeros(k.shape)
        for a in np.flatnonzero(c.littoral):
            defence = defence + np.where(c.member[k, a], s.at(st.zone_strength, a * n_z + z), 0.0)
        return np.asarray(attack < (r.blockade_command or 0.0) * defence)

    def partner_absent(s: Entries) -> NDArray[np.bool_]:
        cell = s.attr(c.act_partner) * n_z + s.attr(c.act_zone)
        return np.asarray(s.at(st.presence, cell) <= 0)

    def complete(s: Entries) -> NDArray[np.bool_]:
        """Every stage done (an asset may wait for its earliest turn to come online)."""
        k = s.attr(c.act_asset)
        return np.asarray(s.at(st.asset_progress, k) >= c.asset_stages[k])

    def not_owner(s: Entries) -> NDArray[np.bool_]:
        return np.asarray(~c.asset_owner[s.attr(c.act_asset), s.attr(c.act_actor)])

    out = {
        Why.GAME_OVER: e.game(st.over),
        Why.ALREADY_MOVED: e.at(st.acted, actor),
        Why.NO_CAPITAL: e.at(st.capital, actor) < c.kind_cost[kind] - 1e-9,
        Why.BLOCKADED: e.only(trade | blockade, blockaded),
        Why.NO_ROOM: e.only(trade, no_room),
        Why.PARTNER_UNFRIENDLY: e.only(naval_partner, unfriendly),
        Why.ASSET_COMPLETE: e.only(project, complete),
        Why.STAKE_HELD: e.only(demand, staked),
        Why.NO_PRESENCE: e.only(naval, absent),
        Why.PARTNER_NO_PRESENCE: e.only(naval_partner, partner_absent),
        Why.NO_LEVERAGE: e.only(demand, no_leverage),
        Why.NO_COMMAND: e.only(blockade, no_command),
    }
    if static:
        zone = np.maximum(e.attr(c.act_zone), 0)
        some_partner, some_corridor = np.maximum(partner, 0), np.maximum(corridor, 0)
        actor_member = c.member[some_corridor, actor]
        partner_member = c.member[some_corridor, some_partner]
        out |= {
            Why.NOT_LITTORAL: (naval | demand) & ~c.littoral[actor],
            Why.NEUTRAL: (naval | demand) & c.neutral[actor],
            Why.PARTNER_NEUTRAL: naval_partner & c.neutral[some_partner],
            Why.NOT_MEMBER: (trade | ((kind == INVEST) & (asset < 0))) & ~actor_member,
            Why.PARTNER_NOT_MEMBER: (trade | demand) & ~partner_member,
            Why.PARTNER_NOT_LITTORAL: (naval_partner | demand) & ~c.littoral[some_partner],
            Why.NOT_ON_ROUTE: blockade & ~c.sea_zone[some_corridor, zone],
            Why.OWN_CORRIDOR: (blockade | demand) & actor_member,
            Why.PARTNER_OWN_CORRIDOR: blockade & (partner >= 0) & partner_member,
            Why.NO_SEA_LEG: demand & ~c.sea_zone[some_corridor].any(axis=-1),
            Why.NOT_BYPASSED: demand & ~c.rival[some_corridor, actor],
            Why.NOT_OWNER: e.only(project, not_owner),
        }
    return out


def check(c: Compiled, st: BatchState, action: IntArr, rows: IntArr | None = None) -> IntArr:
    """Reason code per entry of `action` ([B] or [B, K] global action indices); 0 is legal.

    `rows` names the game of each entry when `action` covers only some games.
    """
    e = entries(action, rows, st.size)
    fails = _fails(c, st, e, static=True)
    code = np.zeros(action.shape, dtype=np.int64)
    for why in sorted(fails, reverse=True):
        code = np.where(e.spread(fails[why], action.shape), int(why), code)
    return code


def is_legal(c: Compiled, st: BatchState, action: IntArr,
             rows: IntArr | None = None) -> NDArray[np.bool_]:
    """Fast legality for large batches: the cached static table plus the dynamic checks.

    Always equal to `check(...) == 0` (a property test holds them together).
    """
    e = entries(action, rows, st.size)
    ok = e.attr(static_legal(c))
    for failing in _fails(c, st, e, static=False).values():
        ok = ok & ~failing
    return np.asarray(e.spread(ok, action.shape))


def static_legal(c: Compiled) -> NDArray[np.bool_]:
    """[M] actions legal in some state: geography, membership and the Convention allow them.

    Found by checking every action against a permissive state (rich, unblocked, friendly,
    present in every zone some event can bring its fleet to), so the conditions are the
    rules' own and are not written twice; naval leverage and command of the sea, which no
    one state grants every claimant or blockader, are the last conditions checked and are
    left to play.  Cached per scenario.
    """
    cached: NDArray[np.bool_] | None = c.__dict__.get("_static_legal")
    if cached is None:
        st = initial_state(c, 1)
        permissive = replace(st, capital=np.full_like(st.capital, np.inf),
                             relations=np.full_like(st.relations, 100.0),
                             capacity=np.full_like(st.capacity, np.inf),
                             presence=c.presence_ever[None].astype(np.float64))
        every = np.arange(len(c.act_kind), dtype=np.int64)[None, :]
        code = check(c, permissive, every)[0]
        cached = np.isin(code, (Why.LEGAL, Why.NO_LEVERAGE, Why.NO_COMMAND))
        object.__setattr__(c, "_static_legal", cached)
    return cached


def legal_mask(c: Compiled, st: BatchState, actor: int) -> NDArray[np.bool_]:
    """[B, M_actor] legality of every action of `actor` (columns follow `c.actions_of`)."""
    actions = np.arange(c.act_start[actor], c.act_stop[actor], dtype=np.int64)
    grid = np.broadcast_to(actions, (st.size, actions.size))
    return check(c, st, grid) == 0


def reason(c: Compiled, st: BatchState, action: int) -> str | None:
    """Why action `action` is illegal in game 0 of `st`, in plain words; None when legal."""
    code = Why(int(check(c, st, np.array([action] * st.size, dtype=np.int64))[0]))
    if code is Why.LEGAL:
        return None
    move = c.move_of(action)
    actor, partner, corridor, zone = move.actor, move.partner, move.corridor, move.zone
    ai = int(c.act_actor[action])
    ci = max(int(c.act_corridor[action]), 0)
    pi = max(int(c.act_partner[action]), 0)
    convention = "the 2018 Caspian Convention bars its armed forces from the Caspian"
    texts: dict[Why, Callable[[], str]] = {
        Why.GAME_OVER: lambda: "the game is over",
        Why.ALREADY_MOVED: lambda: f"{actor} has already made its move this turn",
        Why.NO_CAPITAL: lambda: (
            f"{actor} has {st.capital[0, ai]:g} capital but a {move.kind.value} costs "
            f"{c.kind_cost[int(c.act_kind[action])]:g}"),
        Why.NOT_LITTORAL: lambda: f"{actor} is not a littoral state: {convention}",
        Why.NEUTRAL: lambda: (
            f"{actor} is neutral: it joins no bloc and takes no part in pressure, so it makes "
            f"no {move.kind.value}"),
        Why.PARTNER_NEUTRAL: lambda: (
            f"{partner} is neutral: it joins no bloc and will not join {actor}'s "
            f"{move.kind.value}"),
        Why.NO_PRESENCE: lambda: f"{actor} has no naval presence in the {zone} zone",
        Why.NOT_MEMBER: lambda: f"{actor} is not a member of {corridor}",
        Why.PARTNER_NOT_MEMBER: lambda: f"{partner} is not a member of {corridor}",
        Why.NOT_OWNER: lambda: f"{actor} is not an owner of {move.target}",
        Why.ASSET_COMPLETE: lambda: f"{move.target} is already complete",
        Why.BLOCKADED: lambda: f"{corridor} is blockaded for {st.blocked[0, ci]} more turn(s)",
        Why.NO_ROOM: lambda: (
            f"{corridor} has room for {st.capacity[0, ci] - st.throughput[0, ci]:.2f} Mt/yr "
            f"more, not {VOLUME.show(move.volume)}"),
        Why.PARTNER_NOT_LITTORAL: lambda: f"{partner} is not a littoral state: {convention}",
        Why.PARTNER_NO_PRESENCE: lambda: f"{partner} has no naval presence in the {zone} zone",
        Why.PARTNER_UNFRIENDLY: lambda: (
            f"{partner} will not join {actor}'s {move.kind.value}: relations "
            f"{st.relations[0, ai, pi]:.0f} are below {c.rules.drill_min_relation:.0f}"),
        Why.NOT_ON_ROUTE: lambda: f"{corridor} does not cross the {zone} zone by sea",
        Why.OWN_CORRIDOR: lambda: (
            f"{actor} is a member of {corridor} and cannot "
            f"{'blockade it' if move.kind is MoveKind.BLOCKADE else 'demand a stake in it'}"),
        Why.PARTNER_OWN_CORRIDOR: lambda: (
            f"{partner} is a member of {corridor} and will not blockade it"),
        Why.NO_SEA_LEG: lambda: (
            f"{corridor} does not cross the Caspian: littoral states have no say in it"),
        Why.NO_LEVERAGE: lambda: (
            f"{actor}'s navy does not outgun {partner}'s anywhere {corridor} crosses the sea: "
            "it has no leverage to demand a say"),
        Why.NO_COMMAND: lambda: (
            f"{actor} does not command the {zone} zone: its strength there is below "
            f"{c.rules.blockade_command:g} times that of {corridor}'s members present"),
        Why.NOT_BYPASSED: lambda: (
            f"{corridor} does not bypass {actor}: only a state the route goes around may "
            "demand a say in it"),
        Why.STAKE_HELD: lambda: (
            f"{actor} already holds a stake in {corridor} for {st.stake[0, ai, ci]} more "
            "turn(s)"),
    }
    return texts[code]()


def unknown_reason(c: Compiled, move: Move) -> str:
    """Why `move` has no row in the action table: it names something the scenario lacks."""
    if move.actor not in c.actors:
        return f"no actor {move.actor!r} in this scenario (actors: {', '.join(c.actors)})"
    for field in FIELDS:
        value = getattr(move, field.name)
        if value is None:
            continue
        known = c.known(field)
        if value not in known:
            return field.unknown.format(value=field.show(value),
                                        known=", ".join(field.show(k) for k in known))
        if field.itself is not None and value == move.actor:
            return field.itself.format(actor=move.actor, kind=move.kind.value)
    return "no such move in this scenario"
