"""The bot protocol: given a game and the actor it plays, a bot returns a legal move.

A bot's random generator is injected when it is made, so the same seed gives the same
choices.  Bots also answer trade offers made to the actor they play.
"""

from __future__ import annotations

from typing import Protocol

from caspian_tabletop.domain.moves import Move
from caspian_tabletop.engine.game import Game, objective_responder


class Bot(Protocol):
    strength: str

    def choose(self, game: Game, actor: str) -> Move:
        """A legal move for `actor` in the game's current state."""
        ...

    def answer(self, game: Game, move: Move) -> bool:
        """Whether the partner this bot plays accepts the trade `move`."""
        ...


class ObjectiveAnswers:
    """Every bot answers trade offers the same way: from the partner's own objectives."""

    def answer(self, game: Game, move: Move) -> bool:
        return objective_responder(game, move)
