"""Opening games: the one set of factories the CLI and the TUI make sessions with.

Each game autosaves to its own file (saves.py) and is locked by the process playing it, so two
windows never overwrite each other's game, a new game never replaces an unfinished one, and a
saved file is verified before it is played on (Session.from_replay).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from caspian_tabletop import paths, saves
from caspian_tabletop.domain.seats import Seat
from caspian_tabletop.locks import GameLock
from caspian_tabletop.session import Asker, Session

if TYPE_CHECKING:
    from caspian_tabletop.replay.schema import Replay
    from caspian_tabletop.scenario.schema import Scenario


def prepare() -> None:
    """Make the games folder and the saves folder (where Save suggests files) and tidy them:
    an old single autosave becomes a game of its own, and temporary files a crash left
    behind are removed.  A data folder that cannot be written is not an error here: the
    game will say that it is not being saved."""
    try:
        saves.games_dir().mkdir(parents=True, exist_ok=True)
        saves.saves_dir().mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    saves.adopt_legacy_autosave()
    saves.clean_leftovers()


def scenario_file_of(path: Path, scenario: Scenario) -> str | None:
    """What a save records of its scenario's file: nothing for a bundled scenario (found by
    id wherever the game is installed), else the file's absolute path."""
    return None if paths.bundled_scenarios().get(scenario.id) == path else str(path.resolve())


def new_session(scenario: Scenario, scenario_path: Path, seats: Mapping[str, Seat], *,
                seed: int, order: str = "sequential", mode: str = "solo",
                autosave: bool = True, key: bytes | None = None, ask: Asker | None = None,
                save_now: bool = True) -> Session:
    """A new game in a new autosave file of its own."""
    path, lock = _new_file(scenario.id) if autosave else (None, None)
    return Session.start(scenario, seats, seed, order, mode, path, ask,
                         scenario_file=scenario_file_of(scenario_path, scenario),
                         save_now=save_now, key=key, lock=lock)


def resume_session(wanted: str | None = None, *, autosave: bool = True,
                   key: bytes | None = None, ask: Asker | None = None) -> Session:
    """An autosaved game (by id, or the most recent unfinished one), played on in its file.

    Raises GameOpenError if another process is playing it, a ReplayError if it cannot be
    read or does not verify (the file is left as it is)."""
    from caspian_tabletop.replay import load_replay

    prepare()
    found = saves.find_game(wanted)
    lock = saves.lock_game(found.path) if autosave else None
    try:
        return Session.from_replay(load_replay(found.path), found.path if autosave else None,
                                   ask, key=key, lock=lock)
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def load_session(file: str | Path, *, autosave: bool = True, key: bytes | None = None,
                 ask: Asker | None = None) -> Session:
    """A save or replay file, verified, played on in a new autosave file (the file itself is
    never written)."""
    from caspian_tabletop.replay import load_replay, resolve_replay

    replay = load_replay(resolve_replay(file), source=str(file))
    return open_replay(replay, autosave=autosave, key=key, ask=ask)


def open_replay(replay: Replay, seats: Mapping[str, Seat] | None = None, *,
                autosave: bool = True, key: bytes | None = None,
                ask: Asker | None = None) -> Session:
    """A replay in memory (a loaded file, a branch), verified and played on with `seats`
    (default: its own) in a new autosave file."""
    session = Session.from_replay(replay, key=key, ask=ask)
    if seats is not None:
        session.set_seats(seats)
    if autosave:
        save_in_new_file(session)
    return session


def save_in_new_file(session: Session) -> None:
    """Give a session opened without autosave a new autosave file of its own, and save it.

    For a caller that settles the seats first (`play --load FILE --actor X`): a seat it then
    refuses leaves no game behind in the saves list."""
    session.autosave_path, session.lock = _new_file(session.game.scenario.id)
    session.autosave()


def _new_file(scenario_id: str) -> tuple[Path, GameLock | None]:
    prepare()
    path = saves.new_game_path(scenario_id)
    return path, saves.lock_game(path)
