"""Where a session writes: a save the user chose keeps an existing file unless asked to replace
it; the autosave (the program's own file) replaces its last version and makes its folder, but
is still never written into a pipe or device, and writes through a symlink."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from caspian_tabletop.domain.seats import Seat
from caspian_tabletop.files import OutputExistsError
from caspian_tabletop.replay import load_replay
from caspian_tabletop.session import Session
from shipped import scenario

SEATS = {"RU": Seat("ai", "easy"), "AZ": Seat("human", "Team Baku"), "KZ": Seat("ai", "easy")}


def _start(path: Path | None) -> Session:
    return Session.start(scenario("tutorial"), SEATS, seed=4, autosave_path=path)


def test_a_save_keeps_an_existing_file_unless_told(tmp_path: Path) -> None:
    session = _start(None)
    path = tmp_path / "class.yaml"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        session.save(path)
    assert path.read_text(encoding="utf-8") == "old\n"
    session.save(path, replace=True)
    assert load_replay(path).scenario.id == "tutorial"


def test_the_autosave_makes_its_folder_and_replaces_itself(tmp_path: Path) -> None:
    path = tmp_path / "data" / "saves" / "autosave.yaml"
    session = _start(path)
    path.chmod(0o640)
    session.run_ai_until_human()
    assert sum(len(t.steps) for t in load_replay(path).turns) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_the_autosave_is_never_written_into_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "autosave.yaml"
    os.mkfifo(pipe)
    session = _start(pipe)  # the game goes on, unsaved, and says why
    assert session.save_problem is not None and "not a regular file" in session.save_problem
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_the_autosave_writes_through_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    link = tmp_path / "autosave.yaml"
    link.symlink_to(Path("real") / "game.yaml")
    _start(link).run_ai_until_human()
    assert link.is_symlink()
    assert load_replay(tmp_path / "real" / "game.yaml").scenario.id == "tutorial"
