"""Capital planned over a few turns: the normal bot saves for a dearer move when, over the
turns it plans, that is worth more than spending now, and never plays what it cannot pay."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_tabletop.ai.budget import planned_values, preferred

# Candidates: pass (cost 0), a summit (cost 1) and an investment (cost 3).
COST = np.array([0.0, 1.0, 3.0])


def plan(values: list[float], capital: float, gain: float, turns_left: int,
         plan_turns: int = 3) -> np.ndarray:
    return planned_values(np.array([values]), COST, np.array([capital]), np.array([gain]),
                          8.0, np.array([turns_left]), plan_turns)[0]


def test_it_saves_for_an_investment_it_can_pay_for_next_turn() -> None:
    # 2 capital, 1 a turn: a summit now leaves 2 next turn (no investment); a pass leaves 3
    planned = plan([0.0, 1.0, 5.0], capital=2, gain=1, turns_left=2)
    assert planned[2] == -np.inf  # not affordable now
    assert planned.tolist()[:2] == [5.0, 2.0]  # pass, then invest; or summit, then summit
    # over three turns saving costs nothing either way: a summit before or after the wait
    assert plan([0.0, 1.0, 5.0], capital=2, gain=1, turns_left=3).tolist()[:2] == [6.0, 6.0]


def test_of_two_orders_worth_the_same_the_better_move_comes_first() -> None:
    # 4 capital, nothing more to come: a summit then the investment, or the reverse, 7 each
    values = np.array([[0.0, 2.0, 5.0]])
    planned = planned_values(values, COST, np.array([4.0]), np.array([0.0]), 8.0,
                             np.array([2]), 3)
    assert planned.tolist() == [[5.0, 7.0, 7.0]]
    assert preferred(planned, values).tolist() == [[False, False, True]]


def test_a_better_plan_beats_a_better_move_now() -> None:
    # saving (a pass now) for the investment next turn beats the summit now
    values = np.array([[0.0, 1.0, 5.0]])
    planned = planned_values(values, COST, np.array([2.0]), np.array([1.0]), 8.0,
                             np.array([2]), 3)
    assert preferred(planned, values).tolist() == [[True, False, False]]


def test_on_the_last_turn_it_spends_what_it_has() -> None:
    planned = plan([0.0, 1.0, 5.0], capital=2, gain=1, turns_left=1)
    assert planned.tolist() == [0.0, 1.0, -np.inf]


def test_one_turn_of_planning_is_one_step_greed() -> None:
    values = [0.0, 1.0, 5.0]
    assert plan(values, capital=2, gain=1, turns_left=5, plan_turns=1).tolist() == [
        0.0, 1.0, -np.inf]


def test_a_cheap_move_worth_enough_is_still_taken() -> None:
    planned = plan([0.0, 4.0, 5.0], capital=2, gain=1, turns_left=4)
    assert int(np.argmax(planned)) == 1  # 4 + 4 + 4 beats 0 + 5 + 4


def test_illegal_candidates_stay_illegal() -> None:
    planned = plan([0.0, -np.inf, 5.0], capital=8, gain=1, turns_left=4)
    assert planned[1] == -np.inf and planned[2] > 5.0


@settings(max_examples=80, deadline=None)
@given(values=st.lists(st.floats(-5, 10), min_size=3, max_size=3),
       capital=st.floats(0, 8), gain=st.floats(0, 4), turns_left=st.integers(1, 8),
       plan_turns=st.integers(1, 4))
def test_the_plan_never_chooses_what_cannot_be_paid_and_adds_no_loss(
        values: list[float], capital: float, gain: float, turns_left: int,
        plan_turns: int) -> None:
    values[0] = 0.0  # a pass gains nothing
    planned = plan(values, capital, gain, turns_left, plan_turns)
    affordable = COST <= capital + 1e-9
    assert np.isneginf(planned[~affordable]).all()
    # the turns after are spent no worse than by passing through them: never below the move
    assert (planned[affordable] >= np.array(values)[affordable] - 1e-9).all()
    assert np.isfinite(planned[0])
