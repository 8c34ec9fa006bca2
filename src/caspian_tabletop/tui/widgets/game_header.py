"""The game header: scenario, turn and date, phase, the tension gauge and the turn timer."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from caspian_tabletop.tui.text import tension_gauge
from caspian_tabletop.tui.widgets.panel import TextPanel


class GameHeader(TextPanel):
    """Shows what it is told; `show` takes already computed values, `clock` the timer's label."""

    def show(self, title: str, turn: int, turns: int, date: str, phase: str, tension: float,
             threshold: float, clock: str = "") -> None:
        text = Text()
        text.append(title, Style(bold=True))
        text.append(f"   turn {min(turn, turns)}/{turns} · {date}", Style(bold=True))
        text.append(f"   {phase}\n")
        text.append_text(tension_gauge(tension, threshold))
        if clock:
            late = "time up" in clock
            text.append(f"   {clock}", Style(bold=True, reverse=late,
                                               color="red" if late else "yellow"))
        self.show_text(text)
