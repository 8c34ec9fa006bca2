"""Choosing one of a few labelled entries (files, usually) from a list instead of typing a path.

Served sessions open files this way, so nothing typed in a browser can name a file on the
server; the caller decides which entries exist and gets back the value of the one chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

T = TypeVar("T")


class FileChoiceDialog(ModalScreen[T | None]):
    """Dismissed with the chosen entry's value, or None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, entries: Sequence[tuple[str, T]],
                 empty: str = "There is nothing to choose yet.") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.entries = list(entries)
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Label(self.title_text, classes="dialog-title")
            if self.entries:
                yield OptionList(*(Option(label, id=str(index))
                                   for index, (label, _) in enumerate(self.entries)),
                                 id="file-choices", markup=False)
                yield Static("↑/↓ and Enter to open · Escape to cancel", classes="dim")
            else:
                yield Static(self.empty, id="file-choices-empty", markup=False)
                yield Static("Escape to go back", classes="dim")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.entries[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
