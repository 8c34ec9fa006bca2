"""Replays and saves: one verifiable, branchable YAML format (docs/replay-format.md).

`to_replay` captures a game, `save_replay` writes it atomically, `load_replay` reads it back
with line numbers for every problem, and `replay_game` rebuilds the game at any turn.

Each name is imported from its module on first use (PEP 562), so that a game can start
without them: the replay models, YAML reading and writing are loaded when it is first
saved, after its screen is drawn.  Seats are a domain notion (`domain.seats`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from caspian_tabletop.replay.capture import branch, to_replay
    from caspian_tabletop.replay.errors import ReplayFileError
    from caspian_tabletop.replay.fingerprint import scenario_hash
    from caspian_tabletop.replay.reader import load_replay, resolve_replay
    from caspian_tabletop.replay.runner import replay_game, run_replay
    from caspian_tabletop.replay.schema import Replay
    from caspian_tabletop.replay.writer import dump_replay, save_replay

_MODULE_OF = {
    "Replay": "schema",
    "ReplayFileError": "errors",
    "branch": "capture",
    "dump_replay": "writer",
    "load_replay": "reader",
    "replay_game": "runner",
    "resolve_replay": "reader",
    "run_replay": "runner",
    "save_replay": "writer",
    "scenario_hash": "fingerprint",
    "to_replay": "capture",
}

__all__ = [
    "Replay",
    "ReplayFileError",
    "branch",
    "dump_replay",
    "load_replay",
    "replay_game",
    "resolve_replay",
    "run_replay",
    "save_replay",
    "scenario_hash",
    "to_replay",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
