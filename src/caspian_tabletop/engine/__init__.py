"""The rules engine: legality, resolution, chance, scoring and explanations over a batch axis.

Public API: `load_scenario`, `new_game`, `Game` (legal_moves, play, undo, scores,
explanations, is_over), `Move` and `parse_move`.
"""

from __future__ import annotations

from caspian_tabletop.domain.moves import Move, MoveKind, parse_move
from caspian_tabletop.engine.game import Game, Preview, new_game
from caspian_tabletop.engine.records import Record

__all__ = ["Game", "Move", "MoveKind", "Preview", "Record", "new_game", "parse_move"]
