"""Keys a player can remap: every binding worth remapping has an id, and a `keymap.yaml` in
the data folder maps ids to keys (Textual's keymap), for example

    game.advisor: ctrl+a
    game.move: m,space

A file with an unknown id or a value that is not a key list is refused with a located error
before the app starts, so a typo never leaves a key silently unbound.
"""

from __future__ import annotations

import re
from pathlib import Path

from caspian_tabletop.domain.errors import CaspianError, Problem, ScenarioError

KEYMAP_FILE = "keymap.yaml"

# Every binding id, with what the key does (for the file's errors and the README).
KEY_IDS: dict[str, str] = {
    "app.quit": "quit",
    "app.projector": "projector theme",
    "start.new": "start a new game",
    "start.learn": "learn to play (coached game)",
    "start.resume": "resume a saved game",
    "start.load": "load a save or replay file",
    "start.watch": "watch a replay",
    "start.help": "help",
    "game.move": "focus the move builder",
    "game.type": "type a move",
    "game.advisor": "advisor",
    "game.undo": "undo your last move",
    "game.profile": "profile of the highlighted actor",
    "game.log": "focus the log",
    "game.save": "save the game",
    "game.umpire": "facilitator panel",
    "game.help": "help",
    "game.coach_next": "coach: continue",
    "game.coach_leave": "coach: leave",
    "builder.back": "move builder: one step back",
    "end.save": "end screen: save the replay",
    "end.back": "end screen: back to the board",
    "end.new": "end screen: new game",
    "end.quit": "end screen: quit",
}

# A key list as Textual writes one: names such as `a`, `f2`, `ctrl+n`, `question_mark`.
_KEYS = re.compile(r"^[a-z0-9_+]+(,[a-z0-9_+]+)*$")


def keymap_path() -> Path:
    from caspian_tabletop.saves import data_dir  # with platformdirs: not needed to import

    return data_dir() / KEYMAP_FILE


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """The player's keymap (empty without a file); a located error for a bad one."""
    path = keymap_path() if path is None else path
    if not path.is_file():
        if path.exists():
            raise CaspianError(f"{path}: error: not a regular file")
        return {}
    from caspian_tabletop.scenario.yaml_loader import read_document  # only with a keymap

    document = read_document(path)
    problems = []
    for binding_id, keys in document.data.items():
        line, column = document.position((binding_id,), key=True)
        if binding_id not in KEY_IDS:
            problems.append(Problem(str(path), line, column, str(binding_id),
                                    "no key has this id",
                                    "ids: " + ", ".join(KEY_IDS)))
        elif not isinstance(keys, str) or not _KEYS.match(keys.replace(" ", "")):
            problems.append(Problem(str(path), *document.position((binding_id,)),
                                    str(binding_id), "expected keys such as `a`, `f2` or "
                                    "`ctrl+n`, several separated by commas"))
    if problems:
        raise ScenarioError(problems)
    return {str(k): str(v).replace(" ", "") for k, v in document.data.items()}
