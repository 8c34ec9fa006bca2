"""The vector environment: a batch of N games steps exactly like N single games, with the
PettingZoo environments' spaces, and refuses actions outside the mask."""

from __future__ import annotations

import numpy as np
import pytest

from caspian_tabletop.envs.observation import action_table, fields
from caspian_tabletop.envs.vector import VectorEnv, uniforms


def _choose(mask: np.ndarray, games: np.ndarray, step: int) -> np.ndarray:
    """A legal action per game, a function of the game's index and the step only."""
    noise = uniforms(7, games, step, 9)[:, None] * np.arange(1, mask.shape[1] + 1)
    return np.argmax((noise % 1.0 + 0.01) * mask, axis=1)


@pytest.mark.parametrize("scenario", ["tutorial", "caspian-2021"])
def test_a_batch_steps_like_single_games_side_by_side(scenario: str) -> None:
    n = 6
    batch = VectorEnv(scenario, n)
    singles = [VectorEnv(scenario, 1, first_game=i) for i in range(n)]
    seen = batch.reset(seed=3)
    alone = [env.reset(seed=3) for env in singles]
    games = np.arange(n)
    step = 0
    while not seen.terminated.all():
        for i, single in enumerate(alone):
            assert single.agent == seen.agent
            assert np.array_equal(single.observation[0], seen.observation[i])
            assert np.array_equal(single.action_mask[0], seen.action_mask[i])
            assert np.allclose(single.rewards[0], seen.rewards[i])
        actions = _choose(seen.action_mask, games, step)
        seen = batch.step(actions)
        alone = [env.step(actions[i:i + 1]) for i, env in enumerate(singles)]
        step += 1
    assert all(single.terminated[0] for single in alone)
    ended = batch.state.clash | (batch.state.turn > batch.compiled.turns)
    assert step > len(batch.agents) and ended.all()  # each by an armed clash or the calendar


def test_the_spaces_are_the_pettingzoo_environments() -> None:
    env = VectorEnv("caspian-2021", 4)
    seen = env.reset(seed=1)
    c = env.compiled
    assert seen.observation.shape == (4, fields(c).size)
    assert seen.observation.dtype == np.float32 and seen.action_mask.dtype == np.int8
    actor = c.actor_index(seen.agent)
    assert seen.action_mask.shape == (4, action_table(c, actor).size)


def test_a_masked_out_action_is_refused_with_the_game_named() -> None:
    env = VectorEnv("caspian-2021", 3)
    seen = env.reset(seed=2)
    actions = np.argmax(seen.action_mask, axis=1)
    illegal = int(np.flatnonzero(seen.action_mask[1] == 0)[0])
    actions[1] = illegal
    with pytest.raises(ValueError, match=rf"^game 1: action {illegal} \(.+\) is masked out"):
        env.step(actions)
    actions[1] = 999
    with pytest.raises(ValueError, match="game 1: action 999 is outside"):
        env.step(actions)
    with pytest.raises(ValueError, match="expected 3 actions"):
        env.step(actions[:2])


def test_streams_depend_on_the_game_not_the_batch() -> None:
    assert np.array_equal(uniforms(5, np.arange(10), 3, 1)[4:6], uniforms(5, np.arange(4, 6), 3, 1))
    drawn = uniforms(1, np.arange(100_000), 0, 1)
    assert 0.0 <= drawn.min() and drawn.max() < 1.0 and abs(drawn.mean() - 0.5) < 0.01
