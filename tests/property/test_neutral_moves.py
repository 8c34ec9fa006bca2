"""Neutrality (docs/rules.md, Neutral states) takes away exactly the neutral state's drills,
blockades and demands and every drill or blockade that asks it to join, and nothing else:
in random positions, each actor's legal moves are those of the same scenario without the
status, less those."""

from __future__ import annotations

from functools import cache

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_tabletop.engine.compiled import BLOCKADE, DEMAND, DRILL, Compiled, compile_scenario
from caspian_tabletop.engine.legality import legal_mask
from shipped import played, scenario, without_neutrality


@cache
def with_and_without() -> tuple[Compiled, Compiled]:
    return (compile_scenario(scenario("caspian-2021")),
            compile_scenario(without_neutrality()))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), turns=st.integers(0, 7))
def test_the_status_removes_only_pressure_by_or_with_the_neutral_state(seed: int,
                                                                        turns: int) -> None:
    neutral, open_ = with_and_without()
    positions = played(open_, 16, turns, seed)
    naval = np.isin(neutral.act_kind, (DRILL, BLOCKADE))
    pressure = naval | (neutral.act_kind == DEMAND)
    barred = ((pressure & neutral.neutral[neutral.act_actor])
              | (naval & (neutral.act_partner >= 0)
                 & neutral.neutral[np.maximum(neutral.act_partner, 0)]))
    for actor in range(len(neutral.actors)):
        columns = slice(int(neutral.act_start[actor]), int(neutral.act_stop[actor]))
        expected = legal_mask(open_, positions, actor) & ~barred[columns]
        assert np.array_equal(legal_mask(neutral, positions, actor), expected)
