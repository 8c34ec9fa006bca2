"""Every command that writes a file: an existing file is kept without --force and replaced with
it, devices and pipes are never written, symlinks are written through, a missing folder is
named, permissions follow the umask or the replaced file, `-o -` prints, and a write that
fails is one line with exit code 1 that changes nothing."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from caspian_tabletop.cli import main
from caspian_tabletop.replay import load_replay, resolve_replay

OLD = "the old contents\n"
# Each command with an output, given where to write it; `marker` is in what it writes.
COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "report": lambda out: ["report", "tutorial-demo", "-o", out],
    "briefing": lambda out: ["briefing", "--actor", "RU", "-o", out],
    "branch": lambda out: ["replay", "tutorial-demo", "--until", "1", "--branch", out],
}
MARKER = {"report": "# After-action report", "briefing": "Russia",
          "branch": "format: caspian-replay"}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("CASPIAN_TABLETOP_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def old_file(path: Path, mode: int = 0o644) -> Path:
    path.write_text(OLD, encoding="utf-8")
    path.chmod(mode)
    return path


def one_error_line(result: Result, text: str) -> None:
    """Exit code 1 and a single line of error, no traceback (`replay --branch` has printed
    its transcript on standard output by the time it writes)."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.count("\n") == 1 and text in result.stderr, result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_file_is_kept_without_force_and_replaced_with_it(command: str,
                                                                      tmp_path: Path) -> None:
    path = old_file(tmp_path / "out.txt", 0o640)
    refused = run(*COMMANDS[command]("out.txt"))
    one_error_line(refused, "out.txt: error: the file exists; use --force to replace it")
    assert path.read_text(encoding="utf-8") == OLD
    forced = run(*COMMANDS[command]("out.txt"), "--force")
    assert forced.exit_code == 0, forced.output
    assert MARKER[command] in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_new_file_gets_the_umask(command: str, tmp_path: Path) -> None:
    result = run(*COMMANDS[command]("new.txt"))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


def device_or_fifo(path: Path) -> Path:
    """A character device where mknod is permitted (root), else a FIFO."""
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_device_is_refused_and_left_as_it_was(command: str, force: list[str],
                                                tmp_path: Path) -> None:
    device = device_or_fifo(tmp_path / "dev")
    before = device.lstat()
    result = run(*COMMANDS[command]("dev"), *force)
    one_error_line(result, "dev: error: cannot write: it is a ")
    after = device.lstat()
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino,
                                                            before.st_rdev)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", ["report", "branch"])
