"""What a seat expects its routes to carry by the game's end: how bots value capacity.

A seat that measures its routes by volume (`corridor_volume_scale`) is scored at the game's
end on the trade they carry then. Capacity it builds now carries nothing until somebody's
deals fill it, often in later turns and often other seats' deals, which the end-of-turn
score cannot see: valued one turn ahead, a new berth is worth only the rules' credit for
capacity under way, and a seat that simply invests every turn did better than the bot.

The forecast: routes fill what is built. In self-play the sea routes end the game nearly as
full as their capacity (docs/balance.md, step 15), so the room on each route, built or under
way, is expected to be taken by the game's end, and the other seats take their part of it:
the share of the deals on that route they have made so far (none where nobody has traded on
it yet). The seat's own part is left for its own later deals, which it decides itself, so a
deal of its own now still counts for the part of the room the others would not have taken.
The bot values its moves by the score of the state so projected. Seats whose corridor term
is a share of all trade, and every other term, are valued as the state stands: the share is
a balance of the moment, and tension is the bot's gauge of the risk of a clash, which no
forecast should discount.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.assets import committed_capacity
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.state import BatchState


@dataclass(frozen=True)
class Forecast:
    """Per game, the part of each route's room the other seats are expected to take."""

    share: FloatArr  # [B, C] the other seats' part of the deals made on each route so far
    turns_left: FloatArr  # [B] turns after the present one

    def take(self, rows: IntArr) -> Forecast:
        return Forecast(self.share.take(rows, axis=0), self.turns_left.take(rows))


def looks_ahead(c: Compiled, actor: int) -> bool:
    """Whether `actor`'s score counts its routes' volume, which the forecast is about."""
    return bool(c.corridor_volume_scale[actor] > 0)


def forecast(c: Compiled, st: BatchState, actor: int) -> Forecast:
    """The forecast `actor` makes in each game of `st`: of the deals made on each route so
    far, the part the other seats made."""
    every = st.traded.sum(axis=1)
    others = every - st.traded[:, actor]
    share = np.divide(others, every, out=np.zeros_like(others), where=every > 0)
    return Forecast(share=share,
                    turns_left=np.maximum(c.turns - st.turn, 0).astype(np.float64))


def project_in_place(c: Compiled, s: BatchState, ahead: Forecast) -> None:
    """Raise each route's trade in `s` (the state after a move, game i forecast by
    `ahead`'s game i) by the others' part of its room, built or under way, where turns are
    left to fill it."""
    room = np.maximum(committed_capacity(c, s) - s.throughput, 0.0)
    room *= ahead.share
    room *= (ahead.turns_left > 0)[:, None]
    np.add(s.throughput, room, out=s.throughput)
