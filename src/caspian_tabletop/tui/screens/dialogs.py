"""Modal dialogs: errors with their located problems, yes/no questions, a path prompt,
and the save-as-replay flow built on them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.files import OutputExistsError

if TYPE_CHECKING:
    from caspian_tabletop.session import Session


class ErrorDialog(ModalScreen[None]):
    """A titled list of problems (e.g. `file:line:col: error: ...`); any close key dismisses."""

    BINDINGS = [Binding("escape,enter", "dismiss_dialog", "Close")]

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box error"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static("\n".join(self.lines) or "(no details)", markup=False)
            yield Button("OK", id="ok", variant="error")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_dismiss_dialog(self) -> None:
        self.dismiss(None)


class AskDialog(ModalScreen[bool]):
    """A yes/no question, e.g. a trade offer to a human seat."""

    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, title: str, body: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="success")
                yield Button("No (n)", id="no", variant="error")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class PathDialog(ModalScreen[str | None]):
    """Ask for a file path (to save or load); Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, default: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.default, id="path")
            yield Static("Enter to confirm · Escape to cancel", classes="dim")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def save_with_prompt(screen: Screen[Any], session: Session, title: str, default: Path) -> None:
    """Ask where to save the game as a replay, save it, and say how that went.

    A file already there is replaced only when the user says yes to "Replace ...?"; no
    brings the path prompt back to choose another name (Escape there cancels).
    """

    def ask_path(shown: str) -> None:
        screen.app.push_screen(PathDialog(title, shown), save_to)

    def save_to(path: str | None, replace: bool = False) -> None:
        if path is None:
            return
        try:
            session.save(Path(path).expanduser(), replace=replace)
        except OutputExistsError:
            screen.app.push_screen(
                AskDialog("Replace the file?", f"Replace {path}?\nIt already exists; its "
                          "contents will be lost."),
                lambda yes: save_to(path, replace=True) if yes else ask_path(path))
            return
        except (CaspianError, OSError) as exc:
            screen.app.push_screen(ErrorDialog("Could not save", [str(exc)]))
            return
        screen.notify(f"Saved to {path}", title="Saved")

    ask_path(str(default))
