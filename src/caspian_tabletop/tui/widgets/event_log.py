"""The log: one line per resolution (its sentence), expandable to the full record.

Umpire actions (a resolution with a facilitator's reason) and notes stand out, so the class
can tell a ruling from the dice.

Textual's Tree re-laid-out every line each time one was added, which took most of the time
to show a move. This log keeps one list of display rows: a new resolution appends a row,
opening one splices its record in, and only the rows in view are drawn. A closed line is
cropped with an ellipsis; an open one wraps its whole sentence and record to the width.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from caspian_tabletop.engine.explain import Resolution
from caspian_tabletop.render.resolution import sentence
from caspian_tabletop.tui.text import resolution_lines

UMPIRE = Style(color="magenta", bold=True)
RULING = Style(color="magenta", bold=True, reverse=True)
DIM = Style(dim=True)
ELLIPSIS = Strip([Segment("…")], 1)
ENTRY = attrgetter("entry")  # a row's entry: rows are in entry order, for bisect
# The narrowest a wrapped text may be, however little room its indent leaves.
MIN_WRAP = 10


def has_record(res: Resolution) -> bool:
    """Notes change nothing, so they have no record to open."""
    return res.step != "note"


def label_of(res: Resolution, colours: dict[str, str]) -> Text:
    """A resolution's line: its turn, then its sentence (a note's text), rulings marked."""
    label = Text(f"T{res.turn} ", DIM)
    if res.step == "note":
        label.append(f"✎ note: {res.facilitator}", UMPIRE)
        return label
    line = sentence(res).strip("[]")
    if res.facilitator is not None:
        label.append("⚖ umpire: ", RULING)
        label.append(" ")
    if res.actor and line.startswith(res.actor):
        label.append(res.actor, Style(color=colours.get(res.actor), bold=True))
        line = line[len(res.actor):]
    label.append(line, UMPIRE if res.facilitator is not None else None)
    return label


@dataclass
class _Entry:
    res: Resolution
    label: Text
    closed: Strip  # its one row when closed, drawn once and cropped to the width
    open: bool = False


class _Row(NamedTuple):
    """One display row: part of line `line` (0 the sentence, then the record's lines)."""

    entry: int
    line: int
    strip: Strip
    first: bool  # the line's first row; the others are its wrapped continuation


class EventLog(ScrollView, can_focus=True):
    """Mirrors a game's explanations; Enter, space or a click opens a line's full record."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("enter,space", "open", "Open", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"event-log--cursor"}
    DEFAULT_CSS = """
    EventLog {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        scrollbar-gutter: stable;
        & > .event-log--cursor {
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .event-log--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._entries: list[_Entry] = []
        self._rows: list[_Row] = []
        self._cursor = 0  # the first row of the cursor's line
        self._styles: tuple[Style, Style] = (Style(), Style())

    def show(self, explanations: list[Resolution], colours: dict[str, str]) -> None:
        """Add new entries; where the history was cut back (undo), redo it from there on."""
        pairs = zip(explanations, self._entries, strict=False)
        kept = next((i for i, (res, entry) in enumerate(pairs) if res != entry.res),
                    min(len(explanations), len(self._entries)))
        if kept == len(self._entries) == len(explanations):
            return
        del self._entries[kept:]
        del self._rows[bisect_left(self._rows, kept, key=ENTRY):]
        for res in explanations[kept:]:
            label = label_of(res, colours)
            icon = "▶ " if has_record(res) else "  "
            self._entries.append(_Entry(res, label, self._strip(Text(icon) + label)))
            self._rows += self._rows_of(len(self._entries) - 1)
        self._size_rows()
        self._move(len(self._rows) - 1)

    def lines_text(self) -> list[str]:
        """The plain text of each resolution's line, for tests and copying."""
        return [e.label.plain for e in self._entries]

    # ----- rows -----------------------------------------------------------------------------
    def _rows_of(self, index: int) -> list[_Row]:
        """An entry's rows: its cropped line, or, opened, its sentence and record wrapped."""
        entry = self._entries[index]
        if not entry.open:
            return [_Row(index, 0, entry.closed, True)]
        turn = len(f"T{entry.res.turn} ")
        rows = self._wrapped(index, 0, Text("▼ ") + entry.label[:turn], entry.label[turn:],
                             Text(" " * (turn + 2)))
        record = resolution_lines(entry.res)
        for line, fact in enumerate(record, 1):
            last = line == len(record)
            rows += self._wrapped(index, line, Text("└ " if last else "├ ", DIM), Text(fact),
                                  Text("  " if last else "│ ", DIM))
        return rows

    def _wrapped(self, index: int, line: int, head: Text, body: Text,
                 indent: Text) -> list[_Row]:
        """`body` wrapped to the width after `head`, its further rows after `indent`."""
        width = max(self.scrollable_content_region.width - head.cell_len, MIN_WRAP)
        parts = body.wrap(self.app.console, width)
        return [_Row(index, line, self._strip((indent if n else head) + part), not n)
                for n, part in enumerate(parts)]

    def _strip(self, text: Text) -> Strip:
        return Strip(text.render(self.app.console), text.cell_len)

    def _size_rows(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows))

    def on_resize(self) -> None:
        """Rewrap the opened entries to the new width; the cursor stays on its line."""
        if not self._rows:
            return
        at = self._rows[self._cursor]
        self._rows = [row for i in range(len(self._entries)) for row in self._rows_of(i)]
        self._size_rows()
        self._move(next(i for i, r in enumerate(self._rows)
                        if (r.entry, r.line) == (at.entry, at.line)))

    # ----- drawing --------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        """Resolve the two styles once per frame, not once per line."""
        base = self.rich_style
        self._styles = (base, base + self.get_component_rich_style("event-log--cursor"))
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        base, cursor = self._styles
        width = self.scrollable_content_region.width
        row = y + self.scroll_offset.y
        if row >= len(self._rows):
            return Strip.blank(width, base)
        entry, line, strip, _ = self._rows[row]
        at = self._rows[self._cursor]
        style = cursor if (entry, line) == (at.entry, at.line) else base
        if strip.cell_length > width:
            strip = strip.crop(0, width - 1) + ELLIPSIS
        return strip.apply_style(style).crop_extend(0, width, style)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ----- the cursor -----------------------------------------------------------------------
    def _starts(self) -> list[int]:
        """The first row of every line, in order."""
        return [i for i, row in enumerate(self._rows) if row.first]

    def _line_end(self, start: int) -> int:
        """The row after the line starting at `start`."""
        end = start + 1
        while end < len(self._rows) and not self._rows[end].first:
            end += 1
        return end

    def _move(self, row: int) -> None:
        """Put the cursor on the line holding `row` and scroll it into view."""
        starts = self._starts()
        self._cursor = starts[max(0, bisect_right(starts, row) - 1)] if starts else 0
        if starts:
            self._reveal(self._cursor, self._line_end(self._cursor))
        self.refresh()

    def _reveal(self, start: int, end: int) -> None:
        """Scroll so that rows `start` to `end` show, or as many as fit from `start`."""
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = min(start, max(self.scroll_offset.y, end - height))
        if self.show_vertical_scrollbar:
            self.scroll_to(y=top, animate=False)
        else:  # rows were just added: scrolling (and its scrollbar) come with the layout
            self.call_after_refresh(self.scroll_to, y=top, animate=False)

    def action_cursor(self, lines: int) -> None:
        starts = self._starts()
        if starts:
            here = bisect_right(starts, self._cursor) - 1
            self._move(starts[max(0, min(len(starts) - 1, here + lines))])

    def action_page(self, pages: int) -> None:
        self._move(self._cursor + pages * max(1, self.scrollable_content_region.height))

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self._rows) - 1)

    # ----- opening a record -----------------------------------------------------------------
    def action_open(self) -> None:
        """Open or close the cursor's entry (from one of its record's lines, close it)."""
        if self._rows:
            self._toggle(self._rows[self._cursor].entry)

    def _toggle(self, index: int) -> None:
        entry = self._entries[index]
        start = bisect_left(self._rows, index, key=ENTRY)
        if has_record(entry.res):
            entry.open = not entry.open
            end = bisect_left(self._rows, index + 1, key=ENTRY)
            self._rows[start:end] = self._rows_of(index)
            self._size_rows()
        self._cursor = start
        self._reveal(start, bisect_left(self._rows, index + 1, key=ENTRY))
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click on a resolution's line opens or closes it; on its record, moves there."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + self.scroll_offset.y
        if 0 <= row < len(self._rows):
            if self._rows[row].line == 0:
                self._toggle(self._rows[row].entry)
            else:
                self._move(row)