def test_a_folder_is_refused(command: str, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    one_error_line(run(*COMMANDS[command]("folder"), "--force"),
                   "folder: error: cannot write: it is a folder, not a regular file")
    assert list((tmp_path / "folder").iterdir()) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symlink_is_written_through(command: str, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = old_file(tmp_path / "real" / "out.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(Path("real") / "out.txt")
    assert run(*COMMANDS[command]("link.txt")).exit_code == 1
    result = run(*COMMANDS[command]("link.txt"), "--force")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "out.txt")
    assert MARKER[command] in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_folder_is_named(command: str, tmp_path: Path) -> None:
    result = run(*COMMANDS[command]("nowhere/out.txt"))
    one_error_line(result, "nowhere/out.txt: error: cannot write: the folder nowhere does "
                           "not exist")
    assert not (tmp_path / "nowhere").exists()


def failing_open(err: int, folder: Path) -> Callable[..., Any]:
    """os.open, except that creating a file inside `folder` fails with `err`."""
    real = os.open

    def fake(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).startswith(str(folder)) and flags & os.O_CREAT:
            raise OSError(err, os.strerror(err))
        return real(path, flags, *args, **kwargs)

    return fake


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("exists", [False, True])
def test_a_read_only_folder_is_one_line_and_changes_nothing(
        command: str, exists: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ro").mkdir()
    path = tmp_path / "ro" / "out.txt"
    if exists:
        old_file(path)
    monkeypatch.setattr(os, "open", failing_open(errno.EROFS, tmp_path / "ro"))
    result = run(*COMMANDS[command]("ro/out.txt"), "--force")
    one_error_line(result, "ro/out.txt: error: cannot write: Read-only file system")
    assert (path.read_text(encoding="utf-8") if exists else path.exists()) == (
        OLD if exists else False)
    assert leftovers(tmp_path / "ro") == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_parent_that_is_a_file_is_one_line(command: str, tmp_path: Path) -> None:
    old_file(tmp_path / "file")
    one_error_line(run(*COMMANDS[command]("file/out.txt"), "--force"),
                   "file/out.txt: error: cannot write: file is a file, not a folder")
    assert (tmp_path / "file").read_text(encoding="utf-8") == OLD


@pytest.mark.parametrize("command", ["report", "briefing"])
def test_dash_prints(command: str, tmp_path: Path) -> None:
    printed = run(*COMMANDS[command]("-"))
    assert printed.exit_code == 0 and MARKER[command] in printed.output
    assert printed.output == run(*COMMANDS[command]("-")[:-2]).output  # as without -o
    assert not (tmp_path / "-").exists()


def test_a_file_written_is_announced_on_stderr(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, COMMANDS["report"]("out.md"))
    assert (result.stdout, result.stderr) == ("", "wrote out.md\n")


@pytest.fixture
def game(tmp_path: Path) -> Path:
    """A saved game of four turns, copied from a bundled replay."""
    return Path(shutil.copy(resolve_replay("tutorial-demo"), tmp_path / "g.yaml"))


def test_a_report_over_its_own_replay_is_refused(game: Path) -> None:
    before = game.read_bytes()
    one_error_line(run("report", "g.yaml", "-o", "g.yaml"), "g.yaml: error: the file exists")
    assert game.read_bytes() == before


def test_a_branch_over_its_own_input_is_refused_before_the_transcript(game: Path) -> None:
    before = game.read_bytes()
    result = run("replay", "g.yaml", "--until", "1", "--branch", "g.yaml")
    one_error_line(result, "g.yaml: error: the file exists")
    assert game.read_bytes() == before and len(load_replay(game).turns) == 4


def test_force_needs_a_branch() -> None:
    result = run("replay", "tutorial-demo", "--force")
    assert result.exit_code == 2 and "--force only applies to --branch OUT" in result.output


def test_rewrite_digests_writes_through_a_symlink(game: Path, tmp_path: Path) -> None:
    game.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to("g.yaml")
    result = run("replay", "link.yaml", "--rewrite-digests")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and stat.S_IMODE(game.stat().st_mode) == 0o640
    assert game.read_text(encoding="utf-8").startswith("# Caspian Tabletop replay")
    assert len(load_replay(game).turns) == 4


def test_all_briefings_go_into_a_folder_made_for_them(tmp_path: Path) -> None:
    result = run("briefing", "--all", "-o", "handouts")
    assert result.exit_code == 0, result.output
    assert "made folder handouts" in result.output
    assert len(list((tmp_path / "handouts").glob("briefing-*.md"))) == 7
    again = run("briefing", "--all", "-o", "handouts")
    one_error_line(again, "handouts/briefing-RU.md: error: the file exists")
    assert run("briefing", "--all", "-o", "handouts", "--force").exit_code == 0


def test_briefings_never_overwrite_some_and_then_stop(tmp_path: Path) -> None:
    """One handout already there: none is written, so the set is never half old, half new."""
    (tmp_path / "handouts").mkdir()
    old_file(tmp_path / "handouts" / "briefing-TR.md")
    one_error_line(run("briefing", "--all", "-o", "handouts"), "briefing-TR.md: error:")
    assert [p.name for p in (tmp_path / "handouts").iterdir()] == ["briefing-TR.md"]


def test_briefings_folder_in_a_missing_folder_is_named(tmp_path: Path) -> None:
    one_error_line(run("briefing", "--all", "-o", "typo/handouts"),
                   "typo/handouts: error: cannot create the folder: the folder typo does not "
                   "exist")
    assert not (tmp_path / "typo").exists()


def test_one_briefing_into_a_folder_named_with_a_slash(tmp_path: Path) -> None:
    result = run("briefing", "--actor", "RU", "-o", "handouts/")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "handouts").iterdir()] == ["briefing-RU.md"]


@pytest.mark.parametrize("command", ["report", "classes"])
def test_a_name_ending_in_a_slash_is_a_folder_never_a_file(command: str, tmp_path: Path
                                                          ) -> None:
    """`-o newdir/` is not a file named newdir, and `-o existing.yaml/ --force` does not
    replace existing.yaml."""
    args = {"report": ["report", "tutorial-demo", "-o"],
            "classes": ["classes", "--export", "class-x"]}[command]
    one_error_line(run(*args, "newdir/"),
                   "newdir/: error: cannot write: the name ends in /, so it names a folder; "
                   "give a file name")
    assert not (tmp_path / "newdir").exists()
    old_file(tmp_path / "existing.yaml")
    one_error_line(run(*args, "existing.yaml/", "--force"), "ends in /, so it names a folder")
    assert (tmp_path / "existing.yaml").read_text(encoding="utf-8") == OLD


def test_a_briefing_set_with_one_unwritable_folder_is_left_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One handout links into a folder that cannot be written: none is replaced."""
    assert run("briefing", "--all", "-o", "handouts").exit_code == 0
    handouts = sorted((tmp_path / "handouts").iterdir())
    (tmp_path / "ro").mkdir()
    linked = old_file(tmp_path / "ro" / "tm.md")
    (tmp_path / "handouts" / "briefing-TM.md").unlink()
    (tmp_path / "handouts" / "briefing-TM.md").symlink_to(linked)
    for path in handouts:
        if not path.is_symlink():
            old_file(path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path) != tmp_path / "ro"
                        and real_access(path, mode, **kw))
    one_error_line(run("briefing", "--all", "-o", "handouts", "--force"),
                   f"handouts/briefing-TM.md: error: cannot write: the folder {tmp_path / 'ro'} "
                   "is not writable")
    assert {p.read_text(encoding="utf-8") for p in handouts} == {OLD}
    assert leftovers(tmp_path / "handouts") == []
