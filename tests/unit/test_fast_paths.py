"""The fast paths behind greedy play give exactly the plain computations' results: legality
over a grid of games times one list of actions, one actor's scores over a large batch, chunk
sizes and reused buffers, and a policy's answers taken from the outlook of its own offers."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

import caspian_tabletop.ai.greedy_policy as greedy
from caspian_tabletop.ai.greedy_policy import GreedyPolicy, candidate_values, objective_answers
from caspian_tabletop.engine.batch import RandomPolicy
from caspian_tabletop.engine.decisions import answer_gain
from caspian_tabletop.engine.legality import check, is_legal
from caspian_tabletop.engine.rowwise import SMALL
from caspian_tabletop.engine.scoring import contributions
from shipped import compiled, played

NAMES = ["tutorial", "caspian-2021"]


@pytest.mark.parametrize("name", NAMES)
def test_grid_legality_is_the_flat_legality(name: str) -> None:
    c = compiled(name)
    st = played(c, 60, 2)
    st.acted[::5, 0] = True  # some actors have moved, some games are over
    st.over[::7] = True
    rows = np.arange(3, st.size, 2)
    for actor in range(len(c.actors)):
        actions = np.arange(c.act_start[actor], c.act_stop[actor], dtype=np.int64)
        for games in (None, rows):
            size = st.size if games is None else games.size
            grid = np.broadcast_to(actions, (size, actions.size))
            flat = np.ascontiguousarray(grid)  # the same entries, one game per entry
            assert np.array_equal(is_legal(c, st, grid, games), is_legal(c, st, flat, games))
            assert np.array_equal(check(c, st, grid, games), check(c, st, flat, games))


@pytest.mark.parametrize("name", NAMES)
def test_one_actor_scores_are_the_every_actor_scores(name: str) -> None:
    c = compiled(name)
    st = played(c, 2 * SMALL, 3)
    st.blocked[::9] = 2  # no open trade at all: shares of a zero total
    st.influence[::11, :, 0] = 0.0  # nobody sways actor 0: its autonomy and others' targets
    assert st.clash.any()
    every = contributions(c, st)
    for actor in range(len(c.actors)):
        one = contributions(c, st, np.full(st.size, actor))
        assert np.array_equal(one[:, 0], every[:, actor])
        mixed = np.full(st.size, actor)
        mixed[0] = (actor + 1) % len(c.actors)  # actors that differ: the general path
        assert np.array_equal(contributions(c, st, mixed)[1:, 0], every[1:, actor])


@pytest.mark.parametrize("name", NAMES)
def test_chunks_and_buffers_do_not_change_values(name: str, monkeypatch: pytest.MonkeyPatch
                                                 ) -> None:
    c = compiled(name)
    st = played(c, 40, 2)
    policy = GreedyPolicy.for_scenario(c)
    scratch = st.blank(greedy.CHUNK_ROWS)  # one buffer for every actor's valuation
    for actor in range(len(c.actors)):
        candidates = policy.candidates[actor]
        whole = candidate_values(c, st, actor, candidates)
        reused = greedy.valuation(c, st, actor, candidates, scratch)
        assert np.array_equal(reused.values, whole)
        with monkeypatch.context() as patch:
            patch.setattr(greedy, "CHUNK_ROWS", 64)
            assert np.array_equal(candidate_values(c, st, actor, candidates), whole)


@pytest.mark.parametrize("name", NAMES)
def test_answers_from_the_outlook_are_the_objective_answers(name: str) -> None:
    c = compiled(name)
    st = played(c, 300, 1)
    policy = GreedyPolicy.for_scenario(c)
    rng = np.random.default_rng(2)
    offered = 0
    for actor in range(len(c.actors)):
        action = policy.choose(c, st, actor, rng)
        rows = np.flatnonzero(c.act_partner[action] >= 0)
        assert policy.offers is not None
        known = policy.offers.answer(st, rows, action[rows])
        assert known is not None
        assert np.array_equal(known, objective_answers(c, st, rows, action[rows]))
        assert np.array_equal(policy.answer(c, st, rows, action[rows], rng), known)
        offered += int(c.act_asks[action].sum())
        # Asked about another state, the policy judges the offers afresh.
        moved = replace(st.copy(), tension=st.tension + 1.0)
        assert policy.offers.answer(moved, rows, action[rows]) is None
        assert np.array_equal(policy.answer(c, moved, rows, action[rows], rng),
                              objective_answers(c, moved, rows, action[rows]))
        st.acted[:, actor] = True
    assert offered > 0


def test_a_partner_judges_without_changing_the_game() -> None:
    """Every kind of offer (a trade, a summit, a partnered drill or blockade, a demand) is
    judged on copies: the game it is judged in is unchanged."""
    c = compiled("caspian-2021")
    st = played(c, 200, 2)
    before = st.copy()
    asked = 0
    for actor in range(len(c.actors)):
        action = RandomPolicy.for_scenario(c).choose(c, st, actor, np.random.default_rng(4))
        answer_gain(c, st, action)
        asked += int(c.act_asks[action].sum())
    assert asked > 0
    assert all(np.array_equal(a, b) for a, b in zip(st.arrays(), before.arrays(), strict=True))
