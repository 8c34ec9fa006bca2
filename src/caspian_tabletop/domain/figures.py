"""Figures as every interface prints them (screens, reports, the advisor's reasons)."""

from __future__ import annotations


def tenths(value: float, signed: bool = False) -> str:
    """A figure to one decimal; a tiny negative shows as 0.0, not -0.0."""
    rounded = round(value, 1) + 0.0  # adding zero turns -0.0 into 0.0
    return f"{rounded:+.1f}" if signed else f"{rounded:.1f}"
