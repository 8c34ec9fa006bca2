"""The facilitator passphrase dialogs: asking for it before the panel opens, and choosing one.

In a classroom the keyboard goes from team to team, so a confirmation key is not enough to
keep the odds and the secret orders for the facilitator.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from caspian_tabletop.passphrase import TryGuard, make_lock, normalised, problem_with

WRONG = "Wrong passphrase: the facilitator panel stays closed."


class PassphraseDialog(ModalScreen[bool]):
    """Dismissed with True once `check` accepts what was typed, False on Escape.

    A wrong passphrase is said so and the dialog stays open; `guard` makes repeated wrong
    tries wait before the next one is checked.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, body: str, check: Callable[[str], bool], guard: TryGuard) -> None:
        super().__init__(classes="dialog")
        self.body = body
        self.check = check
        self.guard = guard

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("Facilitator passphrase", classes="dialog-title")
            yield Static(self.body, classes="dialog-body", markup=False)
            yield Input(password=True, placeholder="passphrase", id="passphrase")
            yield Static("", id="passphrase-problem", markup=False)
            yield Static("Enter to open the panel · Escape to go back", classes="dim")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = self.query_one("#passphrase-problem", Static)
        typed, event.input.value = event.input.value, ""
        wait = self.guard.wait_left()
        if wait > 0:
            problem.update(f"Too many wrong tries: wait {math.ceil(wait)} s, then try again.")
            return
        if self.check(typed):
            self.guard.succeeded()
            self.dismiss(True)
            return
        self.guard.failed()
        problem.update(WRONG)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ChoosePassphraseDialog(ModalScreen[str | None]):
    """The passphrase typed twice; dismissed with its lock (`passphrase.make_lock`), so the
    text itself goes no further, or None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, body: str) -> None:
        super().__init__(classes="dialog")
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("Choose the facilitator passphrase", classes="dialog-title")
            yield Static(self.body, classes="dialog-body", markup=False)
            yield Input(password=True, placeholder="passphrase", id="passphrase")
            yield Input(password=True, placeholder="the same again", id="repeat")
            yield Static("", id="passphrase-problem", markup=False)
            yield Static("Enter to confirm · Escape to go back", classes="dim")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        first = self.query_one("#passphrase", Input)
        repeat = self.query_one("#repeat", Input)
        if event.input is first:
            repeat.focus()
            return
        problem = problem_with(first.value)
        if problem is None and normalised(first.value) != normalised(repeat.value):
            problem = "The two passphrases differ: type them again."
        if problem is not None:
            first.value = repeat.value = ""
            first.focus()
            self.query_one("#passphrase-problem", Static).update(problem)
            return
        self.dismiss(make_lock(first.value))

    def action_cancel(self) -> None:
        self.dismiss(None)
