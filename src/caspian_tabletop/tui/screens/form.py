"""A small form dialog: a few choices and text fields, then OK; used by the facilitator's actions.

The dialog only collects answers.  `submit` applies them and returns a problem to show (the
dialog stays open so the facilitator can fix it) or None (the dialog closes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

Answers = dict[str, str]
Submit = Callable[[Answers], str | None]


@dataclass(frozen=True)
class Field:
    """A text field (`choices` empty) or a choice among (label, value) pairs."""

    name: str
    label: str
    choices: tuple[tuple[str, str], ...] = ()
    default: str = ""
    placeholder: str = ""


class FormDialog(ModalScreen[bool]):
    """Dismissed with True once `submit` accepted the answers, False on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "ok", "OK")]

    def __init__(self, title: str, fields: list[Field], submit: Submit, hint: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.fields = fields
        self.submit = submit
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide form"):
            yield Label(self.title_text, classes="dialog-title")
            if self.hint:
                yield Static(self.hint, classes="dim", markup=False)
            with Grid(classes="form-grid"):
                for field in self.fields:
                    yield Label(field.label)
                    if field.choices:
                        yield Select(field.choices, allow_blank=False, id=f"f-{field.name}",
                                     value=field.default or field.choices[0][1])
                    else:
                        yield Input(field.default, placeholder=field.placeholder,
                                    id=f"f-{field.name}")
            yield Static("", id="form-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK (Ctrl+S)", id="ok", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def answers(self) -> Answers:
        out: Answers = {}
        for field in self.fields:
            widget = self.query_one(f"#f-{field.name}")
            value = widget.value if isinstance(widget, Select | Input) else ""
            out[field.name] = value.strip() if isinstance(value, str) else ""
        return out

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_ok()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.dismiss(False)

    def action_ok(self) -> None:
        problem = self.submit(self.answers())
        if problem is None:
            self.dismiss(True)
            return
        shown = self.query_one("#form-problem", Static)
        shown.update(Text(f"✖ {problem}", Style(color="red", bold=True)))
        shown.display = True

    def action_cancel(self) -> None:
        self.dismiss(False)
