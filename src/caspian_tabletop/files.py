"""Writing output files safely: the one way every report, briefing and save is
written, so that no command can destroy a file it was not asked to replace.

The rules, in order:

- A symlink is followed: its target is what gets written, under these same rules, so the link
  survives and points at the new content.
- Only a regular file (or nothing yet) may be written.  A folder, device, FIFO or socket is
  refused and left exactly as it was, even with `replace`.
- An existing file is replaced only when the caller says so (`replace=True`: the CLI's
  `--force`, a "Replace?" answered yes in the TUI, or the program's own files).
- A missing folder is an error naming it, unless the caller writes the program's own data
  (`make_parents=True`: autosaves); so is a folder that cannot be written, found before any
  file is written, so that a command writing several files refuses them all (`check_writable`).
- A name the user typed that ends in `/` names a folder, never a file (`file_name`).
- The content goes to a temporary file beside the target, is flushed to disk, then moved
  into place in one step (and the folder is synced), so a reader or a crash sees the old
  file or the new one, never a mix.  A new file is linked into place, which fails if a file
  appeared meanwhile; it is not silently clobbered.
- A new file gets the user's usual permissions (the umask, applied by the kernel when the
  temporary file is created, which is also safe in threaded programs); a replaced file keeps
  its permissions and, where allowed, its owner.
- Every failure is an `OutputError` with one line naming the path; the old file is untouched
  and no temporary file is left behind.

Standard library only: the CLI and the TUI both use it, and the quick commands should not wait
for numpy or pydantic to write a file.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from pathlib import Path

from caspian_tabletop.domain.errors import CaspianError

# How a file type that may not be written is named in the error.
_KINDS = {
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFDIR: "a folder",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
}
# Where a hard link cannot be made (some network and removable file systems): fall back to a
# rename after checking that nothing is there.
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS,
                  errno.EXDEV}
_NEW_FILE_MODE = 0o666  # narrowed by the umask
_TEMP_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
               | getattr(os, "O_BINARY", 0))
_TEMP_ATTEMPTS = 10


class OutputError(CaspianError):
    """A file could not be written; the message is one line that starts with its path.

    `errno` is the system's error number when the system refused the write (a full disk, a
    read-only file system...), so a caller can say it in its own words."""

    def __init__(self, message: str, errno_: int | None = None) -> None:
        self.errno = errno_
        super().__init__(message)


class OutputExistsError(OutputError):
    """The file exists and the caller did not ask to replace it (the TUI asks, then retries)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: error: the file exists; use --force to replace it")


def write_text(path: Path, text: str, *, replace: bool = False,
               make_parents: bool = False) -> None:
    """Write `text` (UTF-8) to `path` under the rules in the module docstring."""
    target, existing = _checked(path, replace, make_parents)
    temp = _write_temp(path, target, text.encode("utf-8"), existing)
    try:
        if replace:
            os.replace(temp, target)
        else:
            _link_new(path, temp, target)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    finally:
        _remove(temp)
    _sync_folder(target.parent)


def file_name(text: str) -> Path:
    """The path a user typed for one output file.  A name ending in a separator names a
    folder: refused, since `Path` would drop the separator and write a file of that name (or
    replace the file `existing.yaml/` points past)."""
    if text.endswith(("/", os.sep)) or (os.altsep and text.endswith(os.altsep)):
        raise OutputError(f"{text}: error: cannot write: the name ends in {text[-1]}, so it "
                          "names a folder; give a file name")
    return Path(text)


def check_writable(path: Path, *, replace: bool = False) -> None:
    """Raise now the error `write_text` would raise for what is at `path` or its folder, so a
    command refuses before its work, and before the first of several files is written."""
    _checked(path, replace, make_parents=False)


def make_folder(path: Path) -> bool:
    """Create the folder `path` (not its parents) unless it is there; True if it was made.

    For a folder the user named to hold several outputs (`briefing --all -o handouts`): the
    one folder they asked for is made, but a mistyped parent is an error, not a new tree.
    """
    try:
        os.mkdir(path)
    except FileExistsError:
        if path.is_dir():
            return False
        raise _cannot_make(path, "something that is not a folder has that name") from None
    except FileNotFoundError:
        raise _cannot_make(path, f"the folder {path.parent} does not exist") from None
    except OSError as exc:
        raise _cannot_make(path, exc) from None
    return True


def _checked(path: Path, replace: bool,
             make_parents: bool) -> tuple[Path, os.stat_result | None]:
    """The real file to write (symlinks followed) and its status if it exists."""
    target = Path(os.path.realpath(path))
    existing = _existing(path, target)
    if existing is not None and not replace:
        raise OutputExistsError(path)
    if existing is None:
        _check_folder(path, target, make_parents)
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise _cannot_write(path, f"the folder {target.parent} is not writable")
    return target, existing


