"""Hypothesis properties of the rules over random seeded games."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from caspian_tabletop.domain.errors import IllegalMoveError
from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.batch import RandomPolicy
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.legality import check, is_legal
from caspian_tabletop.engine.resolve import resolve
from caspian_tabletop.engine.scoring import influence_shares, scores
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.render.resolution import sentence
from shipped import compiled, scenario

NAMES = ["tutorial", "caspian-2021"]
FAST = settings(max_examples=25, deadline=None)


# The moves of a game, drawn by Hypothesis as indices into each position's legal moves (taken
# modulo their number), so that a failure shrinks to a short game of early choices.
PICKS = st.lists(st.integers(0, 10_000), max_size=60)


def random_game(name: str, seed: int, picks: list[int]) -> Game:
    """A game of `name` (chance from `seed`) after the legal moves `picks` point at, until
    the picks or the game run out."""
    game = Game(scenario(name), seed=seed)
    for pick in picks:
        if game.is_over:
            break
        actor = game.to_move
        assert actor is not None
        options = game.legal_moves(actor)
        game.play(options[pick % len(options)])
    return game


def arrays_equal(a: BatchState, b: BatchState) -> bool:
    return all(np.array_equal(getattr(a, f.name), getattr(b, f.name)) for f in fields(a))


@FAST
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000), picks=PICKS)
def test_values_stay_in_bounds_and_finite(name: str, seed: int, picks: list[int]) -> None:
    s = random_game(name, seed, picks).state
    for f in fields(s):
        values = getattr(s, f.name)
        if values.dtype.kind == "f":
            assert np.isfinite(values).all(), f.name
    assert ((s.influence >= 0) & (s.influence <= 100)).all()
    assert ((s.relations >= -100) & (s.relations <= 100)).all()
    assert np.allclose(s.relations, np.swapaxes(s.relations, 1, 2))
    assert ((s.tension >= 0) & (s.tension <= 10)).all()
    assert (s.capital >= -1e-9).all()
    assert (s.throughput <= s.capacity + 1e-9).all()


@FAST
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000), picks=PICKS)
def test_influence_shares_sum_to_one_per_target(name: str, seed: int, picks: list[int]
                                               ) -> None:
    s = random_game(name, seed, picks).state
    totals = influence_shares(s).sum(axis=1)
    held = s.influence.sum(axis=1) > 0
    assert np.allclose(totals[held], 1.0)


@FAST
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000), picks=PICKS,
       tried=st.lists(st.tuples(st.integers(0, 10_000), st.floats(0, 1, exclude_max=True)),
                      min_size=1, max_size=7))
def test_resolve_never_mutates_its_input(name: str, seed: int, picks: list[int],
                                         tried: list[tuple[int, float]]) -> None:
    game = random_game(name, seed, picks)
    before = game.state.copy()
    c = compiled(name)
    for actor, (pick, roll) in enumerate(tried[:len(c.actors)]):
        action = np.array([c.act_start[actor] + pick % (c.act_stop[actor] - c.act_start[actor])])
        resolve(c, game.state, action, np.array([roll]), np.array([True]))
    assert arrays_equal(before, game.state)


@FAST
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000), picks=PICKS)
def test_same_seed_same_game(name: str, seed: int, picks: list[int]) -> None:
    one, two = random_game(name, seed, picks), random_game(name, seed, picks)
    assert [sentence(r) for r in one.explanations] == [sentence(r) for r in two.explanations]
    assert arrays_equal(one.state, two.state)


@FAST
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000), picks=PICKS,
       pick=st.integers(0, 10_000))
def test_illegal_moves_raise_with_reason_and_change_nothing(
    name: str, seed: int, picks: list[int], pick: int
) -> None:
    game = random_game(name, seed, picks)
    actor = game.to_move
    assume(actor is not None)
    assert actor is not None
    c = game.compiled
    legal = set(game.legal_moves(actor))
    illegal = [
        c.move_of(m) for m in c.actions_of(c.actor_index(actor)) if c.move_of(m) not in legal
    ]
    assume(illegal)
    move = illegal[pick % len(illegal)]
    before, log = game.state.copy(), len(game.explanations)
    reason = game.why_illegal(move)
    assert reason
    with pytest.raises(IllegalMoveError) as caught:
        game.play(move)
    assert caught.value.reason == reason
    assert arrays_equal(before, game.state)
    assert len(game.explanations) == log


@FAST
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000), picks=PICKS)
def test_fast_legality_agrees_with_reasoned_check(name: str, seed: int, picks: list[int]
                                                  ) -> None:
    c = compiled(name)
    s = random_game(name, seed, picks).state
    every = np.arange(len(c.act_kind), dtype=np.int64)[None, :]
    assert np.array_equal(is_legal(c, s, every), check(c, s, every) == 0)


def test_every_action_notation_round_trips() -> None:
    for name in NAMES:
        c = compiled(name)
        for action in range(len(c.act_kind)):
            move = c.move_of(action)
            assert parse_move(move.notation()) == move
            assert c.action_of(move) == action


@FAST
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000))
def test_batch_rows_evolve_as_independent_games(name: str, seed: int) -> None:
    """A batch of N steps exactly like N separate batch-of-one games."""
    c = compiled(name)
    rng = np.random.default_rng(seed)
    batch = initial_state(c, 6)
    singles = [batch.row(i) for i in range(6)]
    policy = RandomPolicy.for_scenario(c)
    for _ in range(3 * len(c.actors)):
        actor = int(c.initiative[int(rng.integers(len(c.actors)))])
        action = policy.choose(c, batch, actor, rng)
        roll, accept = rng.random(6), rng.random(6) < 0.5
        batch, _ = resolve(c, batch, action, roll, accept)
        singles = [
            resolve(c, s, action[i : i + 1], roll[i : i + 1], accept[i : i + 1])[0]
            for i, s in enumerate(singles)
        ]
    for i, single in enumerate(singles):
        assert arrays_equal(batch.row(i), single)
    assert np.allclose(scores(c, batch), np.vstack([scores(c, s) for s in singles]))


@FAST
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000), picks=PICKS,
       then=st.lists(st.integers(0, 10_000), min_size=1, max_size=8))
def test_undo_restores_the_state_and_the_chance_to_come(name: str, seed: int,
                                                        picks: list[int],
                                                        then: list[int]) -> None:
    """Undoing moves gives back the state, the log and the random generator exactly: the
    same moves played again give the same game, rolls included."""
    game = random_game(name, seed, picks)
    assume(not game.is_over)
    before, log, records = game.state.copy(), len(game.explanations), len(game.records)
    played = []
    for pick in then:
        if game.is_over:
            break
        options = game.legal_moves(str(game.to_move))
        played.append(options[pick % len(options)])
        game.play(played[-1])
    first = [sentence(r) for r in game.explanations[log:]]
    after = game.state.copy()
    game.undo(len(played))
    assert arrays_equal(before, game.state)
    assert len(game.explanations) == log and len(game.records) == records
    for move in played:
        game.play(move)
    assert [sentence(r) for r in game.explanations[log:]] == first
    assert arrays_equal(after, game.state)


@FAST
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000), picks=PICKS,
       pick=st.integers(0, 10_000))
def test_preview_leaves_the_game_unchanged(name: str, seed: int, picks: list[int],
                                           pick: int) -> None:
    game = random_game(name, seed, picks)
    assume(not game.is_over)
    twin = random_game(name, seed, picks)
    options = game.legal_moves(str(game.to_move))
    move = options[pick % len(options)]
    digest, log = game.digest(), len(game.explanations)
    game.preview(move)
    assert game.digest() == digest and len(game.explanations) == log
    game.play(move)
    twin.play(move)  # no draw was used up by the preview either
    assert arrays_equal(game.state, twin.state)
    assert [sentence(r) for r in game.explanations] == [sentence(r) for r in twin.explanations]
