"""The projector theme: high contrast, bold and roomy, for a room reading one screen.

A terminal cannot change its font size, so the theme works with contrast and space: pure
black and white, saturated accents, and the `-projector` class (see app.tcss) for bolder text
and more padding.
"""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR = Theme(
    name="projector",
    primary="#FFD700",
    secondary="#00E5FF",
    accent="#FF4FD8",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF66",
    warning="#FFD700",
    error="#FF3B3B",
    dark=True,
    variables={"text-muted": "#E0E0E0", "footer-key-foreground": "#FFD700"},
)
