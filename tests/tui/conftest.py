"""TUI tests keep their saves in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from caspian_tabletop.saves import HOME_ENV


@pytest.fixture(autouse=True)
def _saves_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
