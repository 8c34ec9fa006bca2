"""The Caspian Tabletop Textual app: start screen, game screen, dialogs, command palette.

Sessions are made here from the start screen's and the replay viewer's messages; every
failure to read a scenario, a save or a replay becomes an error dialog listing its problems.

The start screen needs only Textual and the scenario reader.  The engine, sessions and the
game screen (numpy among them) are imported when first needed, and meanwhile by a
background thread started once the start screen is drawn, so it appears without them.
Replay files (YAML, the replay models) load when first used: for a new game, at its first
autosave, once its screen is drawn.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.command import Provider

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.paths import DEFAULT_SCENARIO, bundled_scenarios, scenarios_dir
from caspian_tabletop.startup import resume_collector
from caspian_tabletop.tui.keymap import load_keymap
from caspian_tabletop.tui.screens.dialogs import ErrorDialog, PathDialog
from caspian_tabletop.tui.screens.start import StartScreen
from caspian_tabletop.tui.served import Served, bundled_replays
from caspian_tabletop.tui.setup import (
    COACHED_SCENARIO,
    coached_game,
    load_session,
    new_session,
    read_scenario,
    resume_session,
    warm_up,
)
from caspian_tabletop.tui.themes import PROJECTOR

if TYPE_CHECKING:
    from caspian_tabletop.saves import SavedGame
    from caspian_tabletop.scenario.schema import Scenario
    from caspian_tabletop.session import Session
    from caspian_tabletop.tui.screens.replay_viewer import ReplayScreen

FileErrors = (CaspianError, OSError, ValueError)
HISTORICAL_REPLAY = scenarios_dir() / "replays" / "historical-2020-2021.yaml"


@cache
def _scenario(name: str) -> Scenario:
    return read_scenario(name)


def _commands() -> type[Provider]:
    from caspian_tabletop.tui.commands import CaspianCommands

    return CaspianCommands


def _lines(exc: Exception) -> list[str]:
    return str(exc).splitlines() or [type(exc).__name__]


class CaspianApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Caspian Tabletop"
    COMMANDS = App.COMMANDS | {_commands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (190, "-roomy")]
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
                Binding("f9", "toggle_projector", "Projector", id="app.projector")]

    def __init__(self, scenario: str | None = None, autosave: bool = True,
                 key: bytes | None = None, served: Served | None = None,
                 compare_games: int | None = None, keymap: dict[str, str] | None = None
                 ) -> None:
        """`key`: the class key that signs this app's saves (see keys.py); `served`: set in
        a browser session of `serve`; `compare_games`: the simulated games a finished game
        is compared with (0: none; None: the usual number)."""
        super().__init__()
        self.compare_games = compare_games
        self.player_keymap = keymap or {}
        self.scenario_name = scenario or DEFAULT_SCENARIO
        self.autosave = autosave
        self.key = key
        self.served = served
        self.register_theme(PROJECTOR)
        self.theme_before_projector = self.theme

    def on_mount(self) -> None:
        """Show the start screen at once; its scenario is read behind it (see `_prepare`)."""
        if self.player_keymap:
            self.set_keymap(self.player_keymap)
        self.push_screen(StartScreen(self.scenario_name))
        self.call_after_refresh(self._prepare)

    @work(thread=True, group="warm-up")
    def _prepare(self) -> None:
        """Read the start screen's scenario (falling back to the default one), then import
        what a game needs, all off the UI thread."""
        name, error = self.scenario_name, None
        try:
            scenario = _scenario(name)
        except FileErrors as exc:
            name, error = DEFAULT_SCENARIO, exc
            scenario = _scenario(DEFAULT_SCENARIO)
        self.call_from_thread(self._scenario_ready, name, scenario, error)
        warm_up()
        self.call_from_thread(self._warmed_up)

    def _scenario_ready(self, name: str, scenario: Scenario, error: Exception | None) -> None:
        start = next((s for s in self.screen_stack if isinstance(s, StartScreen)), None)
        if start is not None and start.scenario is None:  # not replaced by the player's pick
            start.call_later(start.show_scenario, name, scenario)
        if error is not None:
            self.show_error(f"Could not load the scenario {self.scenario_name}", error)

    def _warmed_up(self) -> None:
        """The game's modules are loaded: the collector, paused since launch, runs again
        (`startup`)."""
        resume_collector()

    def on_unmount(self) -> None:
        """Should the app close before the collector was resumed, resume it here."""
        resume_collector()

    def show_error(self, title: str, exc: Exception) -> None:
        self.push_screen(ErrorDialog(title, _lines(exc)))

    def play(self, session: Session, coached: bool = False) -> None:
        from caspian_tabletop.tui.screens.game import GameScreen

        self.push_screen(GameScreen(session, coached=coached))
        for warning in session.warnings:  # a save read under a newer scenario, say
            self.notify(warning, severity="warning", timeout=12)

    # ----- start screen messages ----------------------------------------------------
    async def on_start_screen_scenario_wanted(self, message: StartScreen.ScenarioWanted,
                                              ) -> None:
        if (self.served is not None and message.name not in bundled_scenarios()
                and message.name != self.scenario_name):
            self.show_error("Scenario files cannot be opened from a browser",
                            CaspianError("choose one of the bundled scenarios"))
            return
        try:
            scenario = _scenario(message.name)
        except FileErrors as exc:
            self.show_error(f"Could not load the scenario {message.name}", exc)
            return
        if isinstance(self.screen, StartScreen):
            await self.screen.show_scenario(message.name, scenario)

    def on_start_screen_start(self, message: StartScreen.Start) -> None:
        try:
            session = new_session(message.choice, _scenario(message.choice.scenario),
                                  self.autosave, self.key)
        except FileErrors as exc:
            self.show_error("Could not start the game", exc)
            return
        self.play(session, coached=message.choice.coached)

    def on_start_screen_learn(self, _: StartScreen.Learn) -> None:
        try:
            choice = coached_game(_scenario(COACHED_SCENARIO))
        except FileErrors as exc:
            self.show_error("Could not start the coached game", exc)
            return
        self.on_start_screen_start(StartScreen.Start(choice))

    def on_start_screen_resume(self, _: StartScreen.Resume) -> None:
        from caspian_tabletop.tui.screens.saved_games import SavedGamesScreen

        self.push_screen(SavedGamesScreen(), self._resume)

    def _resume(self, chosen: SavedGame | None) -> None:
        if chosen is None:
            return
        if chosen.finished:
            self._watch(str(chosen.path))
            return
        try:
            session = resume_session(chosen.id, self.autosave, self.key)
        except FileErrors as exc:
            self.show_error(f"Could not resume the game {chosen.id}", exc)
            return
        self.play(session)

    def on_start_screen_load(self, _: StartScreen.Load) -> None:
        if self.served is None:
            self.push_screen(PathDialog("Load a save or replay file"), self._load)
            return
        from caspian_tabletop.tui.screens.file_choice import FileChoiceDialog

        self.push_screen(FileChoiceDialog(
            "Load a game saved in this browser", self.served.own_files(),
            "No saved games yet: press s during a game to save one."), self._load)

    def on_start_screen_watch(self, _: StartScreen.Watch) -> None:
        self.action_watch()

    def _watch(self, path: str | Path | None) -> None:
        if path is None:
            return
        from caspian_tabletop.replay import load_replay
        from caspian_tabletop.tui.screens.replay_viewer import ReplayScreen

        try:
            screen = ReplayScreen(load_replay(Path(path).expanduser()))
        except FileErrors as exc:
            self.show_error(f"Could not open the replay {path}", exc)
            return
        self.push_screen(screen)

    def on_replay_screen_branch(self, message: ReplayScreen.Branch) -> None:
        """Play on from the viewer's position with the chosen seats, in a new live game."""
        from caspian_tabletop import games
        from caspian_tabletop.replay import branch, replay_game
        from caspian_tabletop.tui.screens.game import GameScreen

        try:
            replay = branch(message.cut, replay_game(message.cut))
            session = games.open_replay(replay, message.seats, autosave=self.autosave,
                                        key=self.key)
        except FileErrors as exc:
            self.show_error("Could not branch the replay", exc)
            return
        self.switch_screen(GameScreen(session))

    def _load(self, path: str | Path | None) -> None:
        if path is None:
            return
        try:
            session = load_session(str(path), self.autosave, self.key)
        except FileErrors as exc:
            self.show_error(f"Could not load {path}", exc)
            return
        self.play(session)

    # ----- app actions ----------------------------------------------------------------
    def action_help(self) -> None:
        from caspian_tabletop.tui.screens.help import HelpScreen  # not needed to start

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.set_class(False, "-projector")
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_toggle_projector(self) -> None:
        """High contrast and roomier panels for a projector; again: back to the last theme."""
        on = self.theme != PROJECTOR.name
        if on:
            self.theme_before_projector = self.theme
        self.theme = PROJECTOR.name if on else self.theme_before_projector
        self.set_class(on, "-projector")

    def action_watch(self) -> None:
        """Open a replay file in the viewer (the shipped historical replay by default); in a
        browser, one of its own saves or a bundled replay."""
        if self.served is None:
            self.push_screen(PathDialog("Open a replay (or save) in the viewer",
                                        str(HISTORICAL_REPLAY)), self._watch)
            return
        from caspian_tabletop.tui.screens.file_choice import FileChoiceDialog

        self.push_screen(FileChoiceDialog("Watch a replay",
                                          bundled_replays() + self.served.own_files()),
                         self._watch)

    def action_new_game(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, StartScreen):
            self.pop_screen()


def run_tui(scenario: str | None = None, key: bytes | None = None) -> None:
    """Start the TUI (the `caspian-tabletop` command with no arguments, or one browser
    session of `serve`, which marks it in the environment)."""
    CaspianApp(scenario, key=key, served=Served.from_environment(),
               keymap=load_keymap()).run()
