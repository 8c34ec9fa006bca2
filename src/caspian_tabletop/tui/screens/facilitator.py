"""The facilitator's panel: the odds of pending moves and the umpire's powers, each with a reason.

Only this screen shows secret orders and odds.  Every action goes through the Session, so it is
recorded in the game's records (and so in the replay) with its reason; the log marks it.
Opening it takes a confirmation, so a student cannot open it by accident.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.domain.moves import Move
from caspian_tabletop.engine.game import CHANCE_KINDS
from caspian_tabletop.session import Session
from caspian_tabletop.tui.screens.form import Answers, Field, FormDialog
from caspian_tabletop.tui.text import preview_text
from caspian_tabletop.tui.umpire import Ruling, Umpire
from caspian_tabletop.tui.widgets.footer import CaspianFooter

ADJUST_KINDS = ("tension", "influence", "relations", "capital", "throughput", "capacity",
                "block")
NONE = "-"
ACTIONS = (
    ("o", "override", "Override the outcome of a pending move"),
    ("v", "adjust", "Adjust a value (influence, tension, throughput, relations, capital…)"),
    ("e", "inject", "Inject an event from the deck"),
    ("c", "custom", "Inject a custom event"),
    ("z", "undo_turn", "Undo to an earlier turn"),
    ("n", "note", "Add a note to this turn"),
    ("t", "timer", "Set the turn timer"),
    ("space", "pause", "Pause the game"),
)


class FacilitatorScreen(Screen[str | None]):
    """Dismissed with "pause" when the facilitator pauses the game, else None."""

    BINDINGS = [Binding("escape,f2", "close", "Close panel"),
                *(Binding(key, f"do('{action}')", label.split(" ")[0], show=False)
                  for key, action, label in ACTIONS)]

    def __init__(self, session: Session, umpire: Umpire, building: Move | None) -> None:
        super().__init__()
        self.session = session
        self.umpire = umpire
        self.building = building

    def compose(self) -> ComposeResult:
        with Vertical(id="umpire-body"):
            yield Static("", id="umpire-title")
            with VerticalScroll(id="umpire-odds"):
                yield Static("", id="odds")
            yield OptionList(*(Option(Text.assemble((f"{key:>5}  ", Style(bold=True)), label),
                                      id=action) for key, action, label in ACTIONS),
                             id="umpire-actions")
        yield CaspianFooter()

    def on_mount(self) -> None:
        self.show_state()
        self.query_one(OptionList).focus()

    # ----- what the panel shows ---------------------------------------------------------
    def show_state(self) -> None:
        game = self.session.game
        title = Text("⚖ Facilitator panel", Style(bold=True))
        title.append(f"   turn {min(game.turn, game.compiled.turns)}/{game.compiled.turns}"
                     f" · {game.date} · {game.order} orders   {self.umpire.timer.label()}")
        self.query_one("#umpire-title", Static).update(title)
        self.query_one("#odds", Static).update(self._odds())

    def _odds(self) -> Group:
        game = self.session.game
        parts: list[Text] = []
        if game.is_over:
            parts.append(Text("The game is over; undo to a turn to play on.", Style(italic=True)))
        elif game.order == "simultaneous":
            parts.append(Text(f"Secret orders in: {len(game.orders)} · still to give: "
                              f"{', '.join(game.waiting_for) or 'none'}", Style(bold=True)))
            for actor, order in game.orders.items():
                parts.append(self._move_odds(f"{actor} ({self._team(actor)})", order.move,
                                             order.force, order.reason))
        elif self.building is not None:
            ruling = self.umpire.ruling
            ruled = ruling if ruling is not None and ruling.move == self.building else None
            parts.append(self._move_odds(f"Being built by {self.building.actor}", self.building,
                                         ruled.force if ruled else None,
                                         ruled.reason if ruled else None))
        else:
            parts.append(Text(f"{game.to_move or 'nobody'} to move; no move is being built yet.",
                              Style(italic=True)))
        notes = [r.text for r in game.records if r.kind == "note" and r.turn == game.turn]
        if notes:
            parts.append(Text("Notes this turn: " + " · ".join(n or "" for n in notes),
                              Style(dim=True)))
        return Group(*parts)

    def _team(self, actor: str) -> str:
        seat = self.session.seats[actor]
        return seat.detail if seat.kind == "human" else seat.text()

    def _move_odds(self, who: str, move: Move, force: str | None, reason: str | None) -> Text:
        text = Text(f"\n{who}: ", Style(bold=True))
        text.append(move.notation() + "\n", Style(bold=True, color="cyan"))
        try:
            text.append_text(preview_text(self.session.game.preview(move)))
        except CaspianError as exc:
            text.append(f"(no preview: {exc})", Style(dim=True))
        if force is not None:
            text.append(f"\n⚖ ruled: {force} — {reason}", Style(bold=True, color="magenta"))
        return text

    # ----- actions ------------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_do(event.option.id or "")

    def action_do(self, action: str) -> None:
        if action == "pause":
            self.dismiss("pause")
            return
        form = getattr(self, f"_form_{action}", None)
        if form is not None:
            self.app.push_screen(form(), self._done)

    def _done(self, applied: bool | None) -> None:
        if applied:
            self.show_state()

    def action_close(self) -> None:
        self.dismiss(None)

    def _actors(self, blank: bool = False) -> tuple[tuple[str, str], ...]:
        actors = tuple((a, a) for a in self.session.game.compiled.actors)
        return (("—", NONE), *actors) if blank else actors

    def _reason_field(self) -> Field:
        return Field("reason", "Reason", placeholder="shown to everyone in the log and debrief")

    def _form_override(self) -> FormDialog:
        game = self.session.game
        if game.order == "simultaneous":
            targets = [(f"{a}: {o.move.notation()}", a) for a, o in game.orders.items()
                       if o.move.kind in CHANCE_KINDS]
        elif self.building is not None and self.building.kind in CHANCE_KINDS:
            targets = [(self.building.notation(), self.building.actor)]
        else:
            targets = []
        hint = ("" if targets else "No pending drill or blockade to rule on. Sequential: let "
                "the team build its move up to the commit step, then open this panel.")
        fields = [Field("actor", "Move", tuple(targets) or (("(none)", NONE),)),
                  Field("force", "Outcome", (("success", "success"), ("failure", "failure"))),
                  self._reason_field()]
        return FormDialog("⚖ Override an outcome", fields, self._override, hint)

    def _override(self, a: Answers) -> str | None:
        if a["actor"] == NONE:
            return "there is no pending move to rule on"
        if not a["reason"]:
            return "give a reason: it is read out in the debrief"
        if self.session.game.order == "simultaneous":
            return self._try(lambda: self.session.override(a["actor"], a["force"], a["reason"]))
        assert self.building is not None
        self.umpire.ruling = Ruling(self.building, a["force"], a["reason"])
        return None

    def _form_adjust(self) -> FormDialog:
        return FormDialog("⚖ Adjust a value", self._adjust_fields(), self._adjust,
                          "influence/relations: actor → target · capital: actor · "
                          "throughput/capacity/block: corridor (block: turns)")

    def _adjust_fields(self) -> list[Field]:
        corridors = tuple((c, c) for c in self.session.game.compiled.corridors)
        return [Field("kind", "Value", tuple((k, k) for k in ADJUST_KINDS)),
                Field("actor", "Actor", self._actors(True)),
                Field("target", "Target", self._actors(True)),
                Field("corridor", "Corridor", (("—", NONE), *corridors)),
                Field("amount", "Amount", placeholder="e.g. 5 or -1.5"),
                Field("turns", "Turns", placeholder="for block only, e.g. 2"),
                self._reason_field()]

    def _adjust(self, a: Answers, title: str | None = None) -> str | None:
        try:
            amount = float(a["amount"])
        except ValueError:
            return "the amount must be a number, e.g. 5 or -1.5"
        try:
            turns = int(a["turns"]) if a["turns"] else None
        except ValueError:
            return "turns must be a whole number"
        if not a["reason"] and title is None:
            return "give a reason: it is read out in the debrief"
        reason = a["reason"] if title is None else f"event “{title}”" + (
            f": {a['reason']}" if a["reason"] else "")

        def opt(key: str) -> str | None:
            return None if a[key] in (NONE, "") else a[key]

        # Out-of-range figures (1e308, nan, a block of 10**20 turns) are refused by the game
        # itself, whose reason the form shows.
        return self._try(lambda: self.session.adjust(
            a["kind"], amount, reason, actor=opt("actor"), target=opt("target"),
            corridor=opt("corridor"), turns=turns))

    def _form_custom(self) -> FormDialog:
        fields = [Field("title", "Event title", placeholder="e.g. Storm closes Aktau"),
                  *self._adjust_fields()]
        return FormDialog("⚖ Custom event", fields, self._custom,
                          "A custom event is an adjustment recorded under its title.")

    def _custom(self, a: Answers) -> str | None:
        if not a["title"]:
            return "give the event a title"
        return self._adjust(a, title=a["title"])

    def _form_inject(self) -> FormDialog:
        scenario = self.session.game.scenario
        events = tuple((f"{e.title} ({slug})", slug) for slug, e in scenario.events.items())
        fields = [Field("event", "Event", events or (("(the deck is empty)", NONE),)),
                  self._reason_field()]
        return FormDialog("⚖ Inject an event", fields, self._inject)

    def _inject(self, a: Answers) -> str | None:
        if a["event"] == NONE:
            return "this scenario has no event deck"
        if not a["reason"]:
            return "give a reason: it is read out in the debrief"
        return self._try(lambda: self.session.inject(a["event"], a["reason"]))

    def _form_undo_turn(self) -> FormDialog:
        game = self.session.game
        turns = tuple((f"start of turn {t} · {game.scenario.calendar.label(t)}", str(t))
                      for t in range(min(game.turn, game.compiled.turns), 0, -1))
        return FormDialog("⚖ Undo to an earlier turn", [Field("turn", "Back to", turns)],
                          self._undo_turn, "Everything done since is taken back.")

    def _undo_turn(self, a: Answers) -> str | None:
        problem = self._try(lambda: self.session.undo_to_turn(int(a["turn"])))
        if problem is None:
            self.umpire.ruling = None
            self.building = None
        return problem

    def _form_note(self) -> FormDialog:
        return FormDialog("⚖ Note on this turn", [Field("text", "Note")], self._note,
                          "Kept in the replay for the debrief.")

    def _note(self, a: Answers) -> str | None:
        if not a["text"]:
            return "write the note first"
        return self._try(lambda: self.session.note(a["text"]))

    def _form_timer(self) -> FormDialog:
        current = self.umpire.timer.minutes
        return FormDialog("⏱ Turn timer", [Field("minutes", "Minutes per turn",
                                                 default=f"{current:g}" if current else "",
                                                 placeholder="e.g. 8 (0: no timer)")],
                          self._timer, "It restarts at each new turn; at zero a notice "
                          "shows, and nobody's move is made for them.")

    def _timer(self, a: Answers) -> str | None:
        try:
            minutes = float(a["minutes"] or 0)
        except ValueError:
            return "minutes must be a number"
        if not 0 <= minutes <= 600:
            return "between 0 and 600 minutes"
        self.umpire.timer.set(minutes, self.session.game.turn)
        return None

    def _try(self, action: Callable[[], object]) -> str | None:
        """Run a session action; its CaspianError becomes the form's problem text."""
        try:
            action()
        except CaspianError as exc:
            return str(exc)
        return None
