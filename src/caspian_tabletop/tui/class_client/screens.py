"""The client's screens: the code prompt, and one screen per role over the shared board.

Every screen only shows what the server sent for its role and sends requests back; the
server decides whether they are allowed, and its errors appear as notifications.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from caspian_tabletop.classroom.client import reveal
from caspian_tabletop.tui.class_client.board import (
    View,
    revealed_text,
    scores_table,
    status_line,
    teams_table,
)
from caspian_tabletop.tui.screens.dialogs import AskDialog

if TYPE_CHECKING:
    from caspian_tabletop.tui.class_client.app import ClassClientApp


class CodeScreen(Screen[str]):
    """Asks for the code the facilitator gave; the server's answer shows below it."""

    def __init__(self, address: str, problem: str | None = None) -> None:
        super().__init__()
        self.address = address
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="code-box"):
            yield Label(f"Join the class at {self.address}", classes="dialog-title")
            yield Label("Type the code you were given (e.g. KZ-4Q7M2X), then Enter.")
            yield Input(placeholder="code", id="code", max_length=40)
            yield Static(self.problem or "", id="code-problem", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())


class PromptScreen(ModalScreen[dict[str, str] | None]):
    """A few labelled fields for a facilitator action; Enter on the last one sends it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, fields: list[tuple[str, str]], hint: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.fields = fields
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            if self.hint:
                yield Static(self.hint, markup=False)
            for name, placeholder in self.fields:
                yield Label(name)
                yield Input(placeholder=placeholder, id=f"field-{name}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
            return
        self.dismiss({name: self.query_one(f"#field-{name}", Input).value.strip()
                      for name, _ in self.fields})

    def action_cancel(self) -> None:
        self.dismiss(None)


def unanswered_offers(view: View | None) -> list[str]:
    """The offers to teams still unanswered while the class waits for answers, in words."""
    if not view or view.get("phase") != "answers":
        return []
    teams = {t["actor"] for t in view.get("teams", [])}
    return [f"{o['to']}: {o['move']}" for o in view.get("facilitator", {}).get("offers", [])
            if o["to"] in teams and o.get("answer") is None]


class RoleScreen(Screen[None]):
    """The board every role sees; subclasses add their own panel."""

    view: View | None = None

    @property
    def client(self) -> ClassClientApp:
        from caspian_tabletop.tui.class_client.app import ClassClientApp

        app = self.app
        assert isinstance(app, ClassClientApp)
        return app

    def board(self) -> ComposeResult:
        yield Static(id="status")
        with Horizontal(id="board"):
            yield Static(id="teams")
            yield Static(id="scores")
        yield VerticalScroll(Static(id="revealed"), id="log")

    def show(self, view: View) -> None:
        """A new view from the server."""
        self.view = view
        self.query_one("#teams", Static).update(teams_table(view))
        self.query_one("#scores", Static).update(scores_table(view))
        self.query_one("#revealed", Static).update(revealed_text(view))
        self.tick()

    def tick(self) -> None:
        """Redraw the status line (the timer counts down between views).  The app's timer
        can fire while the screen is still being composed or already torn down, when the
        line is not there: then there is nothing to redraw."""
        if self.view is not None:
            for line in self.query("#status").results(Static):
                line.update(status_line(self.view, self.client.remaining()))


class ProjectorScreen(RoleScreen):
    """The public board for the wall: nothing secret, nothing to press."""

    def compose(self) -> ComposeResult:
        yield from self.board()
        yield Static(id="connection")


class TeamScreen(RoleScreen):
    """A team's board, its order (typed, or picked from its legal moves) and its offers."""

    BINDINGS = [Binding("f2", "withdraw", "Withdraw order"),
                Binding("f3", "focus_moves", "Moves"),
                Binding("f4", "focus_order", "Type an order"),
                Binding("f5", "focus_offers", "Offers")]

    def __init__(self) -> None:
        super().__init__()
        self.outcomes: dict[str, str] = {}  # per offering actor: what each answer would do

    def compose(self) -> ComposeResult:
        yield from self.board()
        with Horizontal(id="team-panel"):
            with Vertical():
                yield Static(id="my-order")
                yield Input(placeholder="type an order, e.g. KZ invest middle-corridor, then "
                                        "Enter", id="order", max_length=200)
                yield Static(id="offers-title")
                yield OptionList(id="offers")
            yield OptionList(id="moves")
        yield Static(id="connection")
        yield Footer()

    def show(self, view: View) -> None:
        super().show(view)
        team = view["team"]
        order = team["order"]
        odds = "" if order is None or order["odds"] is None else f" (odds {order['odds']:.0%})"
        self.query_one("#my-order", Static).update(Text(
            f"{team['name']} ({team['actor']}) · capital {team['capital']:.1f}\n"
            + (f"Your sealed order: {order['move']}{odds}" if order
               else "No order sealed yet: a team with no order passes.")))
        moves = self.query_one("#moves", OptionList)
        if [str(o.prompt) for o in moves.options] != team["legal"]:
            moves.clear_options()
            moves.add_options([Option(Text(m)) for m in team["legal"]])
            if moves.has_focus and moves.option_count:
                moves.highlighted = 0
        offers = self.query_one("#offers", OptionList)
        asked = not offers.option_count and bool(team["offers"])
        highlighted = offers.highlighted
        offers.clear_options()  # rebuilt with the answers given so far; the cursor stays
        offers.add_options([Option(Text(f"{o['move']}  ({_answered(o['answer'])})"),
                                   id=o["from"]) for o in team["offers"]])
        self.outcomes = {o["from"]: "\n".join(o["outcomes"]) for o in team["offers"]}
        if highlighted is not None and highlighted < offers.option_count:
            offers.highlighted = highlighted
        offers.display = bool(team["offers"])
        self.query_one("#offers-title", Static).update(
            "Offers to you: pick one (F5) to answer yes or no; no answer is a no"
            if team["offers"] else "")
        if asked:
            offers.highlighted = 0
            offers.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.client.request({"type": "order", "move": event.value.strip()})
            event.input.value = ""

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "moves":
            self.client.request({"type": "order", "move": str(event.option.prompt)})
        elif event.option.id is not None:
            offering = event.option.id

            def answered(accept: bool | None) -> None:
                if accept is not None:
                    self.client.request({"type": "answer", "offer_from": offering,
                                         "accept": accept})
            self.app.push_screen(AskDialog(f"Offer from {offering}",
                                           f"{event.option.prompt}\n\nAs things stand:\n"
                                           f"{self.outcomes.get(offering, '')}\n\n"
                                           "Accept? (y/n)"),
                                 answered)

    def action_withdraw(self) -> None:
        self.client.request({"type": "withdraw"})

    def action_focus_moves(self) -> None:
        moves = self.query_one("#moves", OptionList)
        if moves.highlighted is None and moves.option_count:
            moves.highlighted = 0
        moves.focus()

    def action_focus_offers(self) -> None:
        offers = self.query_one("#offers", OptionList)
        if offers.highlighted is None and offers.option_count:
            offers.highlighted = 0
        offers.focus()

    def action_focus_order(self) -> None:
        self.query_one("#order", Input).focus()


