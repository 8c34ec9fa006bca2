"""The coach of a first game: short steps that point at one part of the game screen, wait for
the key (or the move) that step teaches, and explain the first outcomes.

A step is done when its condition holds on the screen (the builder has focus, a move was
played, the advisor is open...), or, for a step that only explains, when the player presses
`c`.  The coach watches the screen rather than being called from it, so the game screen plays
exactly as it does without a coach; `x` leaves the coach at any time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from caspian_tabletop.render.resolution import sentence
from caspian_tabletop.tui.setup import COACHED_SEAT

if TYPE_CHECKING:
    from caspian_tabletop.tui.screens.game import GameScreen



@dataclass(frozen=True)
class Step:
    """What the coach says, the part of the screen it points at (a CSS selector), and when
    the step is done (None: when the player presses c)."""

    say: Callable[[GameScreen], str]
    target: str
    done: Callable[[GameScreen], bool] | None = None


def _moves_made(screen: GameScreen) -> int:
    """The coached seat's moves so far (taken-back ones do not count)."""
    return sum(1 for r in screen.game.explanations
               if r.step == "move" and r.actor == COACHED_SEAT)


def _first_outcome(screen: GameScreen) -> str:
    made = [r for r in screen.game.explanations if r.step == "move" and r.actor == COACHED_SEAT]
    return sentence(made[0]) if made else "your move"


def _focused(screen: GameScreen, widget_id: str) -> bool:
    focused = screen.focused
    return focused is not None and focused.id == widget_id


def _on_confirm_step(screen: GameScreen) -> bool:
    from caspian_tabletop.tui.widgets.move_builder import MoveBuilder

    return screen.query_one(MoveBuilder).final is not None or _moves_made(screen) > 0


def _advice_taken(screen: GameScreen) -> bool:
    return screen.advice_taken > 0 or _moves_made(screen) > 1


STEPS: tuple[Step, ...] = (
    Step(lambda s: "You play Azerbaijan (AZ). Your goals are here: each ✔ or ✘ says where "
                   "a goal stands, and the first line the level you would reach if the game "
                   "ended now.", "#goals, #goals-low"),
    Step(lambda s: "The map: the middle Caspian's ports, the numbered trade routes (legend "
                   "below it) and each navy's strength in each zone (▮ bars).", "#map"),
    Step(lambda s: "Your move, in the move builder (m always takes you there): choose a "
                   "move type with ↑/↓ and Enter, then its details. Try a trade: your goals "
                   "want Middle Corridor volume. Escape goes back a step.",
         "#builder", _on_confirm_step),
    Step(lambda s: "Before you commit, the builder shows the cost, the odds and what each "
                   "outcome would do to every score. Enter on ✔ commit plays the move.",
         "#preview, #builder", lambda s: _moves_made(s) > 0),
    Step(lambda s: f"Played: {_first_outcome(s)}. The log explains every result: press l, "
                   "then Enter on a line for its full record.", "#log",
         lambda s: _focused(s, "log") or _moves_made(s) > 1),
    Step(lambda s: "Not sure what to do? Press a: the advisor shows its three best moves "
                   "now, with its reasons; pick one with ↑/↓ and Enter.", "#builder",
         _advice_taken),
    Step(lambda s: "The advisor's move waits on the builder's commit step, with its odds and "
                   "outcomes: Enter plays it.", "#preview, #builder",
         lambda s: _moves_made(s) > 1),
    Step(lambda s: "That is all you need. Watch your goals as the turns go by; at the end you "
                   "are told your level and how it compares with games played by the bots.",
         "#goals, #goals-low"),
)


class CoachPanel(Static):
    """The coach's current step, above the footer; it points at the step's part of the
    screen (an outline) and moves on when the step is done."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = 0

    @property
    def step(self) -> Step:
        return STEPS[self.index]

    @property
    def finished(self) -> bool:
        return self.index >= len(STEPS)

    def on_mount(self) -> None:
        # After the first refresh: the screen's nested panels are not all mounted yet.
        self.call_after_refresh(self._show)
        self.set_interval(0.2, self.check)

    def check(self) -> None:
        """Move on when the current step's condition holds (several at once if need be)."""
        moved = False
        while not self.finished and self.step.done is not None and self.step.done(
                self._game_screen()):
            self.index += 1
            moved = True
        if moved:
            self._show()

    def go_on(self) -> None:
        """`c`: an explaining step is done; the last one closes the coach."""
        if self.finished or self.step.done is not None:
            return
        self.index += 1
        self._show()

    def leave(self) -> None:
        self.index = len(STEPS)
        self._show()

    def _game_screen(self) -> GameScreen:
        from caspian_tabletop.tui.screens.game import GameScreen

        screen = self.screen
        assert isinstance(screen, GameScreen)
        return screen

    def _show(self) -> None:
        screen = self._game_screen()
        for widget in screen.query(".-coached"):
            widget.remove_class("-coached")
        if self.finished:
            self.remove()
            screen.refresh_bindings()
            return
        step = self.step
        for widget in screen.query(step.target):
            widget.add_class("-coached")
        text = Text(f"Coach {self.index + 1}/{len(STEPS)} · ", Style(bold=True))
        text.append(step.say(screen))
        keys = "c: continue · x: leave the coach" if step.done is None else \
            "x: leave the coach"
        if self.index == len(STEPS) - 1:
            keys = "c: close the coach"
        text.append(f"  ({keys})", Style(dim=True))
        self.update(text)
        screen.refresh_bindings()
