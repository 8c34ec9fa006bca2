"""The start screen: a new game (scenario, mode, seats, order, seed), resume, load, watch a
replay, help, quit.  A classroom game starts once the facilitator has chosen a passphrase."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.domain.moves import ORDERS
from caspian_tabletop.domain.seats import SEAT_CHOICES
from caspian_tabletop.paths import bundled_scenarios
from caspian_tabletop.scenario.limits import SEED_LIMIT
from caspian_tabletop.tui.screens.base import preset_breakpoints
from caspian_tabletop.tui.served import served_of
from caspian_tabletop.tui.setup import MODES, NewGame, default_seats, fresh_seed
from caspian_tabletop.tui.widgets.choice import Choice
from caspian_tabletop.tui.widgets.footer import CaspianFooter

if TYPE_CHECKING:
    from caspian_tabletop.scenario.schema import Scenario

BANNER = "CASPIAN TABLETOP"
TAGLINE = "influence, trade routes and naval power on the Caspian Sea, early 2021"


class StartScreen(Screen[None]):
    """Collects choices and sends them up; the app builds sessions and shows errors."""

    # Focus the New game button straight away: focusing the scrolling body first (the
    # default) restyles every widget on the screen twice.
    AUTO_FOCUS = "#new"

    BINDINGS = [
        Binding("ctrl+n", "new", "New game", id="start.new"),
        Binding("ctrl+l", "learn", "Learn to play", id="start.learn"),
        Binding("ctrl+r", "resume", "Resume", id="start.resume"),
        Binding("ctrl+o", "load", "Load file", id="start.load"),
        Binding("ctrl+e,f3", "watch", "Watch replay", id="start.watch"),
        Binding("question_mark,f1", "help", "Help", id="start.help"),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    class Start(Message):
        def __init__(self, choice: NewGame) -> None:
            self.choice = choice
            super().__init__()

    class Resume(Message):
        pass

    class Learn(Message):
        """Start the coached first game."""

    class Load(Message):
        pass

    class Watch(Message):
        """Open a replay in the viewer."""

    class ScenarioWanted(Message):
        """Ask the app to load a scenario (by bundled name or path) for the form."""

        def __init__(self, name: str) -> None:
            self.name = name
            super().__init__()

    def __init__(self, scenario_name: str, scenario: Scenario | None = None) -> None:
        """Without `scenario` the form waits for `show_scenario` (the app reads it in the
        background); New game chosen meanwhile starts as soon as it arrives."""
        super().__init__()
        preset_breakpoints(self)
        self.scenario_name = scenario_name
        self.scenario = scenario
        self.start_when_ready = False
        self.form_behind = False  # the seats and summary wait for the player's return

    def compose(self) -> ComposeResult:
        bundled = list(bundled_scenarios())
        with VerticalScroll(id="start-body"):
            yield Static(Text(BANNER, Style(bold=True)), id="banner")
            yield Static(Text(TAGLINE, Style(italic=True, dim=True)), id="tagline")
            with Horizontal(id="start-buttons"):
                yield Button("Learn to play", id="learn", variant="success")
                yield Button("New game", id="new", variant="primary")
                yield Button("Resume…", id="resume")
                yield Button("Load file", id="load")
                yield Button("Watch replay", id="watch")
                yield Button("Help", id="help")
                yield Button("Quit", id="quit", variant="error")
            with Grid(id="start-form"):
                yield Label("Scenario")
                yield Choice(bundled, self.scenario_name if self.scenario_name in bundled
                             else bundled[0], id="scenario")
                if served_of(self.app) is None:  # a browser names no file on the server
                    yield Label("or file")
                    yield Input(placeholder="path/to/scenario.yaml, then Enter",
                                id="scenario-path")
                yield Label("Mode")
                yield Choice(MODES, "solo", id="mode")
                yield Label("Turn order")
                yield Choice(ORDERS, "sequential", id="order")
                yield Label("Seed")
                yield Input(str(fresh_seed()), type="integer", id="seed",
                            tooltip="a new seed each time; type one to replay a game")
            yield Label("Seats  [dim](←/→ or a click changes a seat)[/]", classes="section")
            yield Grid(*self._seat_widgets(self.scenario), id="seats")
            yield Static(self._summary(self.scenario) if self.scenario else
                         Text(f"Reading {self.scenario_name}…", Style(dim=True)), id="summary")
        yield CaspianFooter()

    def on_mount(self) -> None:
        self.query_one("#new", Button).focus()

    @staticmethod
    def _seat_widgets(scenario: Scenario | None) -> list[Widget]:
        """A label and a seat picker per actor."""
        if scenario is None:
            return []
        defaults = default_seats(scenario)
        widgets: list[Widget] = []
        for actor_id, actor in scenario.actors.items():
            widgets.append(Label(Text(f"{actor_id} {actor.name}", Style(color=actor.colour))))
            widgets.append(Choice(SEAT_CHOICES, defaults[actor_id], id=f"seat-{actor_id}"))
        return widgets

    @staticmethod
    def _summary(scenario: Scenario) -> Text:
        cal = scenario.calendar
        summary = Text(f"{scenario.title}\n", Style(bold=True))
        summary.append(f"{cal.turns} turns, {cal.label(1)} to {cal.label(cal.turns)} · "
                       f"{len(scenario.actors)} actors\n", Style(dim=True))
        summary.append(" ".join(scenario.summary.split()))
        return summary

    async def show_scenario(self, name: str, scenario: Scenario) -> None:
        """Fill the seat pickers and the summary for a (newly) chosen scenario.

        If New game was chosen while it was read, the game starts at once with the default
        seats, and the form is filled when the player comes back to this screen: mounting
        it first would hold up the game screen's first frame.
        """
        self.scenario_name, self.scenario = name, scenario
        if self.start_when_ready:
            self.start_when_ready = False
            self.form_behind = True
            self.action_new()
            return
        await self._fill_form(scenario)

    async def on_screen_resume(self) -> None:
        if self.form_behind and self.scenario is not None:
            await self._fill_form(self.scenario)

    async def _fill_form(self, scenario: Scenario) -> None:
        self.form_behind = False
        seats = self.query_one("#seats", Grid)
        await seats.remove_children()
        await seats.mount_all(self._seat_widgets(scenario))
        self.query_one("#summary", Static).update(self._summary(scenario))

    def choice(self) -> NewGame:
        assert self.scenario is not None, "New game waits for the scenario"
        picked = {c.id: c.value for c in self.query_one("#seats", Grid).query(Choice)}
        seats = {a: picked.get(f"seat-{a}", default)
                 for a, default in default_seats(self.scenario).items()}
        seed_text = self.query_one("#seed", Input).value.strip()
        seed = abs(int(seed_text)) if seed_text.lstrip("-").isdigit() else 1
        if seed >= SEED_LIMIT:  # its save could not be read back
            raise CaspianError(f"the seed must be a whole number below {SEED_LIMIT:,}")
        return NewGame(scenario=self.scenario_name, seats=seats,
                       mode=self.query_one("#mode", Choice).value,
                       order=self.query_one("#order", Choice).value, seed=seed)

    def on_choice_changed(self, event: Choice.Changed) -> None:
        if event.choice.id == "scenario" and event.value != self.scenario_name:
            self.post_message(self.ScenarioWanted(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "scenario-path" and event.value.strip():
            self.post_message(self.ScenarioWanted(event.value.strip()))
        elif event.input.id == "seed":
            self.action_new()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"new": self.action_new, "learn": self.action_learn,
                   "resume": self.action_resume,
                   "load": self.action_load, "watch": self.action_watch,
                   "help": self.action_help,
                   "quit": self.app.exit}
        actions[event.button.id or "new"]()

    def action_new(self) -> None:
        if self.scenario is None:
            self.start_when_ready = True
            return
        try:
            choice = self.choice()
        except CaspianError as exc:
            self.notify(str(exc), severity="error")
            return
        if choice.mode != "classroom" or served_of(self.app) is not None:
            self.post_message(self.Start(choice))
            return
        from caspian_tabletop.tui.screens.passphrase import ChoosePassphraseDialog

        self.app.push_screen(ChoosePassphraseDialog(
            "Facilitator: choose the passphrase that opens your panel (odds, secret orders, "
            "rulings). Teams at the keyboard cannot open it without it. It is asked again "
            "after a resume; the save keeps only a hash of it."),
            lambda lock: self._start_locked(choice, lock))

    def _start_locked(self, choice: NewGame, lock: str | None) -> None:
        if lock is not None:
            self.post_message(self.Start(replace(choice, facilitator_lock=lock)))

    def action_help(self) -> None:
        from caspian_tabletop.tui.screens.help import HelpScreen  # not needed to start

        self.app.push_screen(HelpScreen())

    def action_learn(self) -> None:
        """A first game of the tutorial with the coach (whatever the form says)."""
        self.post_message(self.Learn())

    def action_resume(self) -> None:
        self.post_message(self.Resume())

    def action_load(self) -> None:
        self.post_message(self.Load())

    def action_watch(self) -> None:
        self.post_message(self.Watch())
