"""Figures as every interface prints them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from caspian_tabletop.domain.figures import figure, hundredths, tenths


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


def test_figure_formats_every_precision_with_one_rule_for_the_sign() -> None:
    assert figure(1.5, ".2f", signed=True) == "+1.50"
    assert figure(-0.004, ".2f", signed=True) == "+0.00"
    assert figure(-0.004, ".2f") == "0.00"
    assert figure(-12.5, ".0f", signed=True) == "-12"
    assert figure(0.15, ".0%", signed=True) == "+15%"
    assert figure(-0.001, ".0%", signed=True) == "+0%"
    assert figure(-0.0123, ".2g", signed=True) == "-0.012"
    assert figure(-float("inf"), ".1f") == "-inf"


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
       st.sampled_from([".0f", ".1f", ".2f", ".0%", ".2g", "g"]))
def test_figure_is_the_usual_format_but_never_a_negative_zero(value: float, spec: str) -> None:
    shown = figure(value, spec, signed=True)
    usual = format(value, "+" + spec)
    assert shown == usual or (usual.startswith("-") and shown == "+" + usual[1:])
    assert shown == usual or set(usual) - set("+-.%") <= {"0"}


def test_hundredths_keeps_a_small_margin_visible_and_its_sign() -> None:
    assert hundredths(0.123) == "0.12"
    assert hundredths(-0.04, signed=True) == "-0.04"
    assert hundredths(-0.0004, signed=True) == "-0.0004"  # not "-0.00" beside a FAIL
    assert hundredths(-0.0, signed=True) == "+0.00"
    assert hundredths(0.0) == "0.00"


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6))
def test_hundredths_shows_every_nonzero_value_as_nonzero(value: float) -> None:
    shown = hundredths(value, signed=True)
    assert (float(shown) == 0.0) == (value == 0.0)
    assert shown[0] == ("-" if value < 0 else "+")
