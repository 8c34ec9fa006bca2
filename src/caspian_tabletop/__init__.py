"""Caspian Tabletop: a geopolitical wargame of the Caspian Sea in early 2021."""

from __future__ import annotations

__version__ = "0.1.0"
