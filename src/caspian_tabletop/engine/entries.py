"""Per-entry reads of an array of actions: one game per entry, or every game times one list.

Legality reads, for each (game, action) entry, the action's attributes and state values at an
index that depends on the action alone (its actor, corridor, partner or asset).  Conditions
written against these readers are evaluated the same way for a flat list of entries and for
a grid whose rows all repeat one list of actions (greedy play and the legal-move list ask for
those): on a grid the attributes are looked up once per column and the state is read column
by column, instead of once per entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import prod
from typing import Any

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.arrays import BoolArr, IntArr


@dataclass(frozen=True)
class Flat:
    """Entries that each name their game: `actions[i]` in game `games[i]`."""

    games: IntArr
    actions: IntArr

    def attr(self, table: NDArray[Any]) -> NDArray[Any]:
        """`table[action]` per entry."""
        return table[self.actions]

    def game(self, values: NDArray[Any]) -> NDArray[Any]:
        """`values[game]` per entry."""
        return values[self.games]

    def at(self, values: NDArray[Any], index: IntArr) -> NDArray[Any]:
        """`values[game].ravel()[index]` per entry, through flat indices (fast gathers)."""
        width = prod(values.shape[1:])
        return values.reshape(-1).take(self.games * width + index)

    def only(self, mask: BoolArr, test: Callable[[Entries], BoolArr]) -> BoolArr:
        """`test` evaluated only on the entries where `mask` holds (False elsewhere)."""
        out = np.zeros(mask.shape, dtype=bool)
        where = np.flatnonzero(mask)
        if where.size:
            out[where] = test(Flat(self.games[where], self.actions[where]))
        return out

    def spread(self, values: BoolArr, shape: tuple[int, ...]) -> BoolArr:
        """Per-entry results in the shape of the action array."""
        return values.reshape(shape)


@dataclass(frozen=True)
class Grid:
    """Every game of `games` (all of the batch, in order, when None) with every action of
    `actions`: entries [G, K], attributes [1, K], per-game values [G, 1]."""

    games: IntArr | None
    actions: IntArr

    def attr(self, table: NDArray[Any]) -> NDArray[Any]:
        return table[self.actions][None, :]

    def game(self, values: NDArray[Any]) -> NDArray[Any]:
        return self._rows(values)[:, None]

    def at(self, values: NDArray[Any], index: IntArr) -> NDArray[Any]:
        """`values[game].ravel()[index]` for an `index` [1, K] that depends on the action."""
        rows = self._rows(values)
        return rows.reshape(rows.shape[0], -1).take(index.reshape(-1), axis=1)

    def only(self, mask: BoolArr, test: Callable[[Entries], BoolArr]) -> BoolArr:
        """`test` evaluated only on the columns where `mask` ([1, K], from attributes) holds."""
        columns = np.flatnonzero(mask)
        if columns.size == 0:
            return np.zeros(mask.shape, dtype=bool)
        part = test(Grid(self.games, self.actions[columns]))
        out = np.zeros((part.shape[0], self.actions.size), dtype=bool)
        out[:, columns] = part
        return out

    def spread(self, values: BoolArr, shape: tuple[int, ...]) -> BoolArr:
        """Per-entry results ([G, K], or [1, K] / [G, 1] when they depend on one side only) in
        the shape of the action array."""
        return values if values.shape == shape else np.broadcast_to(values, shape)

    def _rows(self, values: NDArray[Any]) -> NDArray[Any]:
        return values if self.games is None else values.take(self.games, axis=0)


Entries = Flat | Grid


def entries(action: IntArr, rows: IntArr | None, size: int) -> Entries:
    """The readers for `action` ([B] or [B, ...]; row b in game `rows[b]`, or in game b of a
    batch of `size` when `rows` is None): a `Grid` when every row repeats the same actions (a
    broadcast [B, K] array), else `Flat`."""
    if action.ndim == 2 and action.shape[0] > 0 and action.strides[0] == 0:
        return Grid(rows, np.ascontiguousarray(action[0]))
    games = np.arange(size) if rows is None else rows
    b = np.broadcast_to(games.reshape((games.size,) + (1,) * (action.ndim - 1)), action.shape)
    return Flat(b.ravel(), action.ravel())
