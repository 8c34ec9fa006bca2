"""Command palette entries (Ctrl+P): the game's useful actions, found by name or by what
they do."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

GAME_COMMANDS = (
    ("Advisor: best moves now", "advisor", "the top three options with reasons"),
    ("Undo my last move", "undo", "take back your last move"),
    ("Save replay", "save", "save the game as a replay file"),
    ("Move builder", "focus_builder", "choose a move from the legal ones"),
    ("Profile of the highlighted actor", "profile", "briefing, navy and sources"),
    ("Facilitator panel", "facilitator", "odds, overrides, events, undo, timer (passphrase)"),
    ("Pause the game", "pause", "cover the board and stop the turn timer"),
    ("Watch this game as a replay", "watch", "step through the game so far"),
)
START_COMMANDS = (
    ("Start a new game", "new", "with the scenario, seats and seed chosen here"),
    ("Resume a saved game", "resume", "continue an autosaved game"),
    ("Load a save or replay file", "load", "play on from a file"),
)
APP_COMMANDS = (
    ("Help: keys and rules", "help", "the rulebook"),
    ("Toggle theme", "toggle_theme", "dark or light"),
    ("Projector theme", "toggle_projector", "high contrast, bold, roomy (F9)"),
    ("Open a replay in the viewer", "watch", "step through a replay file and branch it"),
    ("New game", "new_game", "back to the start screen to start another"),
)


class CaspianCommands(Provider):
    """Game commands when a game screen is open, app commands always."""

    def _commands(self) -> list[tuple[str, str, str]]:
        from caspian_tabletop.tui.screens.game import GameScreen  # loaded with the first game
        from caspian_tabletop.tui.screens.start import StartScreen

        out = []
        if isinstance(self.screen, GameScreen):
            out += [(name, f"screen.{action}", helptext)
                    for name, action, helptext in GAME_COMMANDS]
        if isinstance(self.screen, StartScreen):
            out += [(name, f"screen.{action}", helptext)
                    for name, action, helptext in START_COMMANDS]
        out += [(name, f"app.{action}", helptext) for name, action, helptext in APP_COMMANDS]
        return out

    async def discover(self) -> Hits:
        for name, action, helptext in self._commands():
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=helptext)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, helptext in self._commands():
            # A player types what they want ("start"), not always the command's name.
            score = max(matcher.match(name), matcher.match(helptext) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action),
                          help=helptext)
