"""The advisor: the best three moves for the actor to move, with their worth and reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from caspian_tabletop.domain.figures import tenths
from caspian_tabletop.domain.moves import Move
from caspian_tabletop.engine.game import Game

if TYPE_CHECKING:
    from caspian_tabletop.ai.advisor import Advice


class AdvisorScreen(ModalScreen[Move | None]):
    """Enter on an option takes it to the move builder's confirm step; Escape closes."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, game: Game, actor: str) -> None:
        super().__init__(classes="dialog")
        self.game = game
        self.actor = actor
        self.advice: list[Advice] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Label(f"Advisor for {self.actor}: the best moves now", classes="dialog-title")
            # The search is loaded when the advisor is first asked, not at start-up.
            from caspian_tabletop.ai.advisor import advise

            self.advice = advise(self.game, self.actor, n=3)
            options = OptionList(*[Option(self._label(i, a), id=str(i))
                                   for i, a in enumerate(self.advice)], id="advice")
            yield options
            yield Static("Enter: take this move to the builder · Escape: close", classes="dim")

    @staticmethod
    def _label(index: int, advice: Advice) -> Table:
        """The move and its worth, then its reason, both indented past the number."""
        head = Text(advice.move.notation(), Style(bold=True))
        head.append(f"   expected {tenths(advice.expected, signed=True)} points",
                    Style(color="green" if advice.expected >= 0 else "red"))
        if advice.probability is not None:
            head.append(f" · chance {advice.probability:.0%}")
        if advice.accepted is not None:
            head.append(" · partner would accept" if advice.accepted
                        else " · partner would decline")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(f"{index + 1}.", Style(bold=True)),
                     Group(head, Text(advice.reason, Style(italic=True))))
        return grid

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.advice[int(event.option.id or 0)].move)

    def action_close(self) -> None:
        self.dismiss(None)
