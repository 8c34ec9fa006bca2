"""Running statistics (analysis.tally): the same figures as a direct computation over all
values, however the values arrive in chunks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from caspian_tabletop.analysis.tally import Histogram, Moments

FAST = settings(max_examples=60, deadline=None)
figures = st.floats(min_value=0, max_value=1e4, allow_nan=False, allow_infinity=False)


def _chunks(values: np.ndarray, cuts: list[int]) -> list[np.ndarray]:
    edges = sorted({min(c, len(values)) for c in cuts})
    return np.split(values, edges)


@FAST
@given(arrays(np.float64, st.tuples(st.integers(2, 300), st.integers(1, 4)),
              elements=st.floats(-1e6, 1e6)),
       st.lists(st.integers(0, 300), max_size=6))
def test_moments_merge_to_the_mean_and_deviation_of_all_rows(values: np.ndarray,
                                                             cuts: list[int]) -> None:
    moments = Moments(values.shape[1])
    for part in _chunks(values, cuts):
        moments.add(part)
    assert moments.count == values.shape[0]
    scale = max(1.0, float(np.abs(values).max()))
    assert np.allclose(moments.mean, values.mean(axis=0), rtol=1e-9, atol=1e-9 * scale)
    assert np.allclose(moments.sd(), values.std(axis=0, ddof=1), rtol=1e-7, atol=1e-7 * scale)


@FAST
@given(st.lists(figures, min_size=1, max_size=400), st.lists(st.integers(0, 400), max_size=6),
       st.sampled_from([0, 5, 25, 50, 95, 100]))
def test_percentiles_are_within_one_bin_and_independent_of_chunks(
        values: list[float], cuts: list[int], q: int) -> None:
    data = np.array(values)
    whole, chunked = Histogram(), Histogram()
    whole.add(data)
    for part in _chunks(data, cuts):
        chunked.add(part)
    assert whole.width == chunked.width
    assert np.array_equal(whole.counts, chunked.counts)
    assert whole.percentile(q) == chunked.percentile(q)
    assert abs(whole.percentile(q) - float(np.percentile(data, q))) <= whole.width
    assert data.max() < whole.width * Histogram.BINS <= max(2 * data.max(), 2.0**-14)


@FAST
@given(st.lists(st.sampled_from([0.0, 0.25, 1.18, 2.5, 3.0, 4.25]), min_size=1, max_size=300),
       st.integers(0, 100))
def test_percentiles_of_a_few_distinct_values_are_exact(values: list[float], q: int) -> None:
    """Each value alone in its bin: the same order statistics as np.percentile."""
    spread = Histogram()
    spread.add(np.array(values))
    assert spread.percentile(q) == pytest.approx(float(np.percentile(values, q)), abs=1e-12)


@pytest.mark.parametrize("bad", [[-1.0], [float("nan")], [float("inf")]])
def test_values_a_histogram_cannot_count(bad: list[float]) -> None:
    with pytest.raises(ValueError):
        Histogram().add(np.array(bad))


@FAST
@given(st.lists(st.floats(0, 1e-4), min_size=1, max_size=200), st.integers(1, 40))
def test_widening_in_one_pass_equals_doubling_one_step_at_a_time(values: list[float],
                                                                 doublings: int) -> None:
    once, stepwise = Histogram(), Histogram()
    once.add(np.array(values))
    stepwise.add(np.array(values))
    once._coarsen(2**doublings)
    for _ in range(doublings):
        stepwise._coarsen(2)
    assert once.width == stepwise.width
    for mine, theirs in ((once.counts, stepwise.counts), (once.low, stepwise.low),
                         (once.high, stepwise.high)):
        assert np.array_equal(mine, theirs)