def _existing(path: Path, target: Path) -> os.stat_result | None:
    """The status of the file to be replaced, None if there is none; refuse any other kind."""
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return None
    except NotADirectoryError as exc:
        raise _cannot_write(path, _file_above(path) or exc) from None
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if not stat.S_ISREG(status.st_mode):
        kind = kind_of(status.st_mode)
        raise _cannot_write(path, f"{_shown(path, target)} is {kind}, not a regular file")
    return status


def kind_of(mode: int) -> str:
    """What a file of this mode is, as an error names it ("a folder", "a named pipe")."""
    return "a regular file" if stat.S_ISREG(mode) else _KINDS.get(stat.S_IFMT(mode),
                                                                   "a special file")


def _check_folder(path: Path, target: Path, make_parents: bool) -> None:
    """The folder a new file goes in must exist, unless the program makes its own folders."""
    if target.parent.is_dir():
        return
    if not make_parents:
        folder = target.parent if os.path.islink(path) else path.parent
        raise _cannot_write(path, f"the folder {folder} does not exist")
    try:
        os.makedirs(target.parent, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _file_above(path: Path) -> str | None:
    """Which folder on the way to `path` is really a file (why it "is not a directory")."""
    for folder in reversed(path.parents):
        if folder.exists() and not folder.is_dir():
            return f"{folder} is a file, not a folder"
    return None


def _shown(path: Path, target: Path) -> str:
    """How the file is named in an error: a symlink also names what it points at."""
    return f"{path} (a link to {target})" if os.path.islink(path) else "it"


def _write_temp(path: Path, target: Path, data: bytes,
                existing: os.stat_result | None) -> Path:
    """A new temporary file beside `target` holding `data`, on disk, with the final mode."""
    fd, temp = _create_temp(path, target)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            _keep_owner_and_mode(temp, existing)
    except BaseException as exc:
        _remove(temp)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise
    return temp


# A temporary file's name: `temp_prefix`, then a random part.  Files of older versions had
# the target's name (cut to 40 characters) and the random part alone.
TEMP_NAME = re.compile(r"\..{1,40}\.[0-9a-f]{16}\.[0-9a-f]{8}\.tmp", re.DOTALL)


def temp_prefix(name: str) -> str:
    """How the temporary files of a target named `name` begin: the name's start, to be
    readable, and a digest of the whole name, so that a long name, cut to fit, still tells
    whose temporary file it is (saves.clean_leftovers spares those of a game in play)."""
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return f".{name[:40]}.{digest}."


def _create_temp(path: Path, target: Path) -> tuple[int, Path]:
    """Open a fresh hidden file in the target's folder; its mode is 0666 less the umask."""
    prefix = temp_prefix(target.name)
    for _ in range(_TEMP_ATTEMPTS):
        temp = target.with_name(f"{prefix}{os.urandom(4).hex()}.tmp")
        try:
            return os.open(temp, _TEMP_FLAGS, _NEW_FILE_MODE), temp
        except FileExistsError:
            continue
        except OSError as exc:
            raise _cannot_write(path, exc) from None
    raise _cannot_write(path, FileExistsError(errno.EEXIST, "no free temporary name"))


def _keep_owner_and_mode(temp: Path, existing: os.stat_result) -> None:
    """Give the new content the replaced file's permissions (and owner, where allowed)."""
    if hasattr(os, "chown"):
        try:
            os.chown(temp, existing.st_uid, existing.st_gid)
        except OSError:
            pass  # only root may give a file away; the writer then owns the new content
    os.chmod(temp, stat.S_IMODE(existing.st_mode))


def _link_new(path: Path, temp: Path, target: Path) -> None:
    """Put a new file in place without replacing one that appeared since the check."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise OutputExistsError(path) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if os.path.lexists(target):
            raise OutputExistsError(path) from None
        os.replace(temp, target)


def move_new(source: Path, target: Path) -> None:
    """Move a file to a name where nothing is, never replacing what is there (raises
    `OutputExistsError`); the link-then-unlink is the writer's own way of placing a file."""
    _link_new(target, source, target)
    _remove(source)
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows opening a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # the content is on disk; only the rename's durability is not guaranteed
    finally:
        os.close(fd)


def _remove(temp: Path) -> None:
    """Delete a temporary file if it is still there (after a link, or after a failure)."""
    try:
        os.unlink(temp)
    except OSError:
        pass  # already moved into place, or nothing more can be done


def _cannot_make(folder: Path, why: OSError | str) -> OutputError:
    code = None if isinstance(why, str) else why.errno
    return OutputError(f"{folder}: error: cannot create the folder: {_reason(why)}", code)


def _cannot_write(path: Path, why: OSError | str) -> OutputError:
    code = None if isinstance(why, str) else why.errno
    return OutputError(f"{path}: error: cannot write: {_reason(why)}", code)


def _reason(why: OSError | str) -> str:
    return why if isinstance(why, str) else why.strerror or str(why)
