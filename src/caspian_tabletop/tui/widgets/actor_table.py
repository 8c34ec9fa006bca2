"""The actor table: score, influence share over its targets, capital, navy, relations.

Moving the cursor highlights an actor on the map; Enter opens its profile.  Both are
announced by messages; the screen decides what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from caspian_tabletop.tui.widgets.influence_chart import sparkline


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


def _same(shown: Text, new: Text) -> bool:
    """Text equality ignores the base style, which carries most of a cell's colour."""
    return shown == new and shown.style == new.style


class ActorTable(DataTable[Text]):
    """Rows keyed by actor id."""

    class Highlighted(Message):
        def __init__(self, actor: str) -> None:
            self.actor = actor
            super().__init__()

    class Chosen(Message):
        def __init__(self, actor: str) -> None:
            self.actor = actor
            super().__init__()

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.columns_keys = self.add_columns("", "actor", "seat", "score", "Δ", "trend",
                                             "infl", "cap", "navy", "rel")

    def show(self, rows: list[ActorRow]) -> None:
        """Update cells in place when the actors are the same (cheap), else rebuild."""
        cells = {r.actor: self._cells(r) for r in rows}
        if [k.value for k in self.rows] == list(cells):
            for actor, row in cells.items():
                for column, cell in zip(self.columns_keys, row, strict=True):
                    if not _same(self.get_cell(actor, column), cell):
                        self.update_cell(actor, column, cell)  # drops every cached cell
            return
        self.clear()
        for actor, row in cells.items():
            self.add_row(*row, key=actor)

    @staticmethod
    def _cells(r: ActorRow) -> list[Text]:
        name = Style(color=r.colour, bold=True)
        shift_colour = "green" if r.shift > 0.05 else "red" if r.shift < -0.05 else "white"
        relation = "" if r.relation is None else f"{r.relation:+.0f}"
        return [Text("▶" if r.to_move else " ", Style(color="yellow", bold=True)),
                Text(r.actor, name), Text(r.seat), Text(f"{r.score:.1f}"),
                Text(f"{r.shift:+.1f}", Style(color=shift_colour)),
                Text(sparkline(r.history[-8:], min(r.history), max(r.history)), name),
                Text(f"{r.share:.0%}"), Text(f"{r.capital:.1f}"),
                Text(f"{r.strength:.1f}"), Text(relation)]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Highlighted(event.row_key.value))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(event.row_key.value))
