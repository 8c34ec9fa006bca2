"""Figures as every interface prints them (screens, reports, transcripts, the advisor's reasons)."""

from __future__ import annotations


def tenths(value: float, signed: bool = False) -> str:
    """A figure to one decimal; a tiny negative shows as 0.0, not -0.0."""
    return figure(value, ".1f", signed)


def hundredths(value: float, signed: bool = False) -> str:
    """A figure to two decimals; one that two decimals would show as zero keeps two
    significant digits, so that a margin just below zero does not read "-0.00"."""
    return figure(value, ".2g" if value and abs(value) < 0.005 else ".2f", signed)


def figure(value: float, spec: str, signed: bool = False) -> str:
    """`value` in the format `spec` (e.g. '.2f', '.0%', 'g'), with a sign when `signed`.

    A figure that rounds to zero never shows as -0: the magnitude is formatted, and a minus
    is put in front only when some digit of it is not zero.
    """
    magnitude = format(abs(value), spec)
    digits = [ch for ch in magnitude if ch.isdigit()]
    zero = bool(digits) and all(ch == "0" for ch in digits)
    sign = "-" if value < 0 and not zero else "+" if signed else ""
    return sign + magnitude


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
