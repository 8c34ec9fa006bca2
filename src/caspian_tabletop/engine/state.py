"""Game state as a value: numpy arrays with a leading batch axis.

One interactive game is batch size 1; a Monte Carlo run of N games is batch size N.  Rules never
mutate a state they are given: they copy it (`BatchState.copy`) and return the copy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from functools import lru_cache
from math import prod
from typing import Any

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.arrays import BoolArr, FloatArr, IntArr
from caspian_tabletop.engine.compiled import Compiled


@dataclass(frozen=True)
class BatchState:
    turn: IntArr  # [B] current turn, 1-based
    acted: BoolArr  # [B, A] actor has made its main move this turn
    influence: FloatArr  # [B, A, A] a's sway over b, 0..100 (diagonal unused)
    relations: FloatArr  # [B, A, A] symmetric, -100..100
    tension: FloatArr  # [B] escalation track 0..10
    capital: FloatArr  # [B, A] action points
    throughput: FloatArr  # [B, C] Mt/yr carried when open
    # [B, A, C] Mt/yr of the deals each actor has proposed and had accepted, per route
    traded: FloatArr
    capacity: FloatArr  # [B, C] Mt/yr
    blocked: IntArr  # [B, C] turns of blockade left
    disrupted: FloatArr  # [B, C] share of this turn's trade lost (storms): 0 = none
    capacity_lost: FloatArr  # [B, C] capacity blockades took that has not yet come back
    drill: IntArr  # [B, A, Z] turns of drill bonus left
    pending: FloatArr  # [B, C, D] capacity arriving in d+1 upkeeps
    asset_progress: IntArr  # [B, S] investments made
    asset_online: BoolArr  # [B, S]
    revenue: FloatArr  # [B, A] income of the last upkeep
    escalation: FloatArr  # [B, A] tension each actor has added by its own moves
    # [B, A, C] turns left of the risk premium a's show of force put on a route (a drill, or
    # the reaction to a's blockade on its own routes)
    premium: IntArr
    stake: IntArr  # [B, A, C] turns left of a's stake in a route's revenue (a demand accepted)
    grievance: IntArr  # [B, A, C] turns left of a's grievance over a route (a demand refused)
    over: BoolArr  # [B]
    clash: BoolArr  # [B] ended in armed clash
    # [B, H] hulls in service of the classes that change in play (Compiled.hull_class)
    hulls: FloatArr
    presence: FloatArr  # [B, A, Z] share of each navy in each zone
    zone_strength: FloatArr  # [B, A, Z] naval strength present: the navy's strength x presence
    fired: BoolArr  # [B, E] events that have happened (a once-only event does not recur)

    @property
    def size(self) -> int:
        return int(self.turn.shape[0])

    def arrays(self) -> list[NDArray[Any]]:
        """The fields' arrays, in field order."""
        return [getattr(self, name) for name in _FIELDS]

    def copy(self) -> BatchState:
        return type(self)(*[arr.copy() for arr in self.arrays()])

    def row(self, index: int) -> BatchState:
        """Game `index` of the batch as a batch of one."""
        return self.take(np.array([index]))

    def take(self, rows: NDArray[np.int64], into: BatchState | None = None) -> BatchState:
        """The games at `rows`, as a new batch (`np.take` gathers rows faster than indexing).

        With `into` (a batch of at least `rows.size` games) the result is written over its
        first games and shares its memory: callers that gather many batches in turn reuse one
        buffer instead of asking the allocator for fresh memory each time.
        """
        if into is None:
            return type(self)(*[arr.take(rows, axis=0) for arr in self.arrays()])
        return type(self)(*[arr.take(rows, axis=0, out=buffer[:rows.size], mode="clip")
                            for arr, buffer in zip(self.arrays(), into.arrays(), strict=True)])

    def blank(self, size: int) -> BatchState:
        """A batch of `size` games shaped like this one, contents unset: a buffer for `take`."""
        return type(self)(*[np.empty((size, *arr.shape[1:]), dtype=arr.dtype)
                            for arr in self.arrays()])

    def place(self, start: int, games: BatchState) -> None:
        """Write `games` over this batch's games from `start` on (a plain block copy)."""
        for arr, part in zip(self.arrays(), games.arrays(), strict=True):
            arr[start:start + part.shape[0]] = part

    def span(self, start: int, stop: int) -> BatchState:
        """Games `start` to `stop` (exclusive) as a batch that shares this one's memory."""
        return type(self)(*[arr[start:stop] for arr in self.arrays()])

    def distinct(self, rows: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Group the games at `rows` by identical state: one representative game per group
        (indices into the batch) and, for each of `rows`, its group.

        Many Monte Carlo games share a position early on (before chance and events set them
        apart), so work that depends only on the position is done once per group.  Games are
        grouped by a random projection of their values, then each is checked against its
        group's first game; the few that differ (values a rounding apart) go alone.  Games
        whose sway already differs are told apart first, without looking further.
        """
        n = rows.size
        whole = n == self.size and np.array_equal(rows, np.arange(n))

        def part(arr: NDArray[Any]) -> NDArray[Any]:
            return (arr if whole else arr.take(rows, axis=0)).reshape(n, prod(arr.shape[1:]))

        sway = part(self.influence)
        if np.unique(_project(sway, _projections((sway.shape[1],))[0])).size == n:
            return rows, np.arange(n)
        parts = [part(arr) for arr in self.arrays()]
        fingerprint = np.zeros(n)
        for values, weights in zip(parts, _projections(tuple(p.shape[1] for p in parts)),
                                   strict=True):
            fingerprint += _project(values, weights)
        _, first, group = np.unique(fingerprint, return_index=True, return_inverse=True)
        group = group.reshape(-1)
        merged = np.flatnonzero(first[group] != np.arange(n))
        if merged.size:
            differs = np.zeros(merged.size, dtype=bool)
            model = first[group[merged]]
            for values in parts:
                differs |= (values.take(merged, axis=0) != values.take(model, axis=0)).any(axis=1)
            alone = merged[differs]
            group[alone] = first.size + np.arange(alone.size)
            first = np.concatenate([first, alone])
        return rows[first], group

    def repeat(self, count: int) -> BatchState:
        """A batch of `count` copies of a batch-of-one state (for rollouts)."""
        return type(self)(*[np.repeat(arr, count, axis=0) for arr in self.arrays()])

    def digest(self, c: Compiled | None = None) -> str:
        """A short content hash of a batch-of-one state, stable across platforms.

        Floats are rounded to 9 decimals so that harmless last-bit noise cannot make a replay
        fail verification, while any rule-visible difference changes the digest.  Given its
        scenario `c`, the fields of a changing world are hashed only once they hold something
        (`_at_rest`): a save made before those fields existed keeps its digest.
        """
        h = hashlib.sha256()
        for f in fields(self):
            arr = getattr(self, f.name)[0]
            if f.name == "fired" and c is not None:
                arr = arr & c.event_once
            if c is not None and _at_rest(c, f.name, arr):
                continue
            data = np.round(arr, 9) + 0.0 if arr.dtype.kind == "f" else arr.astype(np.int64)
            h.update(f.name.encode())
            h.update(np.ascontiguousarray(data).tobytes())
        return h.hexdigest()[:16]


_FIELDS = tuple(f.name for f in fields(BatchState))


def _at_rest(c: Compiled, name: str, values: NDArray[Any]) -> bool:
    """Whether one game's field of the changing world holds nothing beyond the opening: the
    navy and presence as the scenario gives them, no disruption, no capacity waiting to come
    back, no once-only event spent.  The zone strength follows from hulls and presence, and the
    deals each actor has made from the moves a replay records (no rule reads them: bots
    forecast with them), so neither ever needs hashing."""
    if name in ("zone_strength", "traded"):
        return True
    if name == "hulls":
        return bool(np.array_equal(values, c.hulls0))
    if name == "presence":
        return bool(np.array_equal(values, c.presence))
    if name in ("disrupted", "capacity_lost", "fired"):
        return not values.any()
    return False


def _project(values: NDArray[Any], weights: FloatArr) -> FloatArr:
    """[n] each row of `values` [n, k] weighted by `weights` [k] and summed, the same way for
    every row: a matrix product may round rows differently by their place in the batch, which
    would set equal games apart."""
    return np.einsum("ij,j->i", values, weights)


@lru_cache(maxsize=8)
def _projections(widths: tuple[int, ...]) -> tuple[FloatArr, ...]:
    """Fixed random weights, one vector per field of the given widths (see `distinct`)."""
    rng = np.random.default_rng(0)
    return tuple(rng.random(width) for width in widths)


def initial_state(c: Compiled, batch: int = 1) -> BatchState:
    """The scenario's opening position, repeated `batch` times."""
    n_a, n_z, n_c, n_s = len(c.actors), len(c.zones), len(c.corridors), len(c.assets)
    delay_slots = max(c.rules.invest_delay, 1)

    def tile(arr: NDArray[np.generic]) -> NDArray[np.generic]:
        return np.broadcast_to(arr, (batch, *arr.shape)).copy()

    return BatchState(
        turn=np.ones(batch, dtype=np.int64),
        acted=np.zeros((batch, n_a), dtype=bool),
        influence=tile(c.influence0).astype(np.float64),
        relations=tile(c.relations0).astype(np.float64),
        tension=np.full(batch, c.tension0, dtype=np.float64),
        capital=np.full((batch, n_a), c.rules.capital_start, dtype=np.float64),
        throughput=tile(c.throughput0).astype(np.float64),
        traded=np.zeros((batch, n_a, n_c), dtype=np.float64),
        capacity=tile(c.capacity0).astype(np.float64),
        blocked=np.zeros((batch, n_c), dtype=np.int64),
        disrupted=np.zeros((batch, n_c), dtype=np.float64),
        capacity_lost=np.zeros((batch, n_c), dtype=np.float64),
        drill=np.zeros((batch, n_a, n_z), dtype=np.int64),
        pending=np.zeros((batch, n_c, delay_slots), dtype=np.float64),
        asset_progress=np.zeros((batch, n_s), dtype=np.int64),
        asset_online=np.zeros((batch, n_s), dtype=bool),
        revenue=tile(c.revenue0).astype(np.float64),
        escalation=np.zeros((batch, n_a), dtype=np.float64),
        premium=np.zeros((batch, n_a, n_c), dtype=np.int64),
        stake=np.zeros((batch, n_a, n_c), dtype=np.int64),
        grievance=np.zeros((batch, n_a, n_c), dtype=np.int64),
        over=np.zeros(batch, dtype=bool),
        clash=np.zeros(batch, dtype=bool),
        hulls=tile(c.hulls0).astype(np.float64),
        presence=tile(c.presence).astype(np.float64),
        zone_strength=tile(c.zone_strength).astype(np.float64),
        fired=np.zeros((batch, len(c.events)), dtype=bool),
    )
