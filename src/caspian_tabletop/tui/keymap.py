"""Keys a player can remap: every binding worth remapping has an id, and a `keymap.yaml` in
the data folder maps ids to keys (Textual's keymap), for example

    game.advisor: ctrl+a
    game.move: m,space

A file with an unknown id, or a key Textual has no name for (`ctlr+a`, `banana`), is refused
with a located error before the app starts, so a typo never leaves a key silently unbound.
A key is a single printable character, or one of Textual's key names (`f2`, `space`,
`question_mark`), after modifiers joined by `+` (`ctrl+shift+left`).
"""

from __future__ import annotations

from functools import cache
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

# The modifiers Textual puts in a key's name, in any order before the key.
MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_KEYS_EXPECTED = "expected keys such as `a`, `f2` or `ctrl+n`, several separated by commas"


@cache
def _key_names() -> frozenset[str]:
    """Every key name Textual gives a key event: its Keys, the names of printable
    characters (`question_mark`) and of the keys of the kitty keyboard protocol."""
    import string

    from textual._keyboard_protocol import FUNCTIONAL_KEYS
    from textual.keys import KEY_ALIASES, Keys, _character_to_key

    named = [key.value for key in Keys if not key.value.startswith("<")]
    named += [alias for aliases in KEY_ALIASES.values() for alias in aliases]
    named += list(FUNCTIONAL_KEYS.values())
    named += [_character_to_key(c) for c in string.printable if not c.isspace()]
    return frozenset(name.rpartition("+")[2] for name in named)


def _key_problem(key: str) -> str | None:
    """Why `key` is not a key Textual can bind, or None."""
    if len(key) == 1:  # a character: Textual names it itself (`?` is `question_mark`)
        if key == "+":
            return "`+` joins a modifier to a key; write `plus` for the + key"
        return None if key.isprintable() else f"{key!r} is not a printable character"
    *modifiers, name = key.split("+")
    wrong = [m for m in modifiers if m not in MODIFIERS]
    if wrong:
        return (f"`{key}`: `{wrong[0]}` is not a modifier (modifiers: "
                f"{', '.join(MODIFIERS)})")
    if len(set(modifiers)) < len(modifiers):
        return f"`{key}` names a modifier twice"
    if not name:
        return f"`{key}` has no key after its last +"
    if name not in _key_names():
        what = f"`{key}`: `{name}`" if modifiers else f"`{key}`"
        return f"{what} is not a key name; {_KEYS_EXPECTED}"
    return None


def _keys_problem(keys: object) -> str | None:
    """Why a keymap value is not a list of keys, or None."""
    if not isinstance(keys, str) or not keys.strip():
        return _KEYS_EXPECTED
    return next(filter(None, (_key_problem(k) for k in keys.replace(" ", "").split(","))),
                None)


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
        elif (problem := _keys_problem(keys)) is not None:
            problems.append(Problem(str(path), *document.position((binding_id,)),
                                    str(binding_id), problem))
    if problems:
        raise ScenarioError(problems)
    return {str(k): str(v).replace(" ", "") for k, v in document.data.items()}
