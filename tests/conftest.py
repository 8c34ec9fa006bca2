"""Shared fixtures: the tiny source register that scenario tests cite from; no scenario cache.

The disk cache of checked scenarios is off for every test (and the subprocesses tests start),
so a test never reads entries left by the game or by another test; cache tests turn it on.
"""

from __future__ import annotations

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
