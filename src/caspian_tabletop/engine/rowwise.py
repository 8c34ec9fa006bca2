"""Reductions over the short trailing axes of batch arrays, at batch speed.

Batch arrays are [B, ...] with short trailing axes (actors, corridors).  NumPy reduces over
such an axis with a tiny inner loop per row, which dominates the cost on large batches;
taking the terms one at a time runs one long loop per term instead.  Below eight terms NumPy
adds them in order too, so the sums are identical; from eight on it sums pairwise, and is
then used as it is, as it is for small batches, where one call costs less than several.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.arrays import FloatArr

PAIRWISE_FROM = 8  # NumPy sums this many terms or more pairwise, not in order
SMALL = 256  # below this many sums, one NumPy call beats a call per term


def sum_last(x: FloatArr) -> FloatArr:
    """x.sum(axis=-1), term by term."""
    terms = x.shape[-1]
    if terms == 0 or terms >= PAIRWISE_FROM or x.size < SMALL * terms:
        total: FloatArr = x.sum(axis=-1)
        return total
    total = x[..., 0].copy()
    for i in range(1, terms):
        total += x[..., i]
    return total


def max_last(x: FloatArr) -> FloatArr:
    """x.max(axis=-1), term by term (a maximum does not depend on the order)."""
    if x.size < SMALL * x.shape[-1]:
        most: FloatArr = x.max(axis=-1)
        return most
    top = x[..., 0].copy()
    for i in range(1, x.shape[-1]):
        np.maximum(top, x[..., i], out=top)
    return top


def sum_second(x: NDArray[Any]) -> NDArray[Any]:
    """x.sum(axis=1) over a [B, A, ...] array, term by term (booleans counted as integers)."""
    terms = x.shape[1]
    if terms == 0 or terms >= PAIRWISE_FROM or x.size < SMALL * terms:
        return np.asarray(x.sum(axis=1))
    total = x[:, 0].astype(np.int64 if x.dtype == np.bool_ else x.dtype)
    for i in range(1, terms):
        total += x[:, i]
    return total
