"""Uniformly random legal moves: the baseline every stronger bot must beat."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from caspian_tabletop.ai.protocol import ObjectiveAnswers
from caspian_tabletop.domain.moves import Move
from caspian_tabletop.engine.game import Game


@dataclass
class RandomBot(ObjectiveAnswers):
    rng: np.random.Generator
    strength: str = "random"

    def choose(self, game: Game, actor: str) -> Move:
        moves = game.legal_moves(actor)
        return moves[int(self.rng.integers(len(moves)))]
