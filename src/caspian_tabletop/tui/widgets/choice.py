"""A one-line picker for a few fixed values: ←/→ (or space) steps through them, a click too.

The start screen asks ten such questions (scenario, mode, order, a seat per actor). Textual's
Select builds a dropdown of six widgets for each, which made the start screen cost as much
as the game screen to show; a row of these is one widget per question, and a keyboard user
changes a seat with one key instead of open, move, confirm.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class Choice(Widget, can_focus=True):
    """Shows `◂ value ▸`; `value` is always one of `options`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("right,space", "step(1)", "Next", show=False),
    ]
    DEFAULT_CSS = """
    Choice {
        height: 1;
        width: 1fr;
        margin: 1 1 0 0;
        padding: 0 1;
        background: $surface;
        &:hover { background: $boost; }
        &:focus { background: $block-cursor-background; color: $block-cursor-foreground;
                  text-style: bold; }
    }
    """

    value: reactive[str] = reactive("", init=False)

    class Changed(Message):
        """The value changed (by a key, a click or the program)."""

        def __init__(self, choice: Choice, value: str) -> None:
            self.choice = choice
            self.value = value
            super().__init__()

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(self, options: Sequence[str], value: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        if value not in options:
            raise ValueError(f"{value!r} is not one of {list(options)}")
        self.options = tuple(options)
        self.set_reactive(Choice.value, value)

    def validate_value(self, value: str) -> str:
        return value if value in self.options else self.value

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def render(self) -> Text:
        arrows = Style(dim=True)
        return Text.assemble(("◂ ", arrows), self.value, (" ▸", arrows))

    def action_step(self, step: int) -> None:
        index = self.options.index(self.value)
        self.value = self.options[(index + step) % len(self.options)]

    def on_click(self, event: events.Click) -> None:
        """A click on the left arrow steps back; anywhere else steps on."""
        self.action_step(-1 if event.x <= 2 else 1)