class FacilitatorScreen(RoleScreen):
    """Every sealed order with its odds and ruling, and the facilitator's actions."""

    BINDINGS = [Binding("r", "reveal", "Reveal"), Binding("o", "override", "Rule"),
                Binding("i", "inject", "Inject"), Binding("a", "adjust", "Adjust"),
                Binding("n", "note", "Note"), Binding("u", "undo", "Undo to turn"),
                Binding("p", "pause", "Pause"), Binding("t", "timer", "Timer"),
                Binding("m", "name", "Name team"), Binding("e", "export", "Export")]

    def compose(self) -> ComposeResult:
        yield from self.board()
        yield Label("Sealed orders (secret until the reveal)", id="orders-title")
        yield DataTable(id="orders", cursor_type="row")
        yield Static(id="overview")
        yield Static(id="connection")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#orders", DataTable).add_columns("actor", "seat", "order", "odds",
                                                         "ruling")

    def show(self, view: View) -> None:
        super().show(view)
        part = view["facilitator"]
        table = self.query_one("#orders", DataTable)
        row = table.cursor_row
        table.clear()
        for o in part["orders"]:
            odds = "" if o["odds"] is None else f"{o['odds']:.0%}"
            ruling = f"{o['force']}: {o['reason']}" if o["force"] else ""
            table.add_row(o["actor"], o["seat"], o["move"], odds, ruling, key=o["actor"])
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        waiting = ", ".join(part["waiting"]) or "nobody"
        offers = "; ".join(f"{o['move']} ({_answered(o['answer'])})" for o in part["offers"])
        self.query_one("#overview", Static).update(Text(
            f"Waiting for: {waiting}" + (f"\nOffers to teams: {offers}" if offers else "")))

    def _selected_actor(self) -> str | None:
        table = self.query_one("#orders", DataTable)
        if not table.row_count:
            return None
        return str(table.get_row_at(table.cursor_row)[0])

    def _ask(self, title: str, fields: list[tuple[str, str]], send: Any, hint: str = ""
             ) -> None:
        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                send(values)
        self.app.push_screen(PromptScreen(title, fields, hint), done)

    def action_reveal(self) -> None:
        """Close the orders, or reveal the turn.  A reveal while teams still owe answers to
        offers counts those offers as declined, so it is asked first: a second press of `r`
        a moment after the first (the class already at its answers) must not end the teams'
        chance to answer."""
        waiting = unanswered_offers(self.view)
        if not waiting:
            self.client.request(reveal(self.view))
            return
        asked = reveal(self.view)

        def done(yes: bool | None) -> None:
            if yes:
                self.client.request(asked)

        self.app.push_screen(AskDialog(
            "Reveal now?", f"{len(waiting)} offer(s) to teams not answered yet: "
            + "; ".join(waiting) + ". Reveal now and count them as declined?"), done)

    def action_override(self) -> None:
        actor = self._selected_actor()
        if actor is None:
            self.app.notify("No sealed order to rule on.", severity="warning")
            return
        self._ask(f"Rule on {actor}'s order", [("force", "success or failure"),
                                               ("reason", "why, for the record")],
                  lambda v: self.client.request({"type": "override", "actor": actor,
                                                 "force": v["force"], "reason": v["reason"]}))

    def action_inject(self) -> None:
        events = ", ".join(self.view["facilitator"]["events"]) if self.view else ""
        self._ask("Inject an event", [("event", "event id"), ("reason", "why")],
                  lambda v: self.client.request({"type": "inject", "event": v["event"],
                                                 "reason": v["reason"]}),
                  hint=f"Events: {events}")

    def action_adjust(self) -> None:
        def send(v: dict[str, str]) -> None:
            try:
                amount = float(v["amount"])
            except ValueError:
                self.app.notify(f"{v['amount']!r} is not a number", severity="error")
                return
            message: dict[str, Any] = {"type": "adjust", "kind": v["kind"], "amount": amount,
                                       "reason": v["reason"]}
            for name in ("actor", "target", "corridor"):
                if v[name]:
                    message[name] = v[name].upper() if name != "corridor" else v[name]
            self.client.request(message)
        self._ask("Adjust a value", [("kind", "tension, capital, relation, influence, ..."),
                                     ("amount", "e.g. -1.5"), ("actor", "optional"),
                                     ("target", "optional"), ("corridor", "optional"),
                                     ("reason", "why")], send)

    def action_note(self) -> None:
        self._ask("Note for the record", [("text", "what happened in the room")],
                  lambda v: self.client.request({"type": "note", "text": v["text"]}))

    def action_undo(self) -> None:
        def send(v: dict[str, str]) -> None:
            if not v["turn"].isdigit():
                self.app.notify("a turn is a number", severity="error")
                return
            self.client.request({"type": "undo_to_turn", "turn": int(v["turn"])})
        self._ask("Go back to the start of a turn", [("turn", "turn number")], send)

    def action_pause(self) -> None:
        paused = bool(self.view and self.view["paused"])
        self.client.request({"type": "pause", "paused": not paused})

    def action_timer(self) -> None:
        def send(v: dict[str, str]) -> None:
            minutes = v["minutes"]
            try:
                seconds = None if minutes in ("", "0") else round(float(minutes) * 60)
            except ValueError:
                self.app.notify(f"{minutes!r} is not a number of minutes", severity="error")
                return
            self.client.request({"type": "timer", "seconds": seconds})
        self._ask("Turn timer", [("minutes", "e.g. 5 (empty or 0: stop the timer)")], send)

    def action_name(self) -> None:
        self._ask("Name a team", [("actor", "e.g. KZ"), ("name", "Kazakhstan: Dana, Ilyas")],
                  lambda v: self.client.request({"type": "name_team",
                                                 "actor": v["actor"].upper(),
                                                 "name": v["name"]}))

    def action_export(self) -> None:
        """In a browser tab nothing is asked: the game goes to the browser (no client names a
        file on the class's computer)."""
        if self.client.served is not None:
            self.client.export_to_browser()
            return
        self._ask("Export the class's game", [("file", "e.g. class-game.yaml")],
                  lambda v: self.client.export_to(v["file"]),
                  hint="An ordinary, verifiable save: `caspian-tabletop report FILE` works "
                       "on it. An existing file is never replaced.")


def _answered(answer: bool | None) -> str:
    return {None: "not answered", True: "yes", False: "no"}[answer]
