"""Where classes are kept: one SQLite file (the standard library's sqlite3, WAL mode).

Every accepted action is written, in one transaction, before the client hears that it was
accepted: the game's save text (an ordinary, verifiable save), the room's own state (sealed
orders, answers, pause, timer, team names) and a line of the class log.  Join codes and
tokens are kept only as their digests, and only the newest `TOKENS_PER_ROLE` tokens of a
role.  A killed server loses nothing it acknowledged, and
`host --resume` reads the class back from here.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caspian_tabletop.classroom.room import Role
from caspian_tabletop.domain.errors import CaspianError

SCHEMA = """
CREATE TABLE IF NOT EXISTS classes (
    id TEXT PRIMARY KEY,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    scenario TEXT NOT NULL,
    room TEXT NOT NULL,
    save TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS credentials (
    digest TEXT PRIMARY KEY,
    class_id TEXT NOT NULL REFERENCES classes(id),
    kind TEXT NOT NULL CHECK (kind IN ('code', 'token')),
    role TEXT NOT NULL CHECK (role IN ('team', 'projector', 'facilitator')),
    actor TEXT,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    class_id TEXT NOT NULL REFERENCES classes(id),
    at REAL NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL
);
"""


# Tokens kept per role (a team's, the projector's, the facilitator's): enough for every
# device a team, a wall or a facilitator joins from, with room for joining again.
TOKENS_PER_ROLE = 30


class StoreError(CaspianError):
    """The class store cannot be opened or does not hold what was asked for."""


@dataclass(frozen=True)
class StoredClass:
    id: str
    created: float
    updated: float
    scenario: str  # a bundled scenario's id, or a scenario file's absolute path
    room: dict[str, Any]
    save: str


def _stored(row: tuple[Any, ...]) -> StoredClass:
    """A class row; its room must be a JSON object with its teams (ValueError if not)."""
    try:
        room = json.loads(row[4])
    except (TypeError, ValueError) as exc:
        raise ValueError(f"class {row[0]!r}: its room is not JSON ({exc})") from None
    if not isinstance(room, dict) or not isinstance(room.get("teams"), dict):
        raise ValueError(f"class {row[0]!r}: its room has no teams")
    return StoredClass(row[0], row[1], row[2], row[3], room, row[5])


class ClassStore:
    """The classes of this computer, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() and not path.is_file():
                raise StoreError(f"{path}: not a regular file")
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(SCHEMA)
        except (OSError, sqlite3.Error, UnicodeDecodeError) as exc:  # damaged: undecodable
            raise StoreError(f"cannot open the class store {path}: {exc}") from None

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # ----- classes ----------------------------------------------------------------------
    def create(self, class_id: str, scenario: str, room: dict[str, Any], save: str) -> None:
        now = time.time()
        with self._transaction() as db:
            db.execute("INSERT INTO classes VALUES (?, ?, ?, ?, ?, ?)",
                       (class_id, now, now, scenario, json.dumps(room), save))
            db.execute("INSERT INTO log (class_id, at, who, action) VALUES (?, ?, ?, ?)",
                       (class_id, now, "host", "class created"))

    def record(self, class_id: str, room: dict[str, Any], save: str, who: str,
               action: str) -> None:
        """The class as it stands after an accepted action, with the action logged."""
        now = time.time()
        with self._transaction() as db:
            changed = db.execute("UPDATE classes SET updated = ?, room = ?, save = ? "
                                 "WHERE id = ?", (now, json.dumps(room), save, class_id))
            if changed.rowcount != 1:
                raise StoreError(f"no class {class_id!r} in {self.path}")
            db.execute("INSERT INTO log (class_id, at, who, action) VALUES (?, ?, ?, ?)",
                       (class_id, now, who, action[:1000]))

    def load(self, class_id: str) -> StoredClass:
        with self._reading():
            row = self._db.execute("SELECT id, created, updated, scenario, room, save FROM "
                                   "classes WHERE id = ?", (class_id,)).fetchone()
            if row is None:
                known = ", ".join(c.id for c in self.classes()[:10]) or "none yet"
                raise StoreError(f"no class {class_id!r} (classes on this computer: {known})")
            return _stored(row)

    def classes(self) -> list[StoredClass]:
        """Every class, the most recently played first."""
        with self._reading():
            rows = self._db.execute("SELECT id, created, updated, scenario, room, save "
                                    "FROM classes ORDER BY updated DESC").fetchall()
            return [_stored(r) for r in rows]

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """A damaged file (a bad page, a room that is not the room's JSON) is one located
        error, and the file is left as it is."""
        try:
            yield
        except (sqlite3.DatabaseError, ValueError) as exc:
            raise StoreError(f"{self.path}: error: the class store is damaged: {exc}") from None

    def log(self, class_id: str) -> list[tuple[float, str, str]]:
        rows = self._db.execute("SELECT at, who, action FROM log WHERE class_id = ? "
                                "ORDER BY seq", (class_id,)).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    # ----- credentials ------------------------------------------------------------------
    def replace_codes(self, class_id: str, codes: dict[str, Role], *,
                      keep_tokens: bool = False) -> None:
        """Make `codes` (digest -> role) the class's join codes; earlier codes stop working,
        and so do the tokens they gave unless `keep_tokens` (a facilitator who hands out
        new codes expects whoever held the old ones to be out)."""
        now = time.time()
        with self._transaction() as db:
            db.execute("DELETE FROM credentials WHERE class_id = ? AND (kind = 'code' OR NOT ?)",
                       (class_id, keep_tokens))
            db.executemany("INSERT INTO credentials VALUES (?, ?, 'code', ?, ?, ?)",
                           [(d, class_id, r.kind, r.actor, now) for d, r in codes.items()])

    def add_token(self, class_id: str, token_digest: str, role: Role) -> None:
        """A new token for `role`; past `TOKENS_PER_ROLE` of them, the oldest stops working
        (joining again and again with a code cannot grow the store without end)."""
        same_role = "class_id = ? AND kind = 'token' AND role = ? AND actor IS ?"
        who = (class_id, role.kind, role.actor)
        with self._transaction() as db:
            db.execute("INSERT INTO credentials VALUES (?, ?, 'token', ?, ?, ?)",
                       (token_digest, *who, time.time()))
            db.execute(f"DELETE FROM credentials WHERE {same_role} AND rowid NOT IN "
                       f"(SELECT rowid FROM credentials WHERE {same_role} "
                       "ORDER BY rowid DESC LIMIT ?)", (*who, *who, TOKENS_PER_ROLE))

    def role_of(self, class_id: str, digest: str, kind: str) -> Role | None:
        """The role a code or token (by its digest) gives in this class, if any."""
        row = self._db.execute("SELECT role, actor FROM credentials WHERE digest = ? AND "
                               "class_id = ? AND kind = ?", (digest, class_id, kind)).fetchone()
        return None if row is None else Role(row[0], row[1])
