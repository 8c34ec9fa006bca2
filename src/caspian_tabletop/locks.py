"""Holding a game for one process: an OS lock on `<save>.lock`, with the holder's pid inside.

An OS lock (flock) is released by the kernel when its process ends, however it ends, so a
crash never leaves a game locked.  The lock file is never deleted while in use: deleting it
would let a second process lock a new file of the same name while the first still holds the
old one.

Only a regular file is a lock.  Anything else at its name (a symlink, a FIFO, a folder...) is
never opened in a way that could block or write through it, and is reported as an error that
names it: a planted link must not get another file truncated, nor a FIFO hang `saves`.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.files import kind_of

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


class LockFileError(CaspianError):
    """Something that is not a regular file has the lock file's name; it is left alone."""

    def __init__(self, path: Path, why: str) -> None:
        self.path = path
        self.why = why
        super().__init__(f"{path}: error: this game's lock file {why}; it was left as it is "
                         "(remove it if nothing else uses it)")


# Never follow a link, never wait on a FIFO or device, never leak into child processes.
_OPEN_FLAGS = (getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0))


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
        fd = _open_lock(lock_path(self.save), os.O_RDWR | os.O_CREAT)
        if fd is None:
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
    """The pid of another process holding `save`'s game (0 if it wrote none), else None.

    Raises LockFileError if the lock's name is taken by something that is not a regular
    file, without opening it."""
    if fcntl is None:
        return None
    fd = _open_lock(lock_path(save), os.O_RDONLY)
    if fd is None:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return _read_pid(fd) or 0
    finally:
        os.close(fd)
    return None


def _open_lock(path: Path, flags: int) -> int | None:
    """A descriptor on the regular file `path`, None if it cannot be opened (or is absent
    when not created); LockFileError for anything else there, which is not opened at all
    (lstat first) or, if swapped in meanwhile, closed unused (fstat after)."""
    try:
        _check_regular(path, os.lstat(path))
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        fd = os.open(path, flags | _OPEN_FLAGS, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a link made since the lstat
            raise LockFileError(path, "is a symbolic link, not a regular file") from None
        return None
    try:
        _check_regular(path, os.fstat(fd))
    except BaseException:
        os.close(fd)
        raise
    return fd


def _check_regular(path: Path, status: os.stat_result) -> None:
    """A lock is a regular file of its own: one with other names (hard links) may be some
    other file's content, which taking the lock would overwrite with a pid."""
    if not stat.S_ISREG(status.st_mode):
        raise LockFileError(path, f"is {kind_of(status.st_mode)}, not a regular file")
    if status.st_nlink > 1:
        raise LockFileError(path, "has other names (hard links), so it may be another "
                            "file")


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
