"""Hypothesis properties of the rules over random seeded games."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest
from hypothesis import given, settings
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


def random_game(name: str, seed: int, moves: int) -> Game:
    """A game of `name` after up to `moves` uniformly random legal moves."""
    game = Game(scenario(name), seed=seed)
    rng = np.random.default_rng(seed)
    for _ in range(moves):
        if game.is_over:
            break
        actor = game.to_move
        assert actor is not None
        options = game.legal_moves(actor)
        game.play(options[int(rng.integers(len(options)))])
    return game


def arrays_equal(a: BatchState, b: BatchState) -> bool:
    return all(np.array_equal(getattr(a, f.name), getattr(b, f.name)) for f in fields(a))


@FAST
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000), moves=st.integers(0, 60))
def test_values_stay_in_bounds_and_finite(name: str, seed: int, moves: int) -> None:
    s = random_game(name, seed, moves).state
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
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000), moves=st.integers(0, 60))
def test_influence_shares_sum_to_one_per_target(name: str, seed: int, moves: int) -> None:
    s = random_game(name, seed, moves).state
    totals = influence_shares(s).sum(axis=1)
    held = s.influence.sum(axis=1) > 0
    assert np.allclose(totals[held], 1.0)


@FAST
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000), moves=st.integers(0, 40))
def test_resolve_never_mutates_its_input(name: str, seed: int, moves: int) -> None:
    game = random_game(name, seed, moves)
    before = game.state.copy()
    c = compiled(name)
    rng = np.random.default_rng(seed)
    for actor in range(len(c.actors)):
        action = np.array([rng.integers(c.act_start[actor], c.act_stop[actor])])
        resolve(c, game.state, action, rng.random(1), np.array([True]))
    assert arrays_equal(before, game.state)


@FAST
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000))
def test_same_seed_same_game(name: str, seed: int) -> None:
    one, two = random_game(name, seed, 80), random_game(name, seed, 80)
    assert [sentence(r) for r in one.explanations] == [sentence(r) for r in two.explanations]
    assert arrays_equal(one.state, two.state)


@FAST
@given(
    name=st.sampled_from(NAMES),
    seed=st.integers(0, 10_000),
    moves=st.integers(0, 40),
    pick=st.integers(0, 10_000),
)
def test_illegal_moves_raise_with_reason_and_change_nothing(
    name: str, seed: int, moves: int, pick: int
) -> None:
    game = random_game(name, seed, moves)
    actor = game.to_move
    if actor is None:
        return
    c = game.compiled
    legal = set(game.legal_moves(actor))
    illegal = [
        c.move_of(m) for m in c.actions_of(c.actor_index(actor)) if c.move_of(m) not in legal
    ]
    if not illegal:
        return
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
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000), moves=st.integers(0, 60))
def test_fast_legality_agrees_with_reasoned_check(name: str, seed: int, moves: int) -> None:
    c = compiled(name)
    s = random_game(name, seed, moves).state
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
