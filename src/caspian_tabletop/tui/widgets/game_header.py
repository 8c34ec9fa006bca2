"""The game header: scenario, turn and date, phase, and the tension gauge."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from caspian_tabletop.tui.text import tension_gauge


class GameHeader(Static):
    """Shows what it is told; `show` takes already computed values."""

    def show(self, title: str, turn: int, turns: int, date: str, phase: str, tension: float,
             threshold: float) -> None:
        text = Text()
        text.append(title, Style(bold=True))
        text.append(f"   turn {min(turn, turns)}/{turns} · {date}", Style(bold=True))
        text.append(f"   {phase}\n")
        text.append_text(tension_gauge(tension, threshold))
        self.update(text)
