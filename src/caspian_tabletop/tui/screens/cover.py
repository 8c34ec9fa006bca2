"""Screens that cover the whole board: the hand-over between teams, the turn's results
shown to the room after a reveal, and the umpire's pause.

All are opaque, so nothing of the game (least of all another team's orders) shows through.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static


class PrivacyScreen(Screen[None]):
    """'Pass the keyboard to Team Astana — press Enter when ready.'"""

    BINDINGS = [Binding("enter", "ready", "Ready", priority=True)]

    def __init__(self, team: str, actor: str, turn_text: str) -> None:
        super().__init__(classes="cover privacy")
        self.team = team
        self.actor = actor
        self.turn_text = turn_text

    def compose(self) -> ComposeResult:
        text = Text("Secret orders\n\n", Style(bold=True))
        text.append("Pass the keyboard to\n\n", Style(bold=True))
        text.append(f"{self.team} ({self.actor})\n\n", Style(bold=True, reverse=True))
        text.append(f"{self.turn_text}\n\n", Style(dim=True))
        text.append("Everyone else: look away.\nPress Enter when ready.", Style(bold=True))
        with Middle(), Center():
            yield Static(text, id="cover-text")

    def action_ready(self) -> None:
        self.dismiss(None)


class ResultsScreen(Screen[None]):
    """After a reveal, for the whole room: every order as it resolved, the upkeep and the
    next turn's events, before the keyboard goes to the next team."""

    BINDINGS = [Binding("enter", "next", "Continue", priority=True)]

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__(classes="cover results")
        self.title_text = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        text = Text(f"{self.title_text}\n\n", Style(bold=True))
        for line in self.lines:
            text.append(f"• {line}\n")
        text.append("\nPress Enter to go on.", Style(bold=True))
        with VerticalScroll(id="results"):
            yield Static(text, id="cover-text")

    def action_next(self) -> None:
        self.dismiss(None)


class PauseScreen(Screen[None]):
    """The facilitator's pause: the board is hidden and the turn timer stands still."""

    BINDINGS = [Binding("enter,space,escape", "resume", "Resume", priority=True)]

    def __init__(self) -> None:
        super().__init__(classes="cover pause")

    def compose(self) -> ComposeResult:
        text = Text("⏸  PAUSED\n\n", Style(bold=True))
        text.append("The facilitator has paused the game.\n\nEnter: resume", Style(dim=True))
        with Middle(), Center():
            yield Static(text, id="cover-text")

    def action_resume(self) -> None:
        self.dismiss(None)
