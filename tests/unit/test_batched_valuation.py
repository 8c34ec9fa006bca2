"""The shortcuts behind fast greedy play give the plain computations' results: grouping games
by position, reused buffers, the scored part of upkeep, term-by-term reductions, the scoring
fast paths, chunked outlooks and merged trade answers."""

from __future__ import annotations

import numpy as np
import pytest

from caspian_tabletop.ai.greedy_policy import GreedyPolicy, candidate_values
from caspian_tabletop.ai.outlook import outlook, root_outlook, standing
from caspian_tabletop.engine.batch import BatchPolicy, RandomPolicy, answers
from caspian_tabletop.engine.legality import is_legal
from caspian_tabletop.engine.rowwise import max_last, sum_last, sum_second
from caspian_tabletop.engine.scoring import actor_scores, contributions
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import scored_upkeep, scored_upkeep_in_place, upkeep_in_place
from shipped import compiled, played

NAMES = ["tutorial", "caspian-2021"]


def same_games(a: BatchState, b: BatchState) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a.arrays(), b.arrays(), strict=True))


def test_distinct_groups_exactly_the_equal_games() -> None:
    c = compiled("caspian-2021")
    st = played(c, 12, 2).take(np.array([0, 1, 0, 2, 1, 3, 0, 4, 5, 5]))
    st.tension[4] = np.nextafter(st.tension[4], np.inf)  # a rounding apart from game 1
    rows = np.arange(1, st.size)
    first, group = st.distinct(rows)
    assert same_games(st.take(rows), st.take(first[group]))
    assert len(first) == 7  # 1 = 4 only up to a rounding; 0 = 2 = 6; 8 = 9
    empty_first, empty_group = st.distinct(np.zeros(0, dtype=np.int64))
    assert empty_first.size == empty_group.size == 0


def test_buffers_take_place_and_span() -> None:
    c = compiled("tutorial")
    st = played(c, 6, 1)
    buffer = st.blank(8)
    rows = np.array([4, 1, 1])
    taken = st.take(rows, into=buffer)
    assert same_games(taken, st.take(rows))
    assert np.shares_memory(taken.influence, buffer.influence)
    buffer.place(3, taken)
    assert same_games(buffer.span(3, 6), st.take(rows))
    assert same_games(st.span(2, 5), st.take(np.arange(2, 5)))


@pytest.mark.parametrize("name", NAMES)
def test_scored_upkeep_gives_the_scores_of_upkeep(name: str) -> None:
    c = compiled(name)
    st = played(c, 40, 2)
    st.over[::7] = True  # finished games keep their state either way
    full = st.copy()
    upkeep_in_place(c, full)
    scored = st.copy()
    scored_upkeep_in_place(c, scored)
    assert np.array_equal(contributions(c, full), contributions(c, scored))
    before = st.copy()
    assert same_games(scored_upkeep(c, st), scored)
    assert same_games(st, before)  # the shared fields are left alone
    for actor in range(len(c.actors)):
        alone = st.copy()
        scored_upkeep_in_place(c, alone, actor)
        whom = np.full(st.size, actor)
        assert np.array_equal(contributions(c, alone, whom), contributions(c, full, whom))


@pytest.mark.parametrize("terms", range(1, 11))
@pytest.mark.parametrize("batch", [3, 40, 3000])
def test_term_by_term_reductions_equal_numpy(terms: int, batch: int) -> None:
    rng = np.random.default_rng(terms * batch)
    x = rng.standard_normal((batch, 2, terms)) * rng.choice([1e-3, 1.0, 1e5], (batch, 2, terms))
    assert np.array_equal(sum_last(x), x.sum(axis=-1))
    assert np.array_equal(max_last(x), x.max(axis=-1))
    across = np.swapaxes(x, 1, 2)  # [batch, terms, 2]: the terms on the second axis
    assert np.array_equal(sum_second(across), across.sum(axis=1))
    assert np.array_equal(sum_second(across > 0), (across > 0).sum(axis=1))


@pytest.mark.parametrize("name", NAMES)
def test_scoring_fast_paths_agree_with_gathering(name: str) -> None:
    c = compiled(name)
    st = played(c, 300, 3)
    every = contributions(c, st)
    rows = np.arange(0, st.size, 3)
    for actor in range(len(c.actors)):
        whom = np.full(st.size, actor)
        mixed = whom.copy()
        mixed[0] = (actor + 1) % len(c.actors)  # not one actor throughout: gathered
        np.testing.assert_allclose(contributions(c, st, whom)[:, 0], every[:, actor],
                                   rtol=0, atol=1e-12)
        np.testing.assert_allclose(contributions(c, st, mixed)[1:, 0], every[1:, actor],
                                   rtol=0, atol=1e-12)
        np.testing.assert_allclose(actor_scores(c, st, whom[rows], rows),
                                   every[rows, actor].sum(axis=1), rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_chunked_outlook_matches_a_plain_one(name: str) -> None:
    c = compiled(name)
    st = played(c, 30, 2)
    actor = 1
    candidates = GreedyPolicy.for_scenario(c).candidates[actor]
    legal = is_legal(c, st, np.broadcast_to(candidates, (st.size, candidates.size)))
    game, column = np.nonzero(legal)
    plain = outlook(c, st, game, candidates[column])
    order = np.argsort(c.act_kind[candidates[column]], kind="stable")
    chunked = outlook(c, st, game[order], candidates[column[order]], standing(c, st, actor),
                      st.blank(2 * game.size))
    np.testing.assert_allclose(chunked.value, plain.value[order], rtol=0, atol=1e-12)
    assert np.array_equal(chunked.accepted, plain.accepted[order])
    values = candidate_values(c, st, actor, candidates)
    np.testing.assert_allclose(values[game, column], plain.value, rtol=0, atol=1e-12)
    assert np.isneginf(values[~legal]).all()
    index = {int(a): i for i, a in enumerate(candidates)}
    for g in range(0, st.size, 7):
        view = root_outlook(c, st.row(g), actor)
        mine = values[g, [index[int(a)] for a in view.actions]]
        np.testing.assert_allclose(mine, view.value, rtol=0, atol=1e-12)


def test_shared_policies_answer_in_one_call_as_if_asked_seat_by_seat() -> None:
    c = compiled("caspian-2021")
    st = played(c, 200, 1)
    action = RandomPolicy.for_scenario(c).choose(c, st, 0, np.random.default_rng(1))
    shared = RandomPolicy.for_scenario(c)
    policies: list[BatchPolicy] = [shared] * 4 + [RandomPolicy.for_scenario(c)] * 3
    merged_rng, seat_rng = np.random.default_rng(5), np.random.default_rng(5)
    merged = answers(c, st, policies, action, merged_rng)
    by_seat = np.zeros(st.size, dtype=bool)
    partner = c.act_partner[action]
    for p, policy in enumerate(policies):
        rows = np.flatnonzero(partner == p)
        if rows.size:
            by_seat[rows] = policy.answer(c, st, rows, action[rows], seat_rng)
    assert np.array_equal(merged, by_seat)
    assert merged_rng.random() == seat_rng.random()
