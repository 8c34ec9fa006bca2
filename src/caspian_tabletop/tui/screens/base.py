"""Giving a new screen its breakpoint class before it is composed.

Textual adds the app's breakpoint class (`-narrow` / `-wide`) to a screen at its first
resize, after every widget has been styled, and then restyles the whole screen.  A screen
that starts with the right class is styled once.
"""

from __future__ import annotations

from typing import Any

from textual._context import NoActiveAppError
from textual.screen import Screen


def preset_breakpoints(screen: Screen[Any]) -> None:
    """Add the breakpoint class the first resize would add (no effect before the app runs)."""
    try:
        app = screen.app
    except NoActiveAppError:
        return
    if not app.is_running:
        return
    width = app.size.width
    breakpoints = (app.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is None
                   else screen.HORIZONTAL_BREAKPOINTS) or []
    if not width or not breakpoints:
        return
    chosen = next((name for least, name in sorted(breakpoints, reverse=True)
                   if width >= least), None)
    screen.update_classes({name: name == chosen for _, name in breakpoints}, update=False)
