"""Shared fixtures: the tiny source register that scenario tests cite from; golden files."""

from __future__ import annotations

from pathlib import Path

import pytest

from caspian_tabletop.scenario.load import load_register
from caspian_tabletop.scenario.register import Register
from golden_files import Golden

REGISTER = Path(__file__).parent / "fixtures" / "register.yaml"


@pytest.fixture(scope="session")
def test_register() -> Register:
    return load_register(REGISTER)




@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """`golden(path, text)`: the text must equal the golden file.  Goldens are regenerated
    by the one flag that regenerates the TUI snapshots, `--snapshot-update`, on purpose only
    and with the reason in the commit."""
    update = bool(request.config.getoption("--snapshot-update", default=False))

    def check(path: Path, text: str) -> None:
        if update:
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), path

    return check
