"""The batched greedy policy: legal, best by the one-step outlook, deterministic."""

from __future__ import annotations

import numpy as np

from caspian_tabletop.ai.budget import NORMAL_PLAN_TURNS, plan_choice_values, with_full_purse
from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.ai.outlook import root_outlook
from caspian_tabletop.engine.batch import run_games
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.decisions import answer_gain
from caspian_tabletop.engine.legality import is_legal
from caspian_tabletop.engine.state import BatchState
from shipped import compiled, played


def _mixed_states(c: Compiled, games: int) -> BatchState:
    """A batch one turn into random games, so that positions differ."""
    return played(c, games, turns=1)


def test_choices_are_legal_and_best_per_game() -> None:
    c = compiled("caspian-2021")
    st = _mixed_states(c, 12)
    st.capital[::2] = 1.0  # half the games short of capital: there the plan matters
    policy = GreedyPolicy.for_scenario(c)
    for actor in range(len(c.actors)):
        action = policy.choose(c, st, actor, np.random.default_rng(0))
        live = ~st.over
        assert is_legal(c, st, action)[live].all()
        for game in np.flatnonzero(live)[:4]:
            row = st.row(int(game))
            view = root_outlook(c, with_full_purse(c, row, actor), actor)
            planned = plan_choice_values(c, row, actor, view.actions, view.value[None, :],
                                         NORMAL_PLAN_TURNS)[0]
            chosen = planned[view.actions == action[game]][0]
            assert abs(chosen - planned.max()) < 1e-9


def test_one_turn_of_planning_is_the_one_step_greedy_choice() -> None:
    c = compiled("caspian-2021")
    st = _mixed_states(c, 12)
    policy = GreedyPolicy.for_scenario(c, plan_turns=1)
    for actor in range(len(c.actors)):
        action = policy.choose(c, st, actor, np.random.default_rng(0))
        for game in np.flatnonzero(~st.over)[:4]:
            view = root_outlook(c, st.row(int(game)), actor)
            chosen = view.value[view.actions == action[game]][0]
            assert abs(chosen - view.value.max()) < 1e-9


def test_answers_follow_objectives() -> None:
    """Offers that ask a partner (each of the first seat's trades and summits in turn) get a
    yes exactly where saying yes leaves the partner no worse off than no; both answers
    occur."""
    c = compiled("caspian-2021")
    st = _mixed_states(c, 48)
    asking = np.flatnonzero(c.act_asks[c.act_start[0]:c.act_stop[0]]) + c.act_start[0]
    legal = is_legal(c, st, np.broadcast_to(asking, (st.size, asking.size)))
    rows = np.flatnonzero(legal.any(axis=1))
    action = np.array([asking[np.flatnonzero(legal[r])][r % legal[r].sum()] for r in rows])
    st = st.take(rows)
    rows = np.arange(st.size)
    answers = GreedyPolicy.for_scenario(c).answer(c, st, rows, action,
                                                  np.random.default_rng(0))
    gain = answer_gain(c, st, action)
    assert np.array_equal(answers, gain >= -1e-9)
    assert answers.any() and not answers.all()


def test_whole_games_are_deterministic() -> None:
    c = compiled("tutorial")
    policies = [GreedyPolicy.for_scenario(c)] * len(c.actors)
    first = run_games(c, 40, 5, list(policies))
    again = run_games(c, 40, 5, list(policies))
    assert first.over.all()
    assert np.array_equal(first.influence, again.influence)
    assert np.array_equal(first.tension, again.tension)
