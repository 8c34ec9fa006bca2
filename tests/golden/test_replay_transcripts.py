"""Golden playthroughs: the bundled replays in, their verified transcripts out.

Regenerate on purpose only, and say why in the commit:
    .venv/bin/python -m pytest tests/golden/test_replay_transcripts.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from caspian_tabletop.cli import main
from golden_files import Golden

HERE = Path(__file__).parent / "transcripts"
REPLAYS = ["tutorial-demo", "historical-2020-2021"]


@pytest.mark.parametrize("name", REPLAYS)
def test_transcript(name: str, golden: Golden) -> None:
    result = CliRunner().invoke(main, ["replay", name, "--verify"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 0, result.output
    golden(HERE / f"{name}.txt", result.output)
