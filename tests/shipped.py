"""Cached access to the shipped scenarios for engine tests (loaded once per process), and
positions of random games in them."""

from __future__ import annotations

from functools import cache

import numpy as np

from caspian_tabletop.engine.batch import RandomPolicy, play_turn
from caspian_tabletop.engine.compiled import Compiled, compile_scenario
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.scenario.schema import Scenario


@cache
def scenario(name: str) -> Scenario:
    return load_scenario(resolve_scenario(name))


@cache
def compiled(name: str) -> Compiled:
    return compile_scenario(scenario(name))


def played(c: Compiled, games: int, turns: int, seed: int = 3) -> BatchState:
    """A batch `turns` turns into random games, so that positions differ."""
    st = initial_state(c, games)
    rng = np.random.default_rng(seed)
    for _ in range(turns):
        play_turn(c, st, [RandomPolicy.for_scenario(c)] * len(c.actors), rng)
    return st


@cache
def without_neutrality() -> Scenario:
    """caspian-2021 with Turkmenistan's neutral status left out (for the rule's tests)."""
    sc = scenario("caspian-2021")
    actors = dict(sc.actors)
    actors["TM"] = actors["TM"].model_copy(update={"neutral": None})
    return sc.model_copy(update={"actors": actors})


@cache
def with_rules(name: str, **changes: float | None) -> Compiled:
    """Scenario `name` with the rule coefficients `changes` set (None: a rule left out)."""
    sc = scenario(name)
    return compile_scenario(sc.model_copy(update={"rules": sc.rules.model_copy(update=changes)}))
