"""What a seat expects its routes to carry by the game's end: how bots value capacity.

A seat that measures its routes by volume (`corridor_volume_scale`) is scored at the game's
end on the trade they carry then.  Capacity it builds now carries nothing until somebody's
deals fill it, often in later turns and often other seats' deals, which the end-of-turn
score cannot see: valued one turn ahead, a new berth is worth only the rules' credit for
capacity under way, and a seat that simply invests every turn did better than the bot.

The forecast: the other seats keep making deals on each route at the pace they have so far
(the volume of their deals per turn played), and that trade fills the route up to the
capacity built or under way. The bot values its moves by the score of the state so
projected. Its own later deals are not forecast (it decides them itself), so its own deal
now still counts in full unless the others would fill the route anyway. Seats whose corridor
term is a share of all trade, and every other term, are valued as the state stands: the
share is a balance of the moment, and tension is the bot's gauge of the risk of a clash,
which no forecast should discount.
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
    """Per game, what the other seats' deals are expected to add to each route."""

    pace: FloatArr  # [B, C] Mt/yr of the other seats' deals per turn played so far
    turns_left: FloatArr  # [B] turns after the present one

    def take(self, rows: IntArr) -> Forecast:
        return Forecast(self.pace.take(rows, axis=0), self.turns_left.take(rows))


def looks_ahead(c: Compiled, actor: int) -> bool:
    """Whether `actor`'s score counts its routes' volume, which the forecast is about."""
    return bool(c.corridor_volume_scale[actor] > 0)


def forecast(c: Compiled, st: BatchState, actor: int) -> Forecast:
    """The forecast `actor` makes in each game of `st`: the deals the other seats have made
    on each route, per turn since the game began (at least one), continued to the end."""
    others = st.traded.sum(axis=1) - st.traded[:, actor]
    played = np.maximum(st.turn - 1, 1).astype(np.float64)
    return Forecast(pace=others / played[:, None],
                    turns_left=np.maximum(c.turns - st.turn, 0).astype(np.float64))


def project_in_place(c: Compiled, s: BatchState, ahead: Forecast) -> None:
    """Raise each route's trade in `s` (the state after a move, game i forecast by
    `ahead`'s game i) by what the others' deals will add, up to the capacity committed."""
    expected = s.throughput + ahead.pace * ahead.turns_left[:, None]
    np.minimum(committed_capacity(c, s), expected, out=expected)
    np.maximum(s.throughput, expected, out=s.throughput)
