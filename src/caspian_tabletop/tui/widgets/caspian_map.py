"""The Caspian map widget: zones, ports, corridors by status, fleets, drills and blockades."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from caspian_tabletop.tui.map.draw import draw_map, legend_text
from caspian_tabletop.tui.map.view import MapView


class SeaChart(Widget):
    """The drawing itself; redrawn to fit whatever size it is given."""

    view: reactive[MapView | None] = reactive(None)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._drawn: tuple[MapView, int, int, Text] | None = None

    def render(self) -> Text:
        """Drawing costs milliseconds, so the last frame is kept until view or size change."""
        if self.view is None:
            return Text("")
        width, height = self.size.width, self.size.height
        drawn = self._drawn
        if drawn is None or drawn[0] != self.view or drawn[1:3] != (width, height):
            drawn = (self.view, width, height, draw_map(self.view, width, height))
            self._drawn = drawn
        return drawn[3]


class CaspianMap(Vertical):
    """The sea chart above its legend; set `view` to redraw both."""

    view: reactive[MapView | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield SeaChart(id="sea")
        yield Static(id="legend")

    def watch_view(self, view: MapView | None) -> None:
        if not self.is_mounted or view is None:
            return
        self.query_one(SeaChart).view = view
        self.query_one("#legend", Static).update(legend_text(view))
