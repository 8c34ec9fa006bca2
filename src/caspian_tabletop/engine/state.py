"""Game state as a value: numpy arrays with a leading batch axis.

One interactive game is batch size 1; a Monte Carlo run of N games is batch size N.  Rules never
mutate a state they are given: they copy it (`BatchState.copy`) and return the copy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields, replace

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.compiled import Compiled

F = NDArray[np.float64]
I = NDArray[np.int64]  # noqa: E741
Bool = NDArray[np.bool_]


@dataclass(frozen=True)
class BatchState:
    turn: I  # [B] current turn, 1-based
    acted: Bool  # [B, A] actor has made its main move this turn
    influence: F  # [B, A, A] a's sway over b, 0..100 (diagonal unused)
    relations: F  # [B, A, A] symmetric, -100..100
    tension: F  # [B] escalation track 0..10
    capital: F  # [B, A] action points
    throughput: F  # [B, C] Mt/yr carried when open
    capacity: F  # [B, C] Mt/yr
    blocked: I  # [B, C] turns of blockade left
    drill: I  # [B, A, Z] turns of drill bonus left
    pending: F  # [B, C, D] capacity arriving in d+1 upkeeps
    asset_progress: I  # [B, S] investments made
    asset_online: Bool  # [B, S]
    revenue: F  # [B, A] income of the last upkeep
    escalation: F  # [B, A] tension each actor has added by its own moves
    over: Bool  # [B]
    clash: Bool  # [B] ended in armed clash

    @property
    def size(self) -> int:
        return int(self.turn.shape[0])

    def copy(self) -> BatchState:
        return replace(self, **{f.name: getattr(self, f.name).copy() for f in fields(self)})

    def row(self, index: int) -> BatchState:
        """Game `index` of the batch as a batch of one."""
        return self.take(np.array([index]))

    def take(self, rows: NDArray[np.int64]) -> BatchState:
        """The games at `rows`, as a new batch."""
        return replace(self, **{f.name: getattr(self, f.name)[rows] for f in fields(self)})

    def repeat(self, count: int) -> BatchState:
        """A batch of `count` copies of a batch-of-one state (for rollouts)."""
        return replace(self, **{f.name: np.repeat(getattr(self, f.name), count, axis=0)
                                for f in fields(self)})

    def digest(self) -> str:
        """A short content hash of a batch-of-one state, stable across platforms.

        Floats are rounded to 9 decimals so that harmless last-bit noise cannot make a replay
        fail verification, while any rule-visible difference changes the digest.
        """
        h = hashlib.sha256()
        for f in fields(self):
            arr = getattr(self, f.name)[0]
            data = np.round(arr, 9) + 0.0 if arr.dtype.kind == "f" else arr.astype(np.int64)
            h.update(f.name.encode())
            h.update(np.ascontiguousarray(data).tobytes())
        return h.hexdigest()[:16]


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
        capacity=tile(c.capacity0).astype(np.float64),
        blocked=np.zeros((batch, n_c), dtype=np.int64),
        drill=np.zeros((batch, n_a, n_z), dtype=np.int64),
        pending=np.zeros((batch, n_c, delay_slots), dtype=np.float64),
        asset_progress=np.zeros((batch, n_s), dtype=np.int64),
        asset_online=np.zeros((batch, n_s), dtype=bool),
        revenue=np.zeros((batch, n_a), dtype=np.float64),
        escalation=np.zeros((batch, n_a), dtype=np.float64),
        over=np.zeros(batch, dtype=bool),
        clash=np.zeros(batch, dtype=bool),
    )
