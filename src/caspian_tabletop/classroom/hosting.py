"""Opening a class to host: new or resumed, with fresh join codes, locked to one server.

A resumed class is read back from the store and its game verified like any save (every
digest), so a store edited by hand is refused rather than played on.  Each start issues new
codes (the store keeps only digests, so old ones cannot be shown again) and, unless asked to
keep them, revokes every token the old codes gave: new codes mean that whoever held the old
ones is out, as a facilitator who restarts after a leaked key expects.  Keeping them
(`host --resume CLASS --keep-tokens`) lets devices already in come back by themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from caspian_tabletop import saves
from caspian_tabletop.classroom import codes
from caspian_tabletop.classroom.room import FACILITATOR, PROJECTOR, ClassRoom, Role, RoomState
from caspian_tabletop.classroom.store import ClassStore, StoreError
from caspian_tabletop.locks import GameLock, GameOpenError
from caspian_tabletop.scenario.schema import Scenario


def store_path() -> Path:
    return saves.data_dir() / "classes" / "classes.sqlite3"


@dataclass(frozen=True)
class Codes:
    """The codes to hand out: one per team, the projector's, and the facilitator's key."""

    teams: dict[str, str]
    projector: str
    facilitator: str


@dataclass
class Hosted:
    room: ClassRoom
    store: ClassStore
    codes: Codes
    lock: GameLock

    def close(self) -> None:
        self.lock.release()
        self.store.close()


def new_class(store: ClassStore, scenario: Scenario, teams: Mapping[str, str], *,
              bots: str, seed: int, scenario_path: Path) -> Hosted:
    class_id = codes.new_class_id()
    lock = _lock(store, class_id)
    try:
        room = ClassRoom.new(class_id, scenario, teams, bots=bots, seed=seed,
                             scenario_path=scenario_path)
        store.create(class_id, room.session.scenario_file or scenario.id, room.state.to_json(),
                     room.session.save_text())
        return Hosted(room, store, issue_codes(store, room), lock)
    except BaseException:
        lock.release()
        raise


def resume_class(store: ClassStore, class_id: str, *, keep_tokens: bool = False) -> Hosted:
    """A stored class as it was at its last accepted action, with new codes; the tokens
    given before are revoked unless `keep_tokens`."""
    from caspian_tabletop.games import open_replay
    from caspian_tabletop.replay.reader import parse_replay

    stored = store.load(class_id)
    lock = _lock(store, class_id)
    try:
        replay = parse_replay(stored.save.encode("utf-8"), f"class {class_id}")
        session = open_replay(replay, autosave=False)  # verified: every digest
        room = ClassRoom(class_id, session, RoomState.from_json(stored.room))
        sealed = len(session.game.orders)
        room.seal_ai_orders()  # none if the AI seats had sealed theirs before the server stopped
        if len(session.game.orders) != sealed:
            store.record(class_id, room.state.to_json(), session.save_text(), "host",
                         "AI seats sealed their orders")
        return Hosted(room, store, issue_codes(store, room, keep_tokens=keep_tokens), lock)
    except BaseException:
        lock.release()
        raise


def issue_codes(store: ClassStore, room: ClassRoom, *, keep_tokens: bool = False) -> Codes:
    """New codes for every team, the projector and the facilitator (see module docstring
    for the tokens)."""
    teams = {actor: codes.team_code(actor) for actor in room.state.teams}
    issued = Codes(teams, codes.projector_code(), codes.facilitator_key())
    roles: dict[str, Role] = {codes.code_digest(c): Role("team", a) for a, c in teams.items()}
    roles[codes.code_digest(issued.projector)] = PROJECTOR
    roles[codes.code_digest(issued.facilitator)] = FACILITATOR
    store.replace_codes(room.class_id, roles, keep_tokens=keep_tokens)
    return issued


def _lock(store: ClassStore, class_id: str) -> GameLock:
    """Only one server hosts a class at a time (GameOpenError names the other)."""
    lock = GameLock(store.path.parent / class_id)
    try:
        lock.acquire()
    except GameOpenError as exc:
        who = f" (pid {exc.pid})" if exc.pid else ""
        raise StoreError(f"class {class_id} is being hosted by another server{who}; stop "
                         "that one first") from None
    return lock
