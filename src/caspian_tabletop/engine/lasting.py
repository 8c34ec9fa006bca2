"""What a move puts in place is worth to a seat only if it still stands when the game is scored.

The final score reads the last quarter's sea, so a blockade, a risk premium or a stake that
lifts before then leaves the score at the end nothing of itself (the advisor tells a player
so).  Before valuing the end of a turn, the bots take such things off the board, and a move
is judged by what of it lasts: a drill early in the game by the sway it wins and the deals
its premium will have kept smaller (`premium_deters`), not by the trade the premium keeps
away while it stands.  A partner asked to agree judges its answer the same way
(`decisions`): a stake it grants for the last quarter costs it, one that lapses does not.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.rowwise import sum_second
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import kept_away

# The state's countdowns that upkeep lifts and scores read.
_COUNTDOWNS = ("blocked", "premium", "stake")


def lifting_turn(turn: IntArr, left: IntArr) -> IntArr:
    """The turn whose upkeep lifts each count of `left` (turns to run, leading axis the
    batch) on `turn`: set on turn t for k upkeeps, it is in force until the upkeep of turn
    t + k - 1."""
    lifts: IntArr = turn.reshape((-1,) + (1,) * (left.ndim - 1)) + left - 1
    return lifts


def lasting(c: Compiled, turn: IntArr, left: IntArr) -> IntArr:
    """`left` with every count that runs out before the last quarter set to zero: a count is
    in force in the last quarter, the one whose sea and revenue the final score reads, when
    its lifting turn reaches the last turn."""
    kept: IntArr = np.where(lifting_turn(turn, left) >= c.turns, left, 0)
    return kept


def deterred(c: Compiled, s: BatchState) -> FloatArr:
    """[B, C] Mt/yr of deals the risk premiums standing on each route will have kept from
    being signed by the time they lift (`premium_deters`), at the route's pace of deals so
    far: the part of a premium that lasts, since a deal signed smaller stays smaller."""
    r = c.rules
    if not r.premium_deters or not s.premium.any():
        return np.zeros(s.throughput.shape)
    played = np.maximum(s.turn - 1, 1).astype(np.float64)
    pace = sum_second(s.traded) / played[:, None]
    turns_left = c.turns - s.turn + 1  # this turn's deals still to come, and the later ones'
    kept = np.zeros(s.throughput.shape)
    for ahead in range(int(s.premium.max())):
        kept += kept_away(c, sum_second(s.premium > ahead) * (ahead < turns_left)[:, None])
    out: FloatArr = r.premium_deters * pace * kept
    return out


def _undeterred(c: Compiled, s: BatchState) -> FloatArr:
    """[B, C] each route's trade less what its premiums will have deterred, at least none."""
    return np.maximum(s.throughput - deterred(c, s), 0.0)


def drop_lapsing(c: Compiled, s: BatchState) -> None:
    """Take off `s`, in place, what will lift before the final score, leaving the deals its
    premiums will have deterred out of its trade."""
    if c.rules.premium_deters and s.premium.any():
        s.throughput[...] = _undeterred(c, s)
    for name in _COUNTDOWNS:
        values = getattr(s, name)
        if values.any():
            values[...] = lasting(c, s.turn, values)


def without_lapsing(c: Compiled, st: BatchState) -> BatchState:
    """`st` as `drop_lapsing` leaves it: new countdown (and, under premiums that deter, trade)
    arrays, every other field shared with `st` (and not to be written)."""
    throughput = _undeterred(c, st) if c.rules.premium_deters and st.premium.any() \
        else st.throughput
    return replace(st, throughput=throughput, blocked=lasting(c, st.turn, st.blocked),
                   premium=lasting(c, st.turn, st.premium),
                   stake=lasting(c, st.turn, st.stake))
