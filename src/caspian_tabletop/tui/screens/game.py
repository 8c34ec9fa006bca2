"""The game screen: map, header, actor table, move builder, log and chart around a Session.

Human moves are committed here on the UI thread; AI seats move in a thread worker that
posts `AiDone` when a human must act again (or the game ends), so the UI never freezes.
Every handler catches CaspianError and shows it: no key sequence reaches a traceback.

Classroom games add a privacy screen between teams giving secret orders, a turn timer in the
header, and the facilitator's panel (F2 or f, behind the facilitator passphrase; a solo game
asks for a confirmation only).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import NoActiveWorker, get_current_worker

from caspian_tabletop import saves
from caspian_tabletop.ai.hazard import next_card_chance
from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.domain.moves import Move
from caspian_tabletop.engine.game import Game, objective_responder
from caspian_tabletop.passphrase import opens, same_text
from caspian_tabletop.render.offers import outcome_lines
from caspian_tabletop.session import Session
from caspian_tabletop.tui.board import actor_rows, colours_of, log_entries
from caspian_tabletop.tui.history import score_history
from caspian_tabletop.tui.map.view import map_view
from caspian_tabletop.tui.screens.base import preset_breakpoints
from caspian_tabletop.tui.screens.dialogs import AskDialog, ErrorDialog, save_with_prompt
from caspian_tabletop.tui.screens.passphrase import ChoosePassphraseDialog, PassphraseDialog
from caspian_tabletop.tui.screens.save_name import save_in_folder
from caspian_tabletop.tui.served import served_of
from caspian_tabletop.tui.text import describe_move, seat_label
from caspian_tabletop.tui.umpire import Umpire
from caspian_tabletop.tui.widgets.actor_table import ActorTable
from caspian_tabletop.tui.widgets.caspian_map import CaspianMap
from caspian_tabletop.tui.widgets.event_log import EventLog
from caspian_tabletop.tui.widgets.footer import CaspianFooter
from caspian_tabletop.tui.widgets.game_header import GameHeader
from caspian_tabletop.tui.widgets.goals_panel import GoalsPanel
from caspian_tabletop.tui.widgets.influence_chart import InfluenceChart
from caspian_tabletop.tui.widgets.move_builder import MoveBuilder

if TYPE_CHECKING:
    from caspian_tabletop.tui.coach import CoachPanel

# The end, profile, advisor, facilitator, replay and cover (privacy, pause) screens (and the
# AI search behind the advisor) are imported when first shown: a game starts without them.


W = TypeVar("W", bound=Widget)


def _titled(widget: W, title: str) -> W:
    widget.border_title = title
    return widget


def default_save_path(game: Game) -> Path:
    """Named by the turn the game stopped at (a finished game's last turn, marked final)."""
    stopped = min(game.turn, game.compiled.turns)
    end = "-final" if game.is_over else ""
    return saves.saves_dir() / f"{game.scenario.id}-seed{game.seed}-turn{stopped}{end}.yaml"


class GameScreen(Screen[None]):
    BINDINGS = [
        Binding("m", "focus_builder", "Move", id="game.move"),
        Binding("t", "focus_notation", "Type move", show=False, id="game.type"),
        Binding("a", "advisor", "Advisor", id="game.advisor"),
        Binding("u", "undo", "Undo", id="game.undo"),
        Binding("p", "profile", "Profile", id="game.profile"),
        Binding("l", "focus_log", "Log", id="game.log"),
        Binding("s", "save", "Save", id="game.save"),
        Binding("f2,f", "facilitator", "Umpire", id="game.umpire"),
        Binding("question_mark,f1", "app.help", "Help", id="game.help"),
        Binding("c", "coach_next", "Continue", id="game.coach_next"),
        Binding("x", "coach_leave", "Leave coach", id="game.coach_leave"),
    ]

    class AiDone(Message):
        """The AI seats have moved (or failed with `error`)."""

        def __init__(self, error: str | None = None) -> None:
            self.error = error
            super().__init__()

    def __init__(self, session: Session, coached: bool = False) -> None:
        super().__init__()
        preset_breakpoints(self)
        self.session = session
        self.coached = coached
        self.advice_taken = 0  # moves taken from the advisor (the coach watches for one)
        self.selected: str | None = None
        self.thinking = False
        self.ended = False
        self.umpire = Umpire()
        self.shown_save_problem: str | None = None
        # (turn, actor) of the team the keyboard was last handed to behind the privacy screen.
        self.handed_to: tuple[int, str] | None = None
        # Where a reveal's resolutions start in the game's log, until the room has seen them.
        self.unseen_results: int | None = None
        session.ask = self._ask_from_worker

    @property
    def game(self) -> Game:
        return self.session.game

    def compose(self) -> ComposeResult:
        """The panels' border titles name the key that reaches each (shown where the
        terminal is wide enough for borders)."""
        yield GameHeader(id="header")
        yield Static(id="save-warning")
        with Horizontal(id="main"):
            yield _titled(CaspianMap(id="map"), "Caspian Sea · p: selected actor's profile")
            with Vertical(id="side"):
                yield ActorTable(id="actors")
                yield _titled(GoalsPanel(id="goals"), "Goals")
                yield _titled(MoveBuilder(id="builder"), "Move builder · m · a: advisor")
        with Horizontal(id="bottom"):
            yield _titled(EventLog(id="log"), "Log · l, then Enter: a line's full record")
            yield GoalsPanel(id="goals-low")  # in place of the chart on narrow terminals
            yield InfluenceChart(id="chart")
        if self.coached:
            from caspian_tabletop.tui.coach import CoachPanel

            yield CoachPanel(id="coach")
        yield CaspianFooter()

    def on_mount(self) -> None:
        humans = self.session.humans
        self.selected = humans[0] if humans else None
        self.refresh_view()
        self.set_interval(1.0, self._tick)
        self.advance()
        choices = self.query_one("#choices")
        if choices.focusable:  # the builder's focus now: given later, it restyles the frame
            self.set_focus(choices)
        self.call_after_refresh(self._after_first_frame)

    def on_unmount(self) -> None:
        """A left game is closed: its worker cannot overwrite it any more, and it can be
        opened again (here or in another window)."""
        self.session.close()

    # ----- showing the state ------------------------------------------------------------
    @property
    def viewer(self) -> str | None:
        """Whose relations the table shows: the team at the keyboard, else the first human."""
        humans = self.session.humans
        return self.session.awaiting or (humans[0] if humans else None)

    @property
    def secret(self) -> bool:
        """Several teams give secret orders at one keyboard: hide each from the others."""
        return self.game.order == "simultaneous" and len(self.session.humans) >= 2

    def refresh_view(self) -> None:
        game = self.game
        colours = colours_of(game)
        self.umpire.timer.start_turn(game.turn)
        self._show_header()
        self.query_one(CaspianMap).view = map_view(game, self.selected)
        waiting = game.waiting_for
        to_move = None if not waiting else (game.to_move if game.order == "sequential"
                                            else waiting[0])
        seats = {a: seat_label(s) for a, s in self.session.seats.items()}
        self.query_one(ActorTable).show(actor_rows(game, seats, self.viewer, to_move))
        self.query_one(EventLog).show(log_entries(game), colours)
        self.query_one(InfluenceChart).show(score_history(game), colours, self.selected)
        self._show_goals()
        self._show_save_problem()

    def _show_goals(self) -> None:
        """The goals of the team at the keyboard (else the first human seat), as they stand."""
        game, actor = self.game, self.viewer
        verdict = game.verdict(actor) if actor is not None else None
        colour = game.scenario.actors[actor].colour if actor is not None else "white"
        for panel in self.query(GoalsPanel):
            panel.show(game.scenario, verdict, colour)

    def _show_save_problem(self) -> None:
        """A line under the header while autosaving fails, and a notice when that changes."""
        problem = self.session.save_problem
        warning = self.query_one("#save-warning", Static)
        if problem == self.shown_save_problem:
            return
        self.shown_save_problem = problem
        warning.update(f"⚠ {problem}" if problem else "")
        warning.set_class(problem is not None, "-shown")
        if problem:
            self.app.notify(f"{problem}. The game goes on; the last good save is kept.",
                            title="Not saving", severity="error", timeout=15)
        else:
            self.app.notify("Autosave works again.", title="Saving")

    def _show_header(self) -> None:
        game, c = self.game, self.game.compiled
        self.query_one(GameHeader).show(
            game.scenario.title, game.turn, c.turns, game.date, self._phase(),
            game.tension, c.rules.clash_threshold, self.umpire.timer.label(), game.seed,
            next_card_chance(game))

    def _tick(self) -> None:
        """Once a second: the countdown in the header, and a notice (never a move) at zero."""
        if not self.umpire.timer.running:
            return
        self._show_header()
        if self.umpire.timer.just_expired():
            self.app.notify("Time is up for this turn. The facilitator decides what happens "
                            "next; no move is made for anyone.", title="⏱ Time is up",
                            severity="warning", timeout=20)

    def _phase(self) -> str:
        game = self.game
        if game.is_over:
            return "ARMED CLASH — game over" if game.clash else "game over"
        awaiting = self.session.awaiting
        if awaiting is not None:
            return f"orders: {awaiting} to move ({seat_label(self.session.seats[awaiting])})"
        actor = game.to_move if game.order == "sequential" else next(iter(game.waiting_for), None)
        if actor is None:
            return "resolving"
        return f"orders: {actor} thinking ({seat_label(self.session.seats[actor])})"

    # ----- turn flow ----------------------------------------------------------------------
    def advance(self) -> None:
        """Hand the move to whoever holds it: a human's builder, the AI worker, or the end."""
        builder = self.query_one(MoveBuilder)
        if self.game.is_over:
            builder.wait("The game is over.")
            if not self.ended:
                self.ended = True
                from caspian_tabletop.tui.screens.end import EndScreen

                self.app.push_screen(EndScreen(self.session))
            return
        self.ended = False
        actor = self.session.awaiting
        if self.unseen_results is not None and actor is not None:
            self._show_results()
            return
        if actor is not None:
            key = (self.game.turn, actor)
            if self.secret and self.handed_to != key:
                from caspian_tabletop.tui.screens.cover import PrivacyScreen

                builder.wait(f"Waiting for {seat_label(self.session.seats[actor])}…")
                self.handed_to = key
                self.app.push_screen(
                    PrivacyScreen(seat_label(self.session.seats[actor]), actor,
                                  f"turn {self.game.turn} · {self.game.date}"),
                    lambda _: self._hand_over(actor))
                return
            builder.start(self.game, actor)
            return
        self.session.save_new_game()  # before the AI's worker takes over the game
        self.thinking = True
        builder.wait(f"⏳ {self._phase()}…")
        self.run_ai()

    async def _after_first_frame(self) -> None:
        """Save a new game once its first frame is drawn: that frame does not wait for the
        YAML writer and the replay models which the first autosave loads."""
        await asyncio.sleep(0)  # whatever else waited for this frame sees it first
        if not self.thinking:  # on the UI thread, never beside a worker
            self.session.save_new_game()
            self._show_save_problem()

    def _show_results(self) -> None:
        """The room sees what the reveal resolved before the next team takes the keyboard."""
        from caspian_tabletop.render.resolution import sentence
        from caspian_tabletop.tui.screens.cover import ResultsScreen

        start, self.unseen_results = self.unseen_results or 0, None
        resolved = self.game.explanations[start:]
        turn = resolved[0].turn if resolved else self.game.turn - 1
        self.refresh_view()
        self.app.push_screen(ResultsScreen(f"Turn {turn}: the orders revealed",
                                           [sentence(r) for r in resolved]),
                             lambda _: self.advance())

    def _hand_over(self, actor: str) -> None:
        """The team is at the keyboard: open its move builder (if it is still its turn)."""
        if self.session.awaiting == actor and not self.thinking:
            self.refresh_view()
            self.query_one(MoveBuilder).start(self.game, actor)

    @work(thread=True, exclusive=True, group="ai")
    def run_ai(self) -> None:
        try:
            self.session.run_ai_until_human()
        except CaspianError as exc:
            self.post_message(self.AiDone(str(exc)))
            return
        self.post_message(self.AiDone())

    def _gather_answers(self, offers: list[Move], then: Callable[[], None]) -> None:
        """Every order is in: each human partner answers its offers, one dialog at a time,
        on the UI thread (as a class server's teams do), before the reveal resolves them."""
        if not offers:
            then()
            return
        move, rest = offers[0], offers[1:]

        def receive(answer: bool | None) -> None:
            self.session.answers[move.actor] = bool(answer)
            self._gather_answers(rest, then)

        self.app.push_screen(AskDialog(f"{move.kind.value.capitalize()} offer to "
                                       f"{move.partner}", self._offer_text(move)), receive)

    @work(thread=True, exclusive=True, group="ai")
    def run_reveal(self, move: Move, force: str | None, reason: str | None) -> None:
        """The last secret order, in the worker (human partners have answered already), then
        the AI seats move on."""
        try:
            self.session.play(move, force=force, reason=reason)
            self.session.run_ai_until_human()
        except CaspianError as exc:
            self.post_message(self.AiDone(str(exc)))
            return
        self.post_message(self.AiDone())

    def on_game_screen_ai_done(self, message: AiDone) -> None:
        self.thinking = False
        if message.error:
            self.app.push_screen(ErrorDialog("An AI seat could not move", [message.error]))
        self.refresh_view()
        self.advance()

    def on_move_builder_chosen(self, message: MoveBuilder.Chosen) -> None:
        message.stop()
        move = message.move
        partner = self.session.seats.get(move.partner or "")
        # With secret orders a human partner is asked at the reveal instead (`run_reveal`).
        if (self.game.order == "sequential" and move.asks
                and partner is not None and partner.kind == "human"
                and move.partner != move.actor):
            self.app.push_screen(
                AskDialog(f"{move.kind.value.capitalize()} offer to {move.partner}",
                          self._offer_text(move)),
                lambda answer: self.commit(move, bool(answer)))
            return
        self.commit(move, None)

    def commit(self, move: Move, accept: bool | None) -> None:
        if self.thinking:
            self.notify("Wait for the AI to finish its move.", severity="warning")
            return
        ruling = self.umpire.ruling if (self.umpire.ruling is not None
                                        and self.umpire.ruling.move == move) else None
        force, reason = (ruling.force, ruling.reason) if ruling else (None, None)
        if self.game.order == "simultaneous" and self.game.waiting_for == [move.actor]:
            why = self.game.why_illegal(move)
            if why is not None:
                self.app.push_screen(ErrorDialog("That move is not allowed", [why]))
                return
            self.umpire.ruling = None
            self.thinking = True
            if self.secret:
                self.unseen_results = len(self.game.explanations)
            self.query_one(MoveBuilder).wait("⏳ every order is in: revealing…")
            def reveal() -> None:
                self.run_reveal(move, force, reason)

            self._gather_answers(self.session.offers_to_humans([move]), reveal)
            return
        try:
            self.session.play(move, accept=accept, force=force, reason=reason)
        except CaspianError as exc:
            self.app.push_screen(ErrorDialog("That move is not allowed", [str(exc)]))
            return
        self.umpire.ruling = None
        if self.secret:
            self.notify("Orders sealed until every team has given theirs.",
                        title=f"{seat_label(self.session.seats[move.actor])}")
        else:
            self.notify(describe_move(move), title=f"{move.actor} moved")
        self.refresh_view()
        self.advance()

    def _offer_text(self, move: Move) -> str:
        """The question put to a human partner: what is proposed, what each answer would
        do to it by the end of the turn, and who must answer."""
        outcomes = "\n".join(outcome_lines(self.game.offer_outcomes(move)))
        return (f"{move.actor} proposes: {describe_move(move)}.\n{outcomes}\n"
                f"{move.partner}: do you accept?")

    def _ask_from_worker(self, game: Game, move: Move) -> bool:
        """Session's question to a human partner of an AI seat's move in sequential play,
        asked from the AI worker thread (secret orders are answered before the reveal)."""
        done, answer = threading.Event(), [False]

        def receive(result: bool | None) -> None:
            answer[0] = bool(result)
            done.set()

        try:
            worker = get_current_worker()
        except NoActiveWorker:
            # Asked on the UI thread (which a dialog cannot block): the partner's objectives
            # answer, as for any seat nobody can ask.
            return objective_responder(game, move)
        dialog = AskDialog(f"{move.kind.value.capitalize()} offer to {move.partner}",
                           self._offer_text(move))
        self.app.call_from_thread(self.app.push_screen, dialog, receive)
        while not done.wait(0.1):
            if worker.is_cancelled:
                return False
        return answer[0]

    # ----- actions ------------------------------------------------------------------------
    def on_actor_table_highlighted(self, message: ActorTable.Highlighted) -> None:
        if message.actor != self.selected:
            self.selected = message.actor
            self.query_one(CaspianMap).view = map_view(self.game, self.selected)
            self.query_one(InfluenceChart).show(score_history(self.game), colours_of(self.game),
                                                self.selected)

    def on_actor_table_chosen(self, message: ActorTable.Chosen) -> None:
        self._show_profile(message.actor)

    def action_profile(self) -> None:
        self._show_profile(self.selected or self.game.compiled.actors[0])

    def _show_profile(self, actor: str) -> None:
        from caspian_tabletop.tui.screens.profile import ProfileScreen

        self.app.push_screen(ProfileScreen(self.game, actor))

    def action_focus_builder(self) -> None:
        self.query_one("#choices").focus()

    def action_focus_notation(self) -> None:
        self.query_one("#notation", Input).focus()

    def action_focus_log(self) -> None:
        self.query_one(EventLog).focus()

    def action_undo(self) -> None:
        if self.thinking:
            self.notify("Wait for the AI to finish its move.", severity="warning")
            return
        try:
            self.session.undo()
        except CaspianError as exc:
            self.notify(str(exc), title="Nothing to undo", severity="warning")
            return
        self.umpire.ruling = None
        self.notify("Your last move was taken back.", title="Undo")
        self.refresh_view()
        self.advance()

    def action_advisor(self) -> None:
        actor = self.session.awaiting
        if actor is None or self.thinking:
            self.notify("The advisor helps when it is your move.", severity="warning")
            return
        from caspian_tabletop.tui.screens.advisor import AdvisorScreen

        self.app.push_screen(AdvisorScreen(self.game, actor), self._advice_taken)

    def _coach(self) -> CoachPanel | None:
        from caspian_tabletop.tui.coach import CoachPanel

        found = self.query(CoachPanel)
        return found.first() if found and not found.first().finished else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The coach's keys work (and show) only while the coach is on; `c` only where a
        step waits for it."""
        if action in ("coach_next", "coach_leave"):
            coach = self._coach() if self.coached else None
            if coach is None:
                return False
            return action == "coach_leave" or coach.step.done is None
        return True

    def action_coach_next(self) -> None:
        coach = self._coach()
        if coach is not None:
            coach.go_on()

    def action_coach_leave(self) -> None:
        coach = self._coach()
        if coach is not None:
            coach.leave()

    def _advice_taken(self, move: Move | None) -> None:
        """The advised move waits on the builder's confirm step, with the focus there, so
        that Enter commits it wherever the focus was before."""
        if move is not None:
            self.advice_taken += 1
            self.query_one(MoveBuilder).choose(move)
            self.action_focus_builder()

    def action_save(self) -> None:
        title, default = "Save the game as a replay file", default_save_path(self.game)
        served = served_of(self.app)
        if served is None:
            save_with_prompt(self, self.session, title, default)
        else:
            save_in_folder(self, served, self.session, title, default)

    # ----- the facilitator ------------------------------------------------------------------
    def action_facilitator(self) -> None:
        """Open the panel: with the server's passphrase in a browser, with the game's own in a
        classroom game (chosen now if it has none yet), after a confirmation when solo."""
        if self.thinking:
            self.notify("Wait for the AI to finish its move.", severity="warning")
            return
        served, lock = served_of(self.app), self.session.facilitator_lock
        if served is not None:
            known = served.facilitator_pass
            self._ask_passphrase("Type the passphrase printed where the server was started.",
                                 lambda typed: known is not None and same_text(typed, known))
        elif self.session.mode == "solo":
            self.app.push_screen(AskDialog(
                "Open the facilitator panel?",
                "It shows the odds and every team's secret orders.\n"
                "Teams: look away from the screen. (y: open · n: stay)"), self._confirmed)
        elif lock is None:
            self.app.push_screen(ChoosePassphraseDialog(
                "This classroom game has no facilitator passphrase yet. Choose one: it is "
                "asked each time the panel opens, also after the game is resumed."),
                self._lock_chosen)
        else:
            self._ask_passphrase("The panel shows the odds and every team's secret orders.",
                                 lambda typed: opens(lock, typed))

    def _ask_passphrase(self, body: str, check: Callable[[str], bool]) -> None:
        self.app.push_screen(PassphraseDialog(body, check, self.umpire.guard), self._confirmed)

    def _lock_chosen(self, lock: str | None) -> None:
        if lock is None:
            return
        self.session.facilitator_lock = lock
        try:
            self.session.autosave()
        except (CaspianError, OSError) as exc:
            self.app.push_screen(ErrorDialog("Could not save the passphrase", [str(exc)]))
            return
        self._confirmed(True)

    def _confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        from caspian_tabletop.tui.screens.facilitator import FacilitatorScreen

        builder = self.query_one(MoveBuilder)
        building = builder.final if builder.actor == self.session.awaiting else None
        before = (self.game.undo_depth, len(self.game.records))
        self.app.push_screen(FacilitatorScreen(self.session, self.umpire, building),
                             lambda result: self._umpire_done(result, before))

    def _umpire_done(self, result: str | None, before: tuple[int, int]) -> None:
        self.refresh_view()
        if (self.game.undo_depth, len(self.game.records)) != before:
            self.advance()
        if result == "pause":
            self.action_pause()

    def action_pause(self) -> None:
        from caspian_tabletop.tui.screens.cover import PauseScreen

        self.umpire.timer.pause()
        self._show_header()
        self.app.push_screen(PauseScreen(), lambda _: self._resume())

    def _resume(self) -> None:
        self.umpire.timer.resume()
        self._show_header()

    def action_watch(self) -> None:
        """Open this game so far in the replay viewer (e.g. for a mid-session debrief)."""
        from caspian_tabletop.tui.screens.replay_viewer import ReplayScreen

        try:
            replay = self.session.to_replay()
        except CaspianError as exc:
            self.app.push_screen(ErrorDialog("Could not open the replay", [str(exc)]))
            return
        self.app.push_screen(ReplayScreen(replay))
