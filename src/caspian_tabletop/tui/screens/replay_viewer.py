"""The replay viewer: the board at any point of a replay, stepped by move or turn, and branched.

The board widgets are the game screen's; the umpire's actions show in the log as they do in
play.  Branching sends the cut replay and the chosen seats up; the app makes the session.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from caspian_tabletop.ai.hazard import next_card_chance
from caspian_tabletop.domain.figures import figure
from caspian_tabletop.domain.seats import SEAT_CHOICES, Seat, parse_seat, seat_of
from caspian_tabletop.replay import Replay
from caspian_tabletop.replay.schema import Step
from caspian_tabletop.tui.board import actor_rows, colours_of, log_entries
from caspian_tabletop.tui.history import score_history
from caspian_tabletop.tui.map.view import map_view
from caspian_tabletop.tui.replay_cursor import ReplayCursor
from caspian_tabletop.tui.screens.base import preset_breakpoints
from caspian_tabletop.tui.screens.form import Answers, Field, FormDialog
from caspian_tabletop.tui.text import seat_label
from caspian_tabletop.tui.widgets.actor_table import ActorTable
from caspian_tabletop.tui.widgets.caspian_map import CaspianMap
from caspian_tabletop.tui.widgets.event_log import EventLog
from caspian_tabletop.tui.widgets.footer import CaspianFooter
from caspian_tabletop.tui.widgets.game_header import GameHeader
from caspian_tabletop.tui.widgets.influence_chart import InfluenceChart

UMPIRE = Style(color="magenta", bold=True)


def seat_choice(seat: Seat) -> str:
    """A file's seat as a start-screen choice (human, ai easy, …, off)."""
    return "human" if seat.kind == "human" else seat.text()


def step_text(step: Step | None) -> Text:
    """The step just replayed, in words; the umpire's actions and reasons stand out."""
    if step is None:
        return Text("start of the turn: its events are on the board", Style(italic=True))
    if step.move is not None:
        text = Text(step.move, Style(bold=True))
        if step.fizzled:
            text.append(f" — fizzled: {step.fizzled}", Style(dim=True))
        if step.force:
            text.append(f"\n⚖ umpire ruled {step.force}: {step.reason}", UMPIRE)
        return text
    if step.adjust is not None:
        a = step.adjust
        who = " ".join(x for x in (a.actor, a.target, a.corridor) if x)
        amount = figure(a.amount, "g", signed=True)
        return Text(f"⚖ umpire adjusts {a.kind} {who} {amount}: {step.reason}", UMPIRE)
    if step.inject is not None:
        return Text(f"⚖ umpire injects event {step.inject}: {step.reason}", UMPIRE)
    return Text(f"✎ note: {step.note}", UMPIRE)


