"""Replays and saves: one verifiable, branchable YAML format (docs/replay-format.md).

`to_replay` captures a game, `save_replay` writes it atomically, `load_replay` reads it back
with line numbers for every problem, and `replay_game` rebuilds the game at any turn.
"""

from __future__ import annotations

from caspian_tabletop.replay.capture import branch, to_replay
from caspian_tabletop.replay.errors import ReplayFileError
from caspian_tabletop.replay.fingerprint import scenario_hash
from caspian_tabletop.replay.reader import load_replay, resolve_replay
from caspian_tabletop.replay.runner import replay_game, run_replay
from caspian_tabletop.replay.schema import Replay
from caspian_tabletop.replay.seats import Seat, parse_seat
from caspian_tabletop.replay.writer import dump_replay, save_replay

__all__ = [
    "Replay",
    "ReplayFileError",
    "Seat",
    "branch",
    "dump_replay",
    "load_replay",
    "parse_seat",
    "replay_game",
    "resolve_replay",
    "run_replay",
    "save_replay",
    "scenario_hash",
    "to_replay",
]
