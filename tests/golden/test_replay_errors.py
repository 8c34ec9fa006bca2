"""Golden error texts: `replay` on each broken file prints exactly its `.expected` file.

Regenerate on purpose only, and say why in the commit:
    .venv/bin/python -m pytest tests/golden/test_replay_errors.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from caspian_tabletop.cli import main
from golden_files import Golden

HERE = Path(__file__).parent / "replay_errors"
CASES = sorted(HERE.glob("*.yaml"))
# Checks that only --verify makes: the scenario hash.
VERIFY = {"wrong_hash"}


def test_there_are_enough_cases() -> None:
    names = {p.stem for p in CASES}
    assert {"corrupted", "truncated", "wrong_hash", "illegal_move_turn3", "unknown_version",
            "bad_notation"} <= names


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_replay_error_output(case: Path, monkeypatch: pytest.MonkeyPatch, golden: Golden
                             ) -> None:
    monkeypatch.chdir(HERE)
    before = case.read_bytes()
    args = ["replay", case.name] + (["--verify"] if case.stem in VERIFY else [])
    result = CliRunner().invoke(main, args)
    assert isinstance(result.exception, SystemExit)  # a located error, not a crash
    assert result.exit_code == 1
    golden(case.with_suffix(".expected"), result.output)
    assert case.read_bytes() == before  # a bad file is never touched
