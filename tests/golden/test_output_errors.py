"""Golden error texts: a command refusing to write prints exactly its `.expected` file, and
the file it was pointed at is unchanged.

Each case runs in a fresh folder holding `g.yaml` (a saved game of four turns), a folder
`folder/`, a FIFO `pipe` and a regular file `file`.

Regenerate on purpose only, and say why in the commit:
    .venv/bin/python -m pytest tests/golden/test_output_errors.py --snapshot-update
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from caspian_tabletop.cli import main
from caspian_tabletop.replay import resolve_replay
from golden_files import Golden

HERE = Path(__file__).parent / "output_errors"
CASES: dict[str, list[str]] = {
    "report_over_its_replay": ["report", "g.yaml", "-o", "g.yaml"],
    "branch_over_its_input": ["replay", "g.yaml", "--until", "1", "--branch", "g.yaml"],
    "report_into_a_folder": ["report", "g.yaml", "-o", "folder", "--force"],
    "report_into_a_pipe": ["report", "g.yaml", "-o", "pipe", "--force"],
    "report_in_a_missing_folder": ["report", "g.yaml", "-o", "missing/report.md"],
    "briefing_under_a_file": ["briefing", "--actor", "RU", "-o", "file/briefing.md"],
    "briefings_in_a_missing_folder": ["briefing", "--all", "-o", "missing/handouts"],
    "branch_into_a_pipe": ["replay", "g.yaml", "--until", "1", "--branch", "pipe", "--force"],
}


def _layout(folder: Path) -> dict[str, bytes]:
    """The files every case starts with, and a fingerprint of each to check afterwards."""
    shutil.copy(resolve_replay("tutorial-demo"), folder / "g.yaml")
    (folder / "folder").mkdir()
    os.mkfifo(folder / "pipe")
    (folder / "file").write_text("a file\n", encoding="utf-8")
    return _fingerprint(folder)


def _fingerprint(folder: Path) -> dict[str, bytes]:
    return {p.name: (p.read_bytes() if p.is_file() else str(p.lstat().st_mode).encode())
            for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("case", CASES)
def test_refused_output(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        golden: Golden) -> None:
    monkeypatch.chdir(tmp_path)
    before = _layout(tmp_path)
    result = CliRunner().invoke(main, CASES[case])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    golden(HERE / f"{case}.expected", result.stderr)
    assert _fingerprint(tmp_path) == before  # nothing written, nothing left behind
