"""Golden playthroughs: the bundled replays in, their verified transcripts out.

Regenerate on purpose only, and say why in the commit:
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden/test_replay_transcripts.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from caspian_tabletop.cli import main

HERE = Path(__file__).parent / "transcripts"
REPLAYS = ["tutorial-demo", "historical-2020-2021"]


@pytest.mark.parametrize("name", REPLAYS)
def test_transcript(name: str) -> None:
    result = CliRunner().invoke(main, ["replay", name, "--verify"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    golden = HERE / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.output, encoding="utf-8")
    assert result.exit_code == 0, result.output
    assert result.output == golden.read_text(encoding="utf-8")
