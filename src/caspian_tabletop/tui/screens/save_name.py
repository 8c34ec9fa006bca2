"""Saving in a served session: a plain name inside the session's folder, and, if wanted, a copy
downloaded by the browser to the student's own computer.

This stands in for `dialogs.save_with_prompt` (which asks for a path) when the TUI is served:
the name is checked before anything is written, so a browser cannot reach another file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.tui.screens.dialogs import AskDialog, ErrorDialog
from caspian_tabletop.tui.served import Served, name_problem, plain_name

if TYPE_CHECKING:
    from caspian_tabletop.session import Session


@dataclass(frozen=True)
class SaveRequest:
    name: str
    download: bool


class SaveNameDialog(ModalScreen[SaveRequest | None]):
    """Ask for a save name; a refused name is explained and the dialog stays open."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, default: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.default, placeholder="a name, e.g. team-baku-turn3", id="save-name")
            yield Static("", id="save-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Save and download", id="download")
            yield Static("Saved in this browser's own folder on the server · Enter: save · "
                         "Escape: cancel", classes="dim")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit(download=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._submit(download=event.button.id == "download")

    def _submit(self, download: bool) -> None:
        typed = self.query_one("#save-name", Input).value
        problem = name_problem(typed)
        if problem is not None:
            self.query_one("#save-problem", Static).update(problem)
            return
        self.dismiss(SaveRequest(plain_name(typed), download))

    def action_cancel(self) -> None:
        self.dismiss(None)


def save_in_folder(screen: Screen[Any], served: Served, session: Session, title: str,
                   default: Path) -> None:
    """Ask for a name, confirm replacing an older save of that name, save, maybe download."""

    def write(request: SaveRequest, replace: bool = False) -> None:
        path = served.save_path(request.name)
        try:
            session.save(path, replace=replace)
        except (CaspianError, OSError) as exc:
            screen.app.push_screen(ErrorDialog("Could not save", [str(exc)]))
            return
        screen.notify(f"Saved as {request.name} in this browser's folder.", title="Saved")
        if request.download:
            screen.app.deliver_text(path, save_filename=path.name)

    def named(request: SaveRequest | None) -> None:
        if request is None:
            return
        if served.save_path(request.name).exists():
            screen.app.push_screen(
                AskDialog("Replace the save?", f"A save named {request.name} exists already. "
                          "Replace it with this game? (y: replace · n: keep it)"),
                lambda yes: write(request, replace=True) if yes else None)
            return
        write(request)

    screen.app.push_screen(SaveNameDialog(title, plain_name(default.name)), named)
