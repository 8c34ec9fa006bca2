"""Cached access to the shipped scenarios for engine tests (loaded once per process)."""

from __future__ import annotations

from functools import cache

from caspian_tabletop.engine.compiled import Compiled, compile_scenario
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.scenario.schema import Scenario


@cache
def scenario(name: str) -> Scenario:
    return load_scenario(resolve_scenario(name))


@cache
def compiled(name: str) -> Compiled:
    return compile_scenario(scenario(name))
