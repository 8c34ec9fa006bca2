"""Decisions a seat makes from its own objectives, evaluated with the rules themselves."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.resolve import resolve
from caspian_tabletop.engine.scoring import actor_scores
from caspian_tabletop.engine.state import BatchState

IntArr = NDArray[np.int64]


def trade_gain(c: Compiled, st: BatchState, action: IntArr) -> NDArray[np.float64]:
    """[B] change in the partner's score if it accepts the proposed trade `action[b]`."""
    partner = np.maximum(c.act_partner[action], 0)
    yes = np.ones(st.size, dtype=bool)
    after, _ = resolve(c, st, action, np.full(st.size, 0.5), yes)
    return actor_scores(c, after, partner) - actor_scores(c, st, partner)


def partner_accepts(c: Compiled, st: BatchState, action: IntArr) -> NDArray[np.bool_]:
    """An objective-driven partner accepts a deal that does not lower its own score."""
    return trade_gain(c, st, action) >= -1e-9
