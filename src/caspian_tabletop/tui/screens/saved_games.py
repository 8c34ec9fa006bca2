"""The Resume list: every autosaved game, newest first, to continue (or watch, once finished).

Reading the saves (one YAML file and model each) happens in a worker, so the list opens at
once however many games there are.
"""

from __future__ import annotations

import time

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from caspian_tabletop import saves
from caspian_tabletop.saves import SavedGame

COLUMNS = ("Id", "Scenario", "Turn", "Players", "Last played", "Status")


def status_of(game: SavedGame) -> str:
    if game.problem is not None:
        return "unreadable"
    status = "finished" if game.finished else "unfinished"
    return status + (" · open elsewhere" if game.open_by is not None else "")


class SavedGamesScreen(ModalScreen[SavedGame | None]):
    """Enter picks a game (the app resumes it, or opens a finished one in the viewer)."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        self.games: list[SavedGame] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Label("Resume a game", classes="dialog-title")
            yield DataTable(id="games", cursor_type="row", zebra_stripes=True)
            yield Static("Reading the saved games…", id="games-note", classes="dim")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self._read()

    @work(thread=True, exclusive=True)
    def _read(self) -> None:
        from caspian_tabletop import games

        games.prepare()
        found = saves.list_games()
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[SavedGame]) -> None:
        self.games = found
        table = self.query_one(DataTable)
        for game in found:
            table.add_row(game.id, game.title or game.scenario,
                          f"{game.turn} · {game.date}" if game.turn else "–",
                          ", ".join(game.humans) or "AI only",
                          time.strftime("%d %b %H:%M", time.localtime(game.last_played)),
                          status_of(game), key=game.id)
        note = (f"No saved games yet in {saves.games_dir()}." if not found else
                "Enter: continue the game (a finished one opens in the replay viewer) · "
                "Escape: close")
        self.query_one("#games-note", Static).update(note)
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        chosen = next((g for g in self.games if g.id == event.row_key.value), None)
        if chosen is not None and chosen.problem is not None:
            self.notify(f"This save cannot be read: {chosen.problem}", severity="error")
            return
        self.dismiss(chosen)

    def action_close(self) -> None:
        self.dismiss(None)
