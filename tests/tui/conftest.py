"""TUI tests keep their saves in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from caspian_tabletop.saves import HOME_ENV


@pytest.fixture(autouse=True)
def _saves_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))


@pytest.fixture(autouse=True)
def _seed_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """New games draw a fresh seed; tests play seed 1, so that what they see is
    reproducible (a test that needs a fresh seed draws one itself)."""
    monkeypatch.setattr("caspian_tabletop.tui.setup.secrets.randbelow", lambda _: 1)
