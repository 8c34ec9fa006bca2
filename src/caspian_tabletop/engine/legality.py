"""Legality of actions, vectorised over the batch and over candidate actions.

`check` returns a reason code per (game, action); 0 means legal.  The same function serves the
legal-move list of the TUI (batch 1, every action of an actor), AI search, and Monte Carlo
(batch N, one action per game); `reason` turns a code into the words a player sees.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.domain.moves import MoveKind
from caspian_tabletop.engine.compiled import KIND_INDEX, Compiled
from caspian_tabletop.engine.state import BatchState

IntArr = NDArray[np.int64]

TRADE = KIND_INDEX[MoveKind.TRADE]
DRILL = KIND_INDEX[MoveKind.DRILL]
BLOCKADE = KIND_INDEX[MoveKind.BLOCKADE]
INVEST = KIND_INDEX[MoveKind.INVEST]
SUMMIT = KIND_INDEX[MoveKind.SUMMIT]
PASS = KIND_INDEX[MoveKind.PASS]


class Why(IntEnum):
    """Reason codes, in the order they are tested (the first failing one is reported)."""

    LEGAL = 0
    GAME_OVER = 1
    ALREADY_MOVED = 2
    NO_CAPITAL = 3
    NOT_LITTORAL = 4
    NO_PRESENCE = 5
    NOT_MEMBER = 6
    PARTNER_NOT_MEMBER = 7
    NOT_OWNER = 8
    ASSET_COMPLETE = 9
    BLOCKADED = 10
    NO_ROOM = 11
    PARTNER_NOT_LITTORAL = 12
    PARTNER_NO_PRESENCE = 13
    PARTNER_UNFRIENDLY = 14
    NOT_ON_ROUTE = 15
    OWN_CORRIDOR = 16


def _batch_index(st: BatchState, action: IntArr) -> IntArr:
    return np.arange(st.size).reshape((st.size,) + (1,) * (action.ndim - 1))


def check(c: Compiled, st: BatchState, action: IntArr) -> IntArr:
    """Reason code per entry of `action` ([B] or [B, K] global action indices)."""
    r = c.rules
    b = _batch_index(st, action)
    kind = c.act_kind[action]
    actor = c.act_actor[action]
    partner = np.maximum(c.act_partner[action], 0)
    corridor = np.maximum(c.act_corridor[action], 0)
    zone = np.maximum(c.act_zone[action], 0)
    asset = np.maximum(c.act_asset[action], 0)
    has_partner = c.act_partner[action] >= 0
    is_asset = c.act_asset[action] >= 0
    trade, drill, blockade = kind == TRADE, kind == DRILL, kind == BLOCKADE
    invest = kind == INVEST
    naval = drill | blockade
    corridor_invest = invest & ~is_asset

    actor_member = c.member[corridor, actor]
    fails = [
        np.broadcast_to(st.over[b], action.shape),
        st.acted[b, actor],
        st.capital[b, actor] < c.kind_cost[kind] - 1e-9,
        naval & ~c.littoral[actor],
        naval & (c.presence[actor, zone] <= 0),
        (trade | corridor_invest) & ~actor_member,
        trade & ~c.member[corridor, partner],
        invest & is_asset & ~c.asset_owner[asset, actor] if len(c.assets)
        else np.zeros(action.shape, dtype=bool),
        invest & is_asset & st.asset_online[b, asset] if len(c.assets)
        else np.zeros(action.shape, dtype=bool),
        (trade | blockade) & (st.blocked[b, corridor] > 0),
        trade & (st.throughput[b, corridor] + c.act_volume[action]
                 > st.capacity[b, corridor] + 1e-9),
        drill & has_partner & ~c.littoral[partner],
        drill & has_partner & (c.presence[partner, zone] <= 0),
        drill & has_partner & (st.relations[b, actor, partner] < r.drill_min_relation),
        blockade & ~c.sea_zone[corridor, zone],
        blockade & actor_member,
    ]
    code = np.zeros(action.shape, dtype=np.int64)
    for i in range(len(fails), 0, -1):
        code = np.where(fails[i - 1], i, code)
    return code


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
    texts = {
        Why.GAME_OVER: "the game is over",
        Why.ALREADY_MOVED: f"{actor} has already made its move this turn",
        Why.NO_CAPITAL: (f"{actor} has {st.capital[0, ai]:g} capital but a {move.kind.value} "
                         f"costs {c.kind_cost[int(c.act_kind[action])]:g}"),
        Why.NOT_LITTORAL: (f"{actor} is not a littoral state: the 2018 Caspian Convention bars "
                           f"its armed forces from the Caspian"),
        Why.NO_PRESENCE: f"{actor} has no naval presence in the {zone} zone",
        Why.NOT_MEMBER: f"{actor} is not a member of {corridor}",
        Why.PARTNER_NOT_MEMBER: f"{partner} is not a member of {corridor}",
        Why.NOT_OWNER: f"{actor} is not an owner of {move.target}",
        Why.ASSET_COMPLETE: f"{move.target} is already complete",
        Why.BLOCKADED: f"{corridor} is blockaded for {st.blocked[0, ci]} more turn(s)",
        Why.NO_ROOM: (f"{corridor} has room for {st.capacity[0, ci] - st.throughput[0, ci]:.2f}"
                      f" Mt/yr more, not {move.volume:g}"),
        Why.PARTNER_NOT_LITTORAL: (f"{partner} is not a littoral state: the 2018 Caspian "
                                   f"Convention bars its armed forces from the Caspian"),
        Why.PARTNER_NO_PRESENCE: f"{partner} has no naval presence in the {zone} zone",
        Why.PARTNER_UNFRIENDLY: (f"{partner} will not drill with {actor}: relations "
                                 f"{st.relations[0, ai, pi]:.0f} are below "
                                 f"{c.rules.drill_min_relation:.0f}"),
        Why.NOT_ON_ROUTE: f"{corridor} does not cross the {zone} zone by sea",
        Why.OWN_CORRIDOR: f"{actor} is a member of {corridor} and cannot blockade it",
    }
    return texts[code]
