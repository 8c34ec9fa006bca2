"""The one writer for output files: never replaces without leave, never writes into anything but
a regular file, follows symlinks, keeps permissions, fails in one located line, leaves no
temporary file behind."""

from __future__ import annotations

import errno
import os
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caspian_tabletop import files
from caspian_tabletop.files import (
    OutputError,
    OutputExistsError,
    make_folder,
    move_new,
    write_text,
)

OLD = "the old contents\n"


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def leftovers(folder: Path) -> list[str]:
    """Temporary files the writer left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def old_file(tmp_path: Path, mode: int = 0o644) -> Path:
    path = tmp_path / "out.md"
    path.write_text(OLD, encoding="utf-8")
    path.chmod(mode)
    return path


def special_file(kind: str, folder: Path) -> Path:
    """A non-regular file of `kind` in `folder`; a device only where mknod is permitted."""
    path = folder / kind
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        bound = socket.socket(socket.AF_UNIX)
        try:
            bound.bind(os.path.relpath(path))  # relative: socket paths are short
        except OSError:
            pytest.skip("cannot bind a socket here")
        finally:
            bound.close()
    else:
        try:
            os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs privileges")
    return path


def test_a_new_file_is_written_with_the_umask(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "report.md"
    write_text(target, "héllo\n")
    assert target.read_text(encoding="utf-8") == "héllo\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert leftovers(tmp_path) == []


def test_a_stricter_umask_gives_stricter_files(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_text(tmp_path / "report.md", "x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o640


def test_an_existing_file_is_kept_unless_replacing_is_asked(tmp_path: Path) -> None:
    path = old_file(tmp_path)
    with pytest.raises(OutputExistsError, match=r"out\.md: error: the file exists; use --force"):
        write_text(path, "new")
    assert path.read_text(encoding="utf-8") == OLD
    write_text(path, "new", replace=True)
    assert path.read_text(encoding="utf-8") == "new"
    assert leftovers(tmp_path) == []


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    path = old_file(tmp_path, 0o640)
    write_text(path, "new", replace=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize("kind", ["device", "fifo", "folder", "socket"])
@pytest.mark.parametrize("replace", [False, True])
def test_anything_but_a_regular_file_is_refused_and_left_as_it_was(
        kind: str, replace: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = special_file(kind, tmp_path)
    before = path.lstat()
    with pytest.raises(OutputError, match=r"cannot write: it is a .*, not a regular file$"):
        write_text(path, "new", replace=replace)
    after = path.lstat()
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino,
                                                            before.st_rdev)
    if kind == "folder":
        assert list(path.iterdir()) == []
    assert leftovers(tmp_path) == []


def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    target = old_file(tmp_path, 0o640)
    link = tmp_path / "link.md"
    link.symlink_to(target.name)
    with pytest.raises(OutputExistsError):
        write_text(link, "new")
    write_text(link, "new", replace=True)
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to("made.md")
    write_text(link, "new")
    assert link.is_symlink() and (tmp_path / "made.md").read_text(encoding="utf-8") == "new"


def test_a_symlink_to_a_fifo_is_refused_naming_both(tmp_path: Path) -> None:
    fifo = special_file("fifo", tmp_path)
    link = tmp_path / "link.md"
    link.symlink_to(fifo)
    with pytest.raises(OutputError, match=rf"link\.md \(a link to {fifo}\) is a named pipe"):
        write_text(link, "new", replace=True)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and link.is_symlink()


def test_a_missing_folder_is_named_and_not_made(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "deeper" / "out.md"
    with pytest.raises(OutputError) as caught:
        write_text(path, "new")
    assert str(caught.value) == (f"{path}: error: cannot write: the folder "
                                 f"{tmp_path / 'missing' / 'deeper'} does not exist")
    assert not (tmp_path / "missing").exists()


def test_the_programs_own_folders_may_be_made(tmp_path: Path) -> None:
    path = tmp_path / "data" / "saves" / "autosave.yaml"
    write_text(path, "new", make_parents=True)
    assert path.read_text(encoding="utf-8") == "new"


def test_a_parent_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    blocker = old_file(tmp_path)
    for make_parents in (False, True):
        with pytest.raises(OutputError, match=r"out\.md/x\.md: error: cannot write: "
                                              rf"{blocker} is a file, not a folder$"):
            write_text(blocker / "x.md", "new", make_parents=make_parents)
    assert blocker.read_text(encoding="utf-8") == OLD


def test_a_name_too_long_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"error: cannot write: File name too long$"):
        write_text(tmp_path / ("x" * 300), "new")
    assert list(tmp_path.iterdir()) == []


def test_a_name_that_barely_fits_still_gets_a_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 250)
    write_text(path, "new")
    assert path.read_text(encoding="utf-8") == "new"


def failing(call: Callable[..., Any], err: int, folder: Path) -> Callable[..., Any]:
    """`call`, except that it fails with `err` for paths inside `folder`."""
    def fake(*args: Any, **kwargs: Any) -> Any:
        if any(str(a).startswith(str(folder)) for a in args):
            raise OSError(err, os.strerror(err))
        return call(*args, **kwargs)
    return fake


@pytest.mark.parametrize(("step", "err", "reason", "exists"), [
    ("open", errno.EROFS, "Read-only file system", False),
    ("open", errno.EROFS, "Read-only file system", True),
    ("open", errno.EACCES, "Permission denied", True),
    ("link", errno.EIO, "Input/output error", False),  # a new file is linked into place
    ("replace", errno.EROFS, "Read-only file system", True),  # an old one renamed over
])
def test_a_failing_system_call_is_one_line_and_changes_nothing(
        step: str, err: int, reason: str, exists: bool, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = old_file(tmp_path) if exists else tmp_path / "out.md"
    monkeypatch.setattr(os, step, failing(getattr(os, step), err, tmp_path))
    with pytest.raises(OutputError) as caught:
        write_text(path, "new", replace=exists)
    assert str(caught.value) == f"{path}: error: cannot write: {reason}"
    monkeypatch.undo()
    assert (path.read_text(encoding="utf-8") if exists else path.exists()) == (OLD if exists
                                                                               else False)
    assert leftovers(tmp_path) == []


def test_a_full_disk_while_writing_leaves_the_old_file(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = old_file(tmp_path)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match=r"cannot write: No space left on device$"):
        write_text(path, "new", replace=True)
    assert path.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_an_interrupt_while_writing_leaves_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text(tmp_path / "out.md", "new")
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_appears_meanwhile_is_not_clobbered(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between the check and the move another program creates the file: it is kept."""
    path = tmp_path / "out.md"
    check = files._check_folder

    def then_someone_writes(*args: Any) -> None:
        check(*args)
        path.write_text(OLD, encoding="utf-8")

    monkeypatch.setattr(files, "_check_folder", then_someone_writes)
    with pytest.raises(OutputExistsError):
        write_text(path, "new")
    assert path.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_without_hard_links_a_new_file_is_renamed_into_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "link", failing(os.link, errno.EPERM, tmp_path))
    write_text(tmp_path / "out.md", "new")
    assert (tmp_path / "out.md").read_text(encoding="utf-8") == "new"
    assert leftovers(tmp_path) == []


