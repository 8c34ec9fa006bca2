"""The event phase: seeded draws from the scenario's deck plus scheduled events."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.effects import apply_effect, check_clash
from caspian_tabletop.engine.state import BatchState

IntArr = NDArray[np.int64]
FloatArr = NDArray[np.float64]

NO_EVENT = -1


def draw_events(c: Compiled, uniform: FloatArr) -> IntArr:
    """Map one uniform draw per game to an event index, or NO_EVENT.

    With probability `event_probability` an event is drawn from the deck (events with a
    positive weight and no schedule), proportionally to weight.
    """
    deck = (c.event_weight > 0) & (c.event_turn == 0)
    weights = np.where(deck, c.event_weight, 0.0)
    total = weights.sum()
    p = c.rules.event_probability
    if total <= 0 or p <= 0:
        return np.full(uniform.shape, NO_EVENT, dtype=np.int64)
    cumulative = np.cumsum(weights) / total
    scaled = np.minimum(uniform / p, 1.0 - 1e-12)
    picked = np.searchsorted(cumulative, scaled, side="right").astype(np.int64)
    return np.where(uniform < p, np.minimum(picked, len(weights) - 1), NO_EVENT)


def scheduled_events(c: Compiled, turn: int) -> list[int]:
    """Indices of the events fixed to `turn`, in scenario order."""
    return [int(e) for e in np.flatnonzero(c.event_turn == turn)]


def apply_events(c: Compiled, st: BatchState, event: IntArr) -> BatchState:
    """Apply `event[b]` (or nothing for NO_EVENT) to each game; returns a new state."""
    s = st.copy()
    apply_events_in_place(c, s, event)
    return s


def apply_events_in_place(c: Compiled, s: BatchState, event: IntArr) -> None:
    """`apply_events` on a state the caller owns."""
    for e, effects in enumerate(c.event_effects):
        rows = np.flatnonzero((event == e) & ~s.over)
        for effect in effects:
            apply_effect(c, s, rows, effect)
    check_clash(c, s)
