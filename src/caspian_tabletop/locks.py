"""Holding a game for one process: an OS lock on `<save>.lock`, with the holder's pid inside.

An OS lock (flock) is released by the kernel when its process ends, however it ends, so a
crash never leaves a game locked.  The lock file is never deleted while in use: deleting it
would let a second process lock a new file of the same name while the first still holds the
old one.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from caspian_tabletop.domain.errors import CaspianError

try:
    import fcntl
except ImportError:  # Windows: no flock; saves are still atomic, but not locked
    fcntl = None  # type: ignore[assignment]


class GameOpenError(CaspianError):
    """The game is being played in another process."""

    def __init__(self, path: Path, pid: int | None) -> None:
        self.pid = pid
        who = f" (pid {pid})" if pid else ""
        super().__init__(f"{path}: error: this game is open in another window{who}; close it "
                         "there first, or start a new game")


def lock_path(save: Path) -> Path:
    return save.with_name(save.name + ".lock")


class GameLock:
    """The lock on one game's save; `acquire` once, `release` when the game is closed."""

    def __init__(self, save: Path) -> None:
        self.save = save
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock. False if its folder cannot be written (nothing to protect then);
        raises GameOpenError if another process holds it."""
        if fcntl is None:
            return True
        try:
            fd = os.open(lock_path(self.save), os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            pid = _read_pid(fd)
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
                raise GameOpenError(self.save, pid) from None
            return False
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass  # the lock holds without the pid; others just cannot name us
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def holder_of(save: Path) -> int | None:
    """The pid of another process holding `save`'s game (0 if it wrote none), else None."""
    if fcntl is None:
        return None
    try:
        fd = os.open(lock_path(save), os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return _read_pid(fd) or 0
    finally:
        os.close(fd)
    return None


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
