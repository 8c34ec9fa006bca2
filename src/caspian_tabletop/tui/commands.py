"""Command palette entries (Ctrl+P): the game's useful actions by name."""

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
APP_COMMANDS = (
    ("Help: keys and rules", "help", "the rulebook"),
    ("Toggle theme", "toggle_theme", "dark or light"),
    ("Projector theme", "toggle_projector", "high contrast, bold, roomy (F9)"),
    ("Open a replay in the viewer", "watch", "step through a replay file and branch it"),
    ("New game", "new_game", "back to the start screen"),
)


class CaspianCommands(Provider):
    """Game commands when a game screen is open, app commands always."""

    def _commands(self) -> list[tuple[str, str, str]]:
        from caspian_tabletop.tui.screens.game import GameScreen  # loaded with the first game

        out = []
        if isinstance(self.screen, GameScreen):
            out += [(name, f"screen.{action}", helptext)
                    for name, action, helptext in GAME_COMMANDS]
        out += [(name, f"app.{action}", helptext) for name, action, helptext in APP_COMMANDS]
        return out

    async def discover(self) -> Hits:
        for name, action, helptext in self._commands():
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=helptext)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, helptext in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action),
                          help=helptext)
