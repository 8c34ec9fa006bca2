"""Class tests keep their store in a temporary data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from caspian_tabletop.saves import HOME_ENV


@pytest.fixture(autouse=True)
def _class_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
