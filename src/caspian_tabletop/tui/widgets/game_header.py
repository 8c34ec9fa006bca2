"""The game header: scenario, turn and date, phase, the tension gauge and the turn timer."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from caspian_tabletop.tui.text import tension_gauge
from caspian_tabletop.tui.widgets.panel import TextPanel


class GameHeader(TextPanel):
    """Shows what it is told; `show` takes already computed values, `clock` the timer's label.

    The turn, date and phase come before the scenario's title, so that in a narrow terminal
    the title is what is cut short (the CSS crops each line with an ellipsis), never the
    gauge on the second line.
    """

    def show(self, title: str, turn: int, turns: int, date: str, phase: str, tension: float,
             threshold: float, clock: str = "", seed: int | None = None,
             next_card: float = 0.0) -> None:
        text = Text()
        text.append(f"turn {min(turn, turns)}/{turns} · {date}", Style(bold=True))
        text.append(f"   {phase}   ")
        text.append(f"{title}\n", Style(bold=True))
        text.append_text(tension_gauge(tension, threshold, next_card=next_card))
        if seed is not None:  # the same seed and moves give the same game: note it to replay
            text.append(f"   seed {seed}", Style(dim=True))
        if clock:
            late = "time up" in clock
            text.append(f"   {clock}", Style(bold=True, reverse=late,
                                               color="red" if late else "yellow"))
        self.show_text(text)
