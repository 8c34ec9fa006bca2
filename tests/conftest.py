"""Shared fixtures: the tiny source register that scenario tests cite from."""

from __future__ import annotations

from pathlib import Path

import pytest

from caspian_tabletop.scenario.load import load_register
from caspian_tabletop.scenario.register import Register

REGISTER = Path(__file__).parent / "fixtures" / "register.yaml"


@pytest.fixture(scope="session")
def test_register() -> Register:
    return load_register(REGISTER)
