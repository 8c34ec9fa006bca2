"""Shared fixtures: the tiny source register that scenario tests cite from; no scenario cache;
golden files.

The disk cache of checked scenarios is off for every test (and the subprocesses tests start),
so a test never reads entries left by the game or by another test; cache tests turn it on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from caspian_tabletop.scenario.cache import NO_CACHE_ENV
from caspian_tabletop.scenario.load import load_register
from caspian_tabletop.scenario.register import Register

REGISTER = Path(__file__).parent / "fixtures" / "register.yaml"


@pytest.fixture(scope="session")
def test_register() -> Register:
    return load_register(REGISTER)


@pytest.fixture(autouse=True)
def _no_scenario_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NO_CACHE_ENV, "1")


Golden = Callable[[Path, str], None]


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
