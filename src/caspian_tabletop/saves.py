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
from caspian_tabletop.locks import GameLock, LockFileError, holder_of

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
    folder = games_dir()
    adopt_legacy_autosave()
    found = [_listed(path) for path in (folder.glob("*.yaml") if folder.is_dir() else ())
             if path.is_file() and not path.name.startswith(".")]
    return sorted(found, key=lambda g: (-g.last_played, g.id))


def _listed(path: Path) -> SavedGame:
    """One game as listed; a save or lock that cannot be read is its `problem`."""
    from caspian_tabletop.replay import load_replay  # replay models: only when listing

    base = {"path": path, "id": game_id(path), "last_played": path.stat().st_mtime}
    try:
        base["open_by"] = holder_of(path)
        replay = load_replay(path)
    except LockFileError as exc:
        return SavedGame(**base, problem=f"its lock file {exc.why}")  # type: ignore[arg-type]
    except CaspianError as exc:
        return SavedGame(**base, problem=_short(exc, path))  # type: ignore[arg-type]
    last = replay.turns[-1] if replay.turns else None
    return SavedGame(
        **base, scenario=replay.scenario.id, title=replay.title,  # type: ignore[arg-type]
        turn=last.turn if last else 0, date=last.date or "" if last else "",
        humans=tuple(f"{a} {s.partition(' ')[2]}" for a, s in replay.seats.items()
                     if s.startswith("human")),
        finished=bool(replay.finished))


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
        holder_of(game.path)  # a lock file that is not one is named by its own error
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

    A temporary file's name begins with `files.temp_prefix` of its target's.  One of a game
    is removed unless that game is open in a live process; any other once it is old enough
    that no write can still be going on.  Returns what was removed.
    """
    removed = []
    now = time.time()
    for folder in (games_dir(), saves_dir()):
        temps = sorted(folder.glob(".*.tmp")) if folder.is_dir() else []
        # Listed after the temporary files: a game's lock exists before its first write.
        games = _games_by_prefix(folder) if folder == games_dir() else None
        for temp in temps:
            try:
                if not temp.is_file() or temp.is_symlink() or _in_use(temp, games, now):
                    continue
                temp.unlink()
            except OSError:
                continue
            removed.append(temp)
    return removed


def _games_by_prefix(folder: Path) -> dict[str, Path]:
    """Every game in `folder` (by its save or its lock) by the prefix of its temporary
    files; a game being played always has its lock file."""
    names = {p.name for p in folder.glob("*.yaml")}
    names |= {p.name.removesuffix(".lock") for p in folder.glob("*.yaml.lock")}
    return {files.temp_prefix(name): folder / name for name in names}


def _in_use(temp: Path, games: dict[str, Path] | None, now: float) -> bool:
    """Whether a temporary file may still be written: its game (`games`: those of the games
    folder, None elsewhere) is held, or it is recent and does not say whose it is."""
    owner = next((path for prefix, path in (games or {}).items()
                  if temp.name.startswith(prefix)), None)
    if owner is not None:
        try:
            return holder_of(owner) is not None
        except LockFileError:
            return True  # cannot tell: keep it
    if games is not None and files.TEMP_NAME.fullmatch(temp.name):
        return False  # it names a game that has no lock, so nobody is playing it
    return now - temp.stat().st_mtime < LEFTOVER_AGE
