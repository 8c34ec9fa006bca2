"""The hard bot's search compares its candidates on common random numbers: the r-th playout
of every candidate draws the same rolls and cards, so a rare heavy outcome (a clash) cannot
land in one candidate's playouts by luck alone."""

from __future__ import annotations

import numpy as np

from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.ai.search import SharedDraws, played_out_values
from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.state import initial_state
from shipped import compiled

C = compiled("caspian-2021")


def test_shared_draws_repeat_for_each_block_and_move_the_stream_on() -> None:
    rng = np.random.default_rng(7)
    shared = SharedDraws(rng, 3)
    flat = shared.random(6)
    assert np.array_equal(flat[:2], flat[2:4]) and np.array_equal(flat[:2], flat[4:])
    grid = shared.random((6, 4))
    assert np.array_equal(grid[:2], grid[4:])
    assert not np.array_equal(grid[0], grid[1])
    odd = shared.random(5)  # a thinned batch: plain draws
    assert len(set(odd.tolist())) == 5
    assert rng.random() != flat[0]  # the stream underneath has moved on


def test_the_same_candidate_twice_is_valued_the_same() -> None:
    st = initial_state(C)
    ru = C.actor_index("RU")
    drill = C.action_of(parse_move("RU drill middle"))
    assert drill is not None
    candidates = np.array([drill, drill, C.pass_action(ru)], dtype=np.int64)
    values = played_out_values(C, st, ru, candidates, 6, GreedyPolicy.for_scenario(C),
                               np.random.default_rng(3))
    assert values[0] == values[1]  # with independent draws they would differ by luck
    assert np.isfinite(values).all()
