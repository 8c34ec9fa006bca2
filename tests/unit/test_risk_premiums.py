"""Each state's risk premium is its own: a state that shows force again renews its premium,
another state's stands beside it and keeps away its share of what the first leaves; and the
bots value only what still stands when the final score reads the sea."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.lasting import lasting, without_lapsing
from caspian_tabletop.engine.resolve import FORCE_SUCCESS, resolve
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import open_throughput, premium_share, upkeep
from shipped import compiled

C = compiled("caspian-2021")
MIDDLE = C.corridors.index("middle-corridor")
RU, IR = C.actors.index("RU"), C.actors.index("IR")


def drill(state: BatchState, notation: str) -> BatchState:
    """`notation` played with its roll forced to succeed, then the turn opened again."""
    action = C.action_of(parse_move(notation))
    assert action is not None
    after, outcome = resolve(C, state, np.array([action]), np.array([0.5]),
                             np.array([False]), np.array([FORCE_SUCCESS]))
    assert outcome.legal[0], notation
    after.acted[...] = False  # a later move: the next state may drill too
    after.capital[...] = C.rules.capital_max
    return after


def test_a_second_state_s_premium_stands_beside_the_first() -> None:
    start = initial_state(C)
    carried = open_throughput(C, start)[0, MIDDLE]
    kept = 1.0 - C.rules.risk_premium
    russia = drill(start, "RU drill middle")
    both = drill(russia, "IR drill middle")
    assert russia.premium[0, RU, MIDDLE] == C.rules.premium_turns
    assert both.premium[0, IR, MIDDLE] == C.rules.premium_turns
    assert open_throughput(C, russia)[0, MIDDLE] == pytest.approx(carried * kept)
    assert open_throughput(C, both)[0, MIDDLE] == pytest.approx(carried * kept * kept)


def test_a_state_that_drills_again_renews_its_premium_without_deepening_it() -> None:
    start = initial_state(C)
    once = upkeep(C, drill(start, "RU drill middle"))
    assert once.premium[0, RU, MIDDLE] == C.rules.premium_turns - 1
    again = drill(once, "RU drill middle")
    assert again.premium[0, RU, MIDDLE] == C.rules.premium_turns
    assert premium_share(C, again)[0, MIDDLE] == pytest.approx(C.rules.risk_premium)


def test_premiums_lift_one_state_at_a_time() -> None:
    st_ = drill(initial_state(C), "RU drill middle")
    st_ = drill(upkeep(C, st_), "IR drill middle")  # Iran's one upkeep younger than Russia's
    st_ = upkeep(C, st_)
    assert premium_share(C, st_)[0, MIDDLE] == pytest.approx(C.rules.risk_premium)
    assert upkeep(C, st_).premium[0, :, MIDDLE].sum() == 0


@settings(max_examples=60, deadline=None)
@given(turn=st.integers(1, C.turns), left=st.lists(st.integers(0, 4), min_size=3, max_size=3))
def test_what_the_bots_keep_is_what_stands_at_the_final_score(turn: int, left: list[int]
                                                              ) -> None:
    """`lasting` keeps a countdown exactly when the upkeeps before the last quarter leave it
    in force then: the quarter whose sea the final score reads."""
    state = initial_state(C)
    state.turn[...] = turn
    state.premium[0, RU, MIDDLE], state.blocked[0, MIDDLE], state.stake[0, IR, MIDDLE] = left
    seen = without_lapsing(C, state)
    last = state
    while last.turn[0] < C.turns:
        last = upkeep(C, last)
    cells = {"premium": (0, RU, MIDDLE), "blocked": (0, MIDDLE), "stake": (0, IR, MIDDLE)}
    for (name, cell), count in zip(cells.items(), left, strict=True):
        assert (getattr(seen, name)[cell] > 0) == (getattr(last, name)[cell] > 0), name
        assert getattr(state, name)[cell] == count  # the state given is left as it was


def test_lasting_drops_only_counts_that_run_out_before_the_last_quarter() -> None:
    turns = np.array([C.turns - 2, C.turns - 1, C.turns])
    left = np.array([[2], [2], [1]])
    assert lasting(C, turns, left).tolist() == [[0], [2], [1]]
