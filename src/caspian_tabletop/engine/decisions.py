"""Decisions a seat makes from its own objectives, evaluated with the rules themselves."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.resolve import resolve_in_place
from caspian_tabletop.engine.scoring import actor_scores
from caspian_tabletop.engine.state import BatchState

IntArr = NDArray[np.int64]


def trade_gain(c: Compiled, st: BatchState, action: IntArr, own: bool = False
               ) -> NDArray[np.float64]:
    """[B] change in the partner's score if it accepts the proposed trade `action[b]`.

    With `own`, `st` is a copy the caller gives up: the deal is carried out in it, uncopied.
    """
    partner = np.maximum(c.act_partner[action], 0)
    before = actor_scores(c, st, partner)
    after = st if own else st.copy()
    resolve_in_place(c, after, action, np.full(st.size, 0.5), np.ones(st.size, dtype=bool))
    return actor_scores(c, after, partner) - before


def partner_accepts(c: Compiled, st: BatchState, action: IntArr, own: bool = False
                    ) -> NDArray[np.bool_]:
    """An objective-driven partner accepts a deal that does not lower its own score (`own`:
    see `trade_gain`)."""
    return trade_gain(c, st, action, own) >= -1e-9