@given(st.text(st.characters(blacklist_categories=["Cs"])))
def test_any_text_reads_back_exactly(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.txt"
        write_text(path, text)
        assert path.read_bytes() == text.encode("utf-8")


def test_make_folder_makes_one_level(tmp_path: Path) -> None:
    assert make_folder(tmp_path / "handouts") is True
    assert make_folder(tmp_path / "handouts") is False
    with pytest.raises(OutputError) as caught:
        make_folder(tmp_path / "typo" / "handouts")
    assert str(caught.value) == (f"{tmp_path / 'typo' / 'handouts'}: error: cannot create the "
                                 f"folder: the folder {tmp_path / 'typo'} does not exist")
    blocker = old_file(tmp_path)
    with pytest.raises(OutputError, match="not a folder has that name"):
        make_folder(blocker)
    assert blocker.read_text(encoding="utf-8") == OLD


def test_check_writable_refuses_what_write_text_would(tmp_path: Path) -> None:
    path = old_file(tmp_path)
    with pytest.raises(OutputExistsError):
        files.check_writable(path)
    files.check_writable(path, replace=True)
    files.check_writable(tmp_path / "new.md")
    with pytest.raises(OutputError, match="does not exist"):
        files.check_writable(tmp_path / "missing" / "new.md")
    with pytest.raises(OutputError, match="not a regular file"):
        files.check_writable(tmp_path, replace=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_the_writer_needs_only_the_standard_library() -> None:
    """The quick commands and the TUI's first frame must not wait for the heavy libraries."""
    check = ("import sys, caspian_tabletop.files; "
             "print(sorted(m for m in ('textual', 'rich', 'numpy', 'pydantic', 'yaml') "
             "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_a_move_never_replaces_a_file_at_the_target(tmp_path: Path) -> None:
    source, target = tmp_path / "old.yaml", tmp_path / "new.yaml"
    source.write_text("the old autosave", encoding="utf-8")
    target.write_text("someone's game", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        move_new(source, target)
    assert source.read_text(encoding="utf-8") == "the old autosave"
    assert target.read_text(encoding="utf-8") == "someone's game"
    target.unlink()
    move_new(source, target)
    assert not source.exists() and target.read_text(encoding="utf-8") == "the old autosave"
