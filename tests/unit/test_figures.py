"""Figures as every interface prints them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from caspian_tabletop.domain.figures import tenths


def test_tenths_never_prints_a_negative_zero() -> None:
    assert tenths(-0.001) == "0.0"
    assert tenths(-0.001, signed=True) == "+0.0"
    assert tenths(-0.06, signed=True) == "-0.1"
    assert tenths(12.345) == "12.3"


@given(st.floats(min_value=-1e6, max_value=1e6))
def test_tenths_is_the_rounded_value_without_a_minus_on_zero(value: float) -> None:
    shown = tenths(value, signed=True)
    assert float(shown) == round(value, 1)
    assert shown != "-0.0"
