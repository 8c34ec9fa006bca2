"""The actor table: score, influence share over its targets, capital, navy, relations.

Moving the cursor highlights an actor on the map; Enter (or a click) opens its profile.
Both are announced by messages; the screen decides what to do.

Seven rows of ten short cells do not need Textual's DataTable, whose per-cell render
cache is dropped by every update and which took a third of the time to show a move. This
table draws each line straight from the row's cells and redraws only when they change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from caspian_tabletop.domain.figures import figure, tenths
from caspian_tabletop.tui.widgets.influence_chart import sparkline

COLUMNS = ("", "actor", "seat", "score", "Δ", "trend", "infl", "cap", "navy", "rel")
HEADER = tuple(Text(h) for h in COLUMNS)
# Where the table is narrower than its columns (an 80-column terminal), these go first, in
# this order; the actor, score, shift and influence share always stay.
DROP_ORDER = ("trend", "rel", "navy", "seat", "cap")


@dataclass(frozen=True)
class ActorRow:
    """One actor's numbers, read from the engine by the screen."""

    actor: str
    colour: str
    seat: str
    score: float
    shift: float
    history: list[float]
    share: float
    capital: float
    strength: float
    relation: float | None
    to_move: bool


def cells_of(r: ActorRow) -> tuple[Text, ...]:
    name = Style(color=r.colour, bold=True)
    shift_colour = "green" if r.shift > 0.05 else "red" if r.shift < -0.05 else "white"
    relation = "" if r.relation is None else figure(r.relation, ".0f", signed=True)
    return (Text("▶" if r.to_move else " ", Style(color="yellow", bold=True)),
            Text(r.actor, name), Text(r.seat), Text(tenths(r.score)),
            Text(tenths(r.shift, signed=True), Style(color=shift_colour)),
            Text(sparkline(r.history[-8:], min(r.history), max(r.history)), name),
            Text(f"{r.share:.0%}"), Text(f"{r.capital:.1f}"),
            Text(f"{r.strength:.1f}"), Text(relation))


class ActorTable(ScrollView, can_focus=True):
    """A header line and one line per actor, with a row cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("home", "cursor(-99)", "First", show=False),
        Binding("end", "cursor(99)", "Last", show=False),
        Binding("enter", "choose", "Profile", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "actor-table--header", "actor-table--even-row", "actor-table--cursor"}
    DEFAULT_CSS = """
    ActorTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        & > .actor-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .actor-table--even-row { background: $surface-lighten-1 50%; }
        &:dark > .actor-table--even-row { background: $surface-darken-1 40%; }
        & > .actor-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .actor-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    cursor_row: reactive[int] = reactive(0)

    class Highlighted(Message):
        def __init__(self, actor: str) -> None:
            self.actor = actor
            super().__init__()

    class Chosen(Message):
        def __init__(self, actor: str) -> None:
            self.actor = actor
            super().__init__()

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.actors: list[str] = []
        self._cells: list[tuple[Text, ...]] = []
        self._widths: list[int] = [len(c) for c in COLUMNS]
        self._styles: tuple[Style, Style, Style, Style] = (Style(),) * 4
        self._shown: list[int] = list(range(len(COLUMNS)))

    def show(self, rows: list[ActorRow]) -> None:
        """Take new numbers; the cursor stays on its actor; nothing redraws if none changed."""
        cells = [cells_of(r) for r in rows]
        if cells == self._cells and [r.actor for r in rows] == self.actors:
            return
        current = self.actors[self.cursor_row] if self.actors else None
        self.actors = [r.actor for r in rows]
        self._cells = cells
        self._widths = [max([len(h), *(c[i].cell_len for c in cells)])
                        for i, h in enumerate(COLUMNS)]
        self._fit_columns()
        if current in self.actors:
            self.set_reactive(ActorTable.cursor_row, self.actors.index(current))
        else:
            self.set_reactive(ActorTable.cursor_row, 0)
        self.refresh()

    def _fit_columns(self) -> None:
        """Show every column that fits the width, dropping them in `DROP_ORDER` if need be."""
        shown = list(range(len(COLUMNS)))
        room = self.scrollable_content_region.width or self.size.width or 10**6
        for name in DROP_ORDER:
            if sum(self._widths[i] + 2 for i in shown) <= room:
                break
            shown.remove(COLUMNS.index(name))
        self._shown = shown
        self.virtual_size = Size(sum(self._widths[i] + 2 for i in shown), len(self._cells) + 1)

    def on_resize(self) -> None:
        self._fit_columns()
        self.refresh()

    # ----- drawing --------------------------------------------------------------------------
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._cells) + 1

    def render_lines(self, crop: Region) -> list[Strip]:
        """Resolve the four styles once per frame, not once per line."""
        base = self.rich_style
        self._styles = (self.get_component_rich_style("actor-table--header"), base,
                        base + self.get_component_rich_style("actor-table--even-row"),
                        self.get_component_rich_style("actor-table--cursor"))
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        if y == 0:
            cells: tuple[Text, ...] = HEADER
            style = self._styles[0]
        else:
            row = y - 1 + scroll_y
            if row >= len(self._cells):
                return Strip.blank(self.size.width, self._styles[1])
            cells = self._cells[row]
            style = self._row_style(row)
        line = Text(end="", no_wrap=True)
        for index in self._shown:
            cell, width = cells[index], self._widths[index]
            line.append(" ")
            line.append_text(cell)
            line.append(" " * (width - cell.cell_len + 1))
        line.stylize_before(style)
        strip = Strip(line.render(self.app.console), line.cell_len)
        return strip.crop_extend(scroll_x, scroll_x + self.size.width, style)

    def _row_style(self, row: int) -> Style:
        _, odd, even, cursor = self._styles
        style = even if row % 2 else odd
        return style + cursor if row == self.cursor_row else style

    def watch_cursor_row(self, row: int) -> None:
        body = self.size.height - 1
        if body > 0:
            if row < self.scroll_y:
                self.scroll_to(y=row, animate=False)
            elif row >= self.scroll_y + body:
                self.scroll_to(y=row - body + 1, animate=False)
        self.refresh()
        if self.actors:
            self.post_message(self.Highlighted(self.actors[row]))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ----- keys and mouse -------------------------------------------------------------------
    def action_cursor(self, step: int) -> None:
        if self.actors:
            self.cursor_row = max(0, min(len(self.actors) - 1, self.cursor_row + step))

    def action_choose(self) -> None:
        if self.actors:
            self.post_message(self.Chosen(self.actors[self.cursor_row]))

    def on_click(self, event: events.Click) -> None:
        """A click on a row moves the cursor there and opens it, as DataTable's does."""
        row = event.y - 1 + round(self.scroll_y)
        if event.y >= 1 and 0 <= row < len(self.actors):
            self.cursor_row = row
            self.action_choose()