class ReplayScreen(Screen[None]):
    BINDINGS = [
        Binding("right,n", "step(1)", "Next", priority=True),
        Binding("left,p", "step(-1)", "Back", priority=True),
        Binding("pagedown,right_square_bracket", "turn(1)", "Next turn", priority=True),
        Binding("pageup,left_square_bracket", "turn(-1)", "Turn back", priority=True),
        Binding("home", "jump(1)", "Start", show=False, priority=True),
        Binding("end", "jump(0)", "End", show=False, priority=True),
        Binding("g", "goto", "Go to turn"),
        Binding("b", "branch", "Branch"),
        Binding("escape,q", "close", "Close"),
    ]

    class Branch(Message):
        """Play on from `cut` (the replay up to the viewer's position) with `seats`."""

        def __init__(self, cut: Replay, seats: dict[str, Seat]) -> None:
            self.cut = cut
            self.seats = seats
            super().__init__()

    def __init__(self, replay: Replay) -> None:
        super().__init__()
        preset_breakpoints(self)
        self.cursor = ReplayCursor(replay)
        self.selected: str | None = None
        self.branch_seats: dict[str, Seat] | None = None

    def compose(self) -> ComposeResult:
        yield GameHeader(id="header")
        with Horizontal(id="main"):
            yield CaspianMap(id="map")
            with Vertical(id="side"):
                yield ActorTable(id="actors")
                yield Static("", id="replay-info")
        with Horizontal(id="bottom"):
            yield EventLog(id="log")
            yield InfluenceChart(id="chart")
        yield CaspianFooter()

    def on_mount(self) -> None:
        for warning in self.cursor.warnings:
            self.notify(warning, severity="warning", timeout=10)
        self.show_position()

    def show_position(self) -> None:
        cursor = self.cursor
        game = cursor.game()
        c = game.compiled
        colours = colours_of(game)
        t, k = cursor.position
        phase = f"REPLAY · step {k}/{cursor.steps_in_turn()} of turn {t + 1}"
        if game.is_over:
            phase += " · game over"
        self.query_one(GameHeader).show(game.scenario.title, game.turn, c.turns, game.date,
                                        phase, game.tension, c.rules.clash_threshold,
                                        next_card=next_card_chance(game))
        self.query_one(CaspianMap).view = map_view(game, self.selected)
        seats = {a: seat_label(parse_seat(cursor.replay.seats[a])) if a in cursor.replay.seats
                 else "AI norm" for a in c.actors}
        step = cursor.step()
        mover = step.move.split()[0] if step is not None and step.move else None
        self.query_one(ActorTable).show(actor_rows(game, seats, None, mover))
        self.query_one(EventLog).show(log_entries(game), colours)
        self.query_one(InfluenceChart).show(score_history(game), colours, self.selected)
        info = Text(f"{cursor.replay.title or game.scenario.title}\n", Style(bold=True))
        info.append_text(step_text(step))
        if k > 0 and k == cursor.steps_in_turn() and not game.is_over:
            info.append(f"\nturn {t + 1} is over: turn {cursor.turn} begins", Style(italic=True))
        info.append("\n\n→/n next step · ←/p back · PgDn/] next turn · PgUp/[ turn back · "
                    "g go to turn · b branch into a live game · Esc close", Style(dim=True))
        self.query_one("#replay-info", Static).update(info)

    # ----- stepping -------------------------------------------------------------------------
    def action_step(self, delta: int) -> None:
        self.cursor.move(delta)
        self.show_position()

    def action_turn(self, delta: int) -> None:
        self.cursor.move_turn(delta)
        self.show_position()

    def action_jump(self, turn: int) -> None:
        self.cursor.jump(turn or self.cursor.last_turn + 1)
        self.show_position()

    def action_goto(self) -> None:
        turns = tuple((f"turn {t} · {self.cursor.scenario.calendar.label(t)}", str(t))
                      for t in range(1, self.cursor.last_turn + 1))
        self.app.push_screen(FormDialog("Go to turn", [Field("turn", "Turn", turns,
                                                             default=str(self.cursor.turn))],
                                        self._goto))

    def _goto(self, a: Answers) -> str | None:
        self.action_jump(int(a["turn"]))
        return None

    def on_actor_table_highlighted(self, message: ActorTable.Highlighted) -> None:
        if message.actor != self.selected:
            self.selected = message.actor
            self.query_one(CaspianMap).view = map_view(self.cursor.game(), self.selected)

    # ----- branching ------------------------------------------------------------------------
    def action_branch(self) -> None:
        replay = self.cursor.replay
        fields = []
        for actor in self.cursor.compiled.actors:
            seat = parse_seat(replay.seats[actor]) if actor in replay.seats else Seat("ai",
                                                                                       "normal")
            fields.append(Field(actor, f"{actor} plays as",
                                tuple((c, c) for c in SEAT_CHOICES), seat_choice(seat)))
        self.app.push_screen(FormDialog(
            f"Branch from turn {self.cursor.turn}, step {self.cursor.position[1]}", fields,
            self._branch, "A new live game continues from this point; the replay is unchanged."),
            self._branched)

    def _branch(self, a: Answers) -> str | None:
        replay = self.cursor.replay
        mode = "solo" if replay.mode == "solo" else "classroom"
        seats = {}
        for actor, choice in a.items():
            old = parse_seat(replay.seats[actor]) if actor in replay.seats else None
            keep = choice == "human" and old is not None and old.kind == "human"
            seats[actor] = old if keep and old is not None else seat_of(actor, choice, mode)
        self.branch_seats = seats
        return None

    def _branched(self, applied: bool | None) -> None:
        """Once the seat form is closed (so this viewer is on top again), ask for the game."""
        if applied and self.branch_seats is not None:
            self.post_message(self.Branch(self.cursor.cut(), self.branch_seats))

    def action_close(self) -> None:
        self.dismiss(None)
