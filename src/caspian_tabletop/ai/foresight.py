"""What a seat expects its routes to carry by the game's end: how bots value capacity.

A seat that measures its routes by volume (`corridor_volume_scale`) is scored at the game's
end on the trade they carry then. Capacity it builds now carries nothing until somebody's
deals fill it, often in later turns and often other seats' deals, which the end-of-turn
score cannot see: valued one turn ahead, a new berth is worth only the rules' credit for
capacity under way, and a seat that simply invests every turn did better than the bot.

The forecast: routes fill what is built. In self-play the sea routes end the game most of the
way to their capacity (docs/balance.md, steps 15 and 16), so the room on each route, built or
under way, is expected to be taken by the game's end, and the other seats take their part of it:
the share of the deals on that route they have made so far (none where nobody has traded on
it yet). The seat's own part is left for its own later deals, which it decides itself, so a
deal of its own now still counts for the part of the room the others would not have taken.
Room counts only if it is there in time for a deal: capacity on order that arrives after the
upkeep before the last turn scores its credit but carries nothing, since a deal needs its room
when it is signed (docs/balance.md, step 29).
The others cannot take it faster than they trade: at most `PACE_GROWTH` times their deals per
turn so far, continued to the end, counting this turn for each seat that has still to move in
it; on the last turn the seats after the actor still trade (step 29). Without that bound a
seat that has made no deal on a route expects the others to take all the room it builds,
however fast it builds (docs/balance.md, step 16); the pace alone, on the other hand,
undersells the later turns, when the capacity under way comes online and draws the deals that
fill it (step 15).
One deal of the seat's own is counted too: on the turn before the last, its deal on the last
turn. A seat then has no later turn to put a deal off to, so it makes the deal if it pays,
and a deal now only adds what that one would not have taken (docs/balance.md, step 24).
Earlier, counting on its own next deal would let a seat put every deal off to the next turn,
and from there to the one after.
The bot values its moves by the score of the state so projected. Seats whose corridor term
is a share of all trade, and every other term, are valued as the state stands: the share is
a balance of the moment, and tension is the bot's gauge of the risk of a clash, which no
forecast should discount.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from caspian_tabletop.engine.arrays import BoolArr, FloatArr, IntArr
from caspian_tabletop.engine.assets import committed_capacity
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.state import BatchState

# How much faster than their pace so far the other seats may fill a route: the first turns'
# pace counts the quarters before the capacity under way came online (docs/balance.md,
# step 16, measured 1, 2 and 3: 2 then). Since capacity takes six quarters (step 29) the
# early turns have even less of it, and at 2 a Kazakhstan that only invests beat its bot.
PACE_GROWTH = 3.0


@dataclass(frozen=True)
class Forecast:
    """Per game, the part of each route's room the other seats are expected to take."""

    share: FloatArr  # [B, C] the other seats' part of the deals made on each route so far
    reach: FloatArr  # [B, C] Mt/yr the other seats can add by the end at their fastest
    turns_left: FloatArr  # [B] turns after the present one
    last_deal: FloatArr  # [B, C] Mt/yr the seat's own deal on the last turn can add

    def take(self, rows: IntArr) -> Forecast:
        return Forecast(self.share.take(rows, axis=0), self.reach.take(rows, axis=0),
                        self.turns_left.take(rows), self.last_deal.take(rows, axis=0))


def looks_ahead(c: Compiled, actor: int) -> bool:
    """Whether `actor`'s score counts its routes' volume, which the forecast is about."""
    return bool(c.corridor_volume_scale[actor] > 0)


def forecast(c: Compiled, st: BatchState, actor: int) -> Forecast:
    """The forecast `actor` makes in each game of `st`: of the deals made on each route so
    far, the part the other seats made, and how much they can add at `PACE_GROWTH` times
    their pace so far (their deals per turn played, at least one); and, on the turn before
    the last, the largest deal `actor` can make on each of its routes on the last turn."""
    every = st.traded.sum(axis=1)
    others = every - st.traded[:, actor]
    share = np.divide(others, every, out=np.zeros_like(others), where=every > 0)
    turns_left = np.maximum(c.turns - st.turn, 0).astype(np.float64)
    played = np.maximum(st.turn - 1, 1).astype(np.float64)
    # each other seat's moves still to come: the turns after this one, and this one if it
    # has not moved yet
    to_move = turns_left[:, None] + ~st.acted
    to_move[:, actor] = 0.0
    pace = st.traded * (PACE_GROWTH / played)[:, None, None]  # [B, A, C]
    reach = np.einsum("bac,ba->bc", pace, to_move)
    last_deal = np.where((turns_left == 1)[:, None] & c.member[:, actor][None, :],
                         max(c.rules.trade_volumes), 0.0)
    return Forecast(share=share, reach=reach, turns_left=turns_left, last_deal=last_deal)


def too_late(slot: IntArr, turns_left: FloatArr) -> BoolArr:
    """Whether capacity in pending `slot` (arriving in slot + 1 upkeeps) comes after the
    upkeep before the last turn, with `turns_left` turns after the present one: no deal in
    the game can use it."""
    return np.asarray(slot >= turns_left)


def usable_capacity(c: Compiled, s: BatchState, turns_left: FloatArr) -> FloatArr:
    """[B, C] capacity built or under way in `s` (the state after a move, before its upkeep)
    that will be open to deals before the game ends: capacity on order counts only if it
    arrives by the upkeep before the last turn, since a deal needs the room when it is
    signed.  Capacity that comes later still scores its credit, but nobody can fill it."""
    late = too_late(np.arange(s.pending.shape[2])[None, :], turns_left[:, None])  # [B, D]
    unreachable = (s.pending * late[:, None, :]).sum(axis=2)
    return committed_capacity(c, s) - unreachable


def project_in_place(c: Compiled, s: BatchState, ahead: Forecast) -> None:
    """Raise each route's trade in `s` (the state after a move, game i forecast by
    `ahead`'s game i) by the others' part of its room, built or under way and there in time
    for a deal, as far as they can fill it in the turns left, then by the seat's last deal in
    what room is left."""
    room = np.maximum(usable_capacity(c, s, ahead.turns_left) - s.throughput, 0.0)
    theirs = np.minimum(room * ahead.share, ahead.reach)
    mine = np.minimum(room - theirs, ahead.last_deal)
    np.add(s.throughput, theirs + mine, out=s.throughput)
