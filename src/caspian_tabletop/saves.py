"""Where games are kept: one autosave file per game, locked while a process plays it.

Under the data folder (platformdirs' user data folder, or `$CASPIAN_TABLETOP_HOME` for tests,
portable installs and each browser session of `serve`):

- `games/<scenario>-<YYYYMMDD-HHMM>-<id>.yaml`: each game's autosave, a replay file;
- `games/<same name>.lock`: held (an OS lock) by the process playing that game, its pid inside,
  so a second window gets "open in another window" instead of overwriting it;
- `saves/`: where the Save dialog suggests files.

Nothing here replaces a file it did not write: a game that cannot be read is listed as such
and left alone.
"""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from caspian_tabletop import files
from caspian_tabletop.domain.errors import CaspianError, ReplayError
from caspian_tabletop.locks import GameLock, holder_of

HOME_ENV = "CASPIAN_TABLETOP_HOME"
LEGACY_AUTOSAVE = "autosave.yaml"  # the one autosave slot of earlier versions
# Short ids read aloud and typed: no 0/o, 1/l/i.
ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
ID_LENGTH = 6
LEFTOVER_AGE = 3600.0  # seconds: a temporary file this old is no write in progress


def data_dir() -> Path:
    home = os.environ.get(HOME_ENV)
    return Path(home) if home else platformdirs.user_data_path("caspian-tabletop")


def games_dir() -> Path:
    return data_dir() / "games"


def saves_dir() -> Path:
    return data_dir() / "saves"


def new_game_path(scenario_id: str, now: float | None = None) -> Path:
    """A fresh autosave file name for a new game of `scenario_id` (not created here)."""
    stamp = time.strftime("%Y%m%d-%H%M", time.localtime(now))
    while True:
        game_id = "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))
        path = games_dir() / f"{scenario_id}-{stamp}-{game_id}.yaml"
        if not path.exists():
            return path


def game_id(path: Path) -> str:
    """The short id at the end of an autosave's name (its stem for other names)."""
    return path.stem.rsplit("-", 1)[-1]


@dataclass(frozen=True)
class SavedGame:
    """One autosaved game as `saves` and the Resume list show it."""

    path: Path
    id: str
    last_played: float  # the file's modification time
    scenario: str = "?"
    title: str | None = None
    turn: int = 0
    date: str = ""
    humans: tuple[str, ...] = ()
    finished: bool = False
    problem: str | None = None  # why it cannot be read
    open_by: int | None = None  # pid of another process playing it

    @property
    def playable(self) -> bool:
        return self.problem is None and not self.finished


def list_games() -> list[SavedGame]:
    """Every autosaved game, the most recently played first."""
    from caspian_tabletop.replay import load_replay  # replay models: only when listing

    folder = games_dir()
    adopt_legacy_autosave()
    found = []
    for path in folder.glob("*.yaml") if folder.is_dir() else ():
        if not path.is_file() or path.name.startswith("."):
            continue
        base = {"path": path, "id": game_id(path), "last_played": path.stat().st_mtime,
                "open_by": holder_of(path)}
        try:
            replay = load_replay(path)
        except CaspianError as exc:
            found.append(SavedGame(**base, problem=_short(exc, path)))  # type: ignore[arg-type]
            continue
        last = replay.turns[-1] if replay.turns else None
        found.append(SavedGame(
            **base, scenario=replay.scenario.id, title=replay.title,  # type: ignore[arg-type]
            turn=last.turn if last else 0, date=last.date or "" if last else "",
            humans=tuple(f"{a} {s.partition(' ')[2]}" for a, s in replay.seats.items()
                         if s.startswith("human")),
            finished=bool(replay.finished)))
    return sorted(found, key=lambda g: (-g.last_played, g.id))


def _short(exc: CaspianError, path: Path) -> str:
    """The first problem of a save that cannot be read, without its file name."""
    first = (str(exc).splitlines() or [type(exc).__name__])[0]
    where, _, message = first.removeprefix(f"{path}:").partition(": error: ")
    line = where.split(":")[0]
    return f"line {line}: {message}" if message and line.isdigit() else message or first


def find_game(wanted: str | None) -> SavedGame:
    """The game to resume: by id (or a unique start of one, or its file name), else the
    most recently played unfinished game that no other window has open."""
    games = list_games()
    if wanted is None:
        for game in games:
            if game.playable and game.open_by is None:
                return game
        busy = [g for g in games if g.playable]
        if busy:
            raise ReplayError(f"error: every unfinished game is open in another window "
                              f"({', '.join(f'{g.id}: pid {g.open_by}' for g in busy)}); close "
                              "it there first, or start a new game")
        raise ReplayError("error: no unfinished game to resume (start one with "
                          "`caspian-tabletop play`; `caspian-tabletop saves` lists them)")
    key = wanted.strip().lower()
    matches = [g for g in games if g.id == key or g.path.name == wanted
               or g.path.stem == wanted]
    matches = matches or [g for g in games if g.id.startswith(key) and key]
    if not matches:
        raise ReplayError(f"error: no saved game {wanted!r} (`caspian-tabletop saves` lists "
                          "them)")
    if len(matches) > 1:
        ids = ", ".join(sorted(g.id for g in matches))
        raise ReplayError(f"error: {wanted!r} could be any of {ids}; give more of the id")
    game = matches[0]
    if game.problem is not None:
        raise ReplayError(f"{game.path}: error: this save cannot be read ({game.problem})")
    return game


def lock_game(path: Path) -> GameLock | None:
    """Hold `path`'s game for this process; None when its folder cannot be written (the game
    then goes on unsaved, and says so). Raises `GameOpenError` if another process has it."""
    lock = GameLock(path)
    return lock if lock.acquire() else None


def adopt_legacy_autosave() -> Path | None:
    """Move the single autosave of earlier versions into `games/` as a game of its own."""
    legacy = saves_dir() / LEGACY_AUTOSAVE
    if not legacy.is_file() or legacy.is_symlink():
        return None
    try:
        target = new_game_path("autosave", legacy.stat().st_mtime)
        target.parent.mkdir(parents=True, exist_ok=True)
        files.move_new(legacy, target)
    except (OSError, files.OutputError):
        return None
    return target


def clean_leftovers() -> list[Path]:
    """Remove temporary files that a crash left in the games and saves folders.

    A temporary file is named `.<target>.<random>.tmp` next to its target.  One of a game's
    autosave is removed unless that game is open in a live process; any other once it is old
    enough that no write can still be going on.  Returns what was removed.
    """
    removed = []
    now = time.time()
    for folder in (games_dir(), saves_dir()):
        for temp in sorted(folder.glob(".*.tmp")) if folder.is_dir() else ():
            target = folder / temp.name[1:].rsplit(".", 2)[0]
            try:
                if not temp.is_file() or temp.is_symlink():
                    continue
                if folder == games_dir():
                    in_use = holder_of(target) is not None
                else:
                    in_use = now - temp.stat().st_mtime < LEFTOVER_AGE
                if in_use:
                    continue
                temp.unlink()
            except OSError:
                continue
            removed.append(temp)
    return removed
