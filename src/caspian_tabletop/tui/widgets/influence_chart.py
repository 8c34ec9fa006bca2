"""Each actor's score over the turns so far, as a Unicode sparkline with the latest value."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from caspian_tabletop.domain.figures import tenths
from caspian_tabletop.tui.widgets.panel import TextPanel

BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], low: float, high: float) -> str:
    span = high - low or 1.0
    return "".join(BLOCKS[min(7, int((v - low) / span * 7.999))] for v in values)


class InfluenceChart(TextPanel):
    """Score history per actor, all on one scale so lines can be compared."""

    def show(self, history: dict[str, list[float]], colours: dict[str, str],
             selected: str | None = None) -> None:
        values = [v for series in history.values() for v in series]
        low, high = (min(values), max(values)) if values else (0.0, 1.0)
        text = Text("score by turn (start → now)\n", Style(dim=True))
        for actor, series in history.items():
            style = Style(color=colours.get(actor, "white"), bold=actor == selected)
            text.append(f"{actor:<3} ", style)
            text.append(sparkline(series, low, high), style)
            change = series[-1] - series[0]
            text.append(f" {tenths(series[-1]):>6} ({tenths(change, signed=True)})\n",
                        Style(dim=actor != selected))
        text.rstrip()
        self.show_text(text)
