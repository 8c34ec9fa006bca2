"""Statistics kept as games finish, in memory that does not grow with the number of games.

A Monte Carlo run of a million games cannot keep every game's final state (2 KB each), so
each chunk of finished games is folded into running figures and dropped.  Counts and sums
are exact.  Means and variances merge chunk by chunk (Chan et al.'s pairwise update, stable
for any number of chunks).  Percentiles come from a histogram of fixed-width bins; see
`Histogram` for its resolution.
"""

from __future__ import annotations

import numpy as np

from caspian_tabletop.engine.arrays import FloatArr


class Moments:
    """Count, mean and sum of squared deviations of each column, merged chunk by chunk."""

    def __init__(self, columns: int) -> None:
        self.count = 0
        self.mean = np.zeros(columns)
        self.m2 = np.zeros(columns)

    def add(self, values: FloatArr) -> None:
        """Fold in the rows of `values` ([n, columns])."""
        n = values.shape[0]
        if n == 0:
            return
        mean = values.mean(axis=0)
        m2 = ((values - mean) ** 2).sum(axis=0)
        total = self.count + n
        delta = mean - self.mean
        self.mean = self.mean + delta * (n / total)
        self.m2 = self.m2 + m2 + delta**2 * (self.count * n / total)
        self.count = total

    def sd(self) -> FloatArr:
        """Sample standard deviation of each column (zero with fewer than two rows)."""
        if self.count < 2:
            return np.zeros_like(self.mean)
        return np.asarray(np.sqrt(self.m2 / (self.count - 1)))


class Histogram:
    """Non-negative values counted in BINS bins of equal width, plus each bin's smallest and
    largest value.

    The width starts at 2**-30 and doubles (merging neighbouring bins, which loses nothing
    already counted) whenever a value falls past the last bin, so the range never has to be
    known in advance and the result does not depend on how the values were chunked.  The
    width ends as the smallest power of two that holds the largest value in 65,536 bins:
    for throughputs of at most 8 Mt/yr, 2**-13 = 0.00012 Mt/yr.  A percentile is exact when
    its value's bin holds a single distinct value (often: corridors end on a few typical
    figures) and otherwise off by less than one bin width.
    """

    BINS = 2**16
    FIRST_WIDTH = 2.0**-30

    def __init__(self) -> None:
        self.width = self.FIRST_WIDTH
        self.counts = np.zeros(self.BINS, dtype=np.int64)
        self.low = np.full(self.BINS, np.inf)
        self.high = np.full(self.BINS, -np.inf)

    @property
    def total(self) -> int:
        return int(self.counts.sum())

    def add(self, values: FloatArr) -> None:
        values = np.asarray(values, dtype=np.float64).reshape(-1)
        if values.size == 0:
            return
        if not (np.isfinite(values).all() and values.min() >= 0):
            raise ValueError("a histogram counts finite values of at least zero")
        top, factor = float(values.max()), 1
        while top >= self.width * factor * self.BINS:
            factor *= 2
        self._coarsen(factor)
        index = (values / self.width).astype(np.int64)
        self.counts += np.bincount(index, minlength=self.BINS)
        np.minimum.at(self.low, index, values)
        np.maximum.at(self.high, index, values)

    def _coarsen(self, factor: int) -> None:
        """Widen the bins `factor` (a power of two) times, merging each run of `factor`
        neighbouring bins in one pass: the same as doubling that many times over, at the
        cost of one (a new histogram's first values need some 30 doublings)."""
        while factor > 1:
            step = min(factor, self.BINS)
            kept = self.BINS // step
            self.counts = np.concatenate([self.counts.reshape(kept, step).sum(axis=1),
                                          np.zeros(self.BINS - kept, dtype=np.int64)])
            self.low = np.concatenate([self.low.reshape(kept, step).min(axis=1),
                                       np.full(self.BINS - kept, np.inf)])
            self.high = np.concatenate([self.high.reshape(kept, step).max(axis=1),
                                        np.full(self.BINS - kept, -np.inf)])
            self.width *= step
            factor //= step

    def percentile(self, q: float) -> float:
        """The q-th percentile, interpolated between order statistics as `np.percentile`
        does by default."""
        n = self.total
        if n == 0:
            raise ValueError("no values counted")
        position = (n - 1) * q / 100.0
        below = int(np.floor(position))
        first = self._order_statistic(below)
        if below + 1 >= n:
            return first
        return first + (position - below) * (self._order_statistic(below + 1) - first)

    def _order_statistic(self, rank: int) -> float:
        """The `rank`-th smallest value (from 0), spread evenly over its bin's low..high."""
        ends = np.cumsum(self.counts)
        b = int(np.searchsorted(ends, rank, side="right"))
        inside = rank - (int(ends[b]) - int(self.counts[b]))
        count = int(self.counts[b])
        low, high = float(self.low[b]), float(self.high[b])
        return low if count == 1 else low + (high - low) * inside / (count - 1)
