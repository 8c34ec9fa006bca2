"""The event phase: seeded draws from the scenario's deck plus scheduled events.

What is in the deck depends on the game: a card's weight may differ by quarter of the year,
a card may wait for its earliest turn, a scheduled event's card leaves the deck on its turn,
and a once-only event that has happened (drawn, scheduled or injected) is out for good.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.effects import apply_effect, check_clash
from caspian_tabletop.engine.state import BatchState

NO_EVENT = -1


def deck_weights(c: Compiled, s: BatchState, turn: IntArr | None = None,
                 tension: FloatArr | None = None) -> FloatArr:
    """[B, E] each card's weight in each game's draw this turn (or at `turn[b]`), at each
    game's tension (or at `tension[b]`)."""
    row = np.minimum(s.turn if turn is None else turn, c.turns + 1)
    weights = c.deck_weight.take(row, axis=0)
    if c.deck_tension_weight.any():
        level = s.tension if tension is None else tension
        weights += level[:, None] * c.deck_tension_weight.take(row, axis=0)
    if c.event_once.any():
        weights *= ~(s.fired & c.event_once)
    return weights


def draw_events(c: Compiled, s: BatchState, uniform: FloatArr) -> IntArr:
    """Map one uniform draw per game to an event index, or NO_EVENT.

    With probability `event_probability` an event is drawn from the game's deck
    (`deck_weights`), proportionally to weight.
    """
    p = c.rules.event_probability
    none = np.full(uniform.shape, NO_EVENT, dtype=np.int64)
    if p <= 0 or len(c.events) == 0:
        return none
    scaled = np.minimum(uniform / p, 1.0 - 1e-12)
    if (c.event_once.any() and (s.fired & c.event_once).any()) or c.deck_tension_weight.any():
        picked, drawable = _pick(deck_weights(c, s), scaled)
    else:  # every game draws from its turn's deck: one table row per turn
        picked, drawable = _pick(c.deck_weight, scaled, np.minimum(s.turn, c.turns + 1))
    return np.where((uniform < p) & drawable, picked, none)


def _pick(weights: FloatArr, scaled: FloatArr, row: IntArr | None = None
          ) -> tuple[IntArr, NDArray[np.bool_]]:
    """For each draw `scaled[i]` in [0, 1), the card whose band of the cumulative weights of
    its deck (row i of `weights`, or row `row[i]`) holds it, and whether that deck holds any
    card.  Rounding can leave the last sum a hair below a draw: the last card then."""
    total = weights.sum(axis=1)
    cumulative = np.cumsum(weights, axis=1)
    np.divide(cumulative, total[:, None], out=cumulative, where=total[:, None] > 0)
    last = weights.shape[1] - 1 - np.argmax(weights[:, ::-1] > 0, axis=1)
    if row is None:
        picked = (cumulative <= scaled[:, None]).sum(axis=1)
        return np.minimum(picked, last), total > 0
    picked = np.zeros(scaled.size, dtype=np.int64)
    for r in np.unique(row):
        games = np.flatnonzero(row == r)
        found = np.searchsorted(cumulative[r], scaled[games], side="right")
        picked[games] = np.minimum(found, last[r])
    return picked, (total > 0).take(row)


def scheduled_events(c: Compiled, turn: int) -> list[int]:
    """Indices of the events fixed to `turn`, in scenario order."""
    return [int(e) for e in np.flatnonzero(c.event_turn == turn)]


def spent(c: Compiled, s: BatchState, event: int) -> bool:
    """Whether `event` is a once-only event that has already happened in game 0 of `s`."""
    return bool(c.event_once[event] and s.fired[0, event])


def apply_events(c: Compiled, st: BatchState, event: IntArr) -> BatchState:
    """Apply `event[b]` (or nothing for NO_EVENT) to each game; returns a new state."""
    s = st.copy()
    apply_events_in_place(c, s, event)
    return s


def apply_events_in_place(c: Compiled, s: BatchState, event: IntArr) -> None:
    """`apply_events` on a state the caller owns.  A once-only event that has already
    happened in a game does nothing there; every event applied is remembered as fired."""
    for e, effects in enumerate(c.event_effects):
        hit = (event == e) & ~s.over
        if c.event_once[e]:
            hit &= ~s.fired[:, e]
        rows = np.flatnonzero(hit)
        for effect in effects:
            apply_effect(c, s, rows, effect)
        s.fired[rows, e] = True
    check_clash(c, s)
