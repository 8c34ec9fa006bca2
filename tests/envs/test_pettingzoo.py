"""The PettingZoo environments pass PettingZoo's own test utilities, refuse masked-out actions
with a reason, and pay the rewards they document."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pettingzoo")

from pettingzoo.test import (  # noqa: E402
    api_test,
    parallel_api_test,
    parallel_seed_test,
    seed_test,
)

from caspian_tabletop.engine.victory import judge  # noqa: E402
from caspian_tabletop.envs.pettingzoo import CaspianEnv, env, parallel_env  # noqa: E402
from caspian_tabletop.render.transcript import transcript_lines  # noqa: E402


@pytest.mark.parametrize("scenario", ["tutorial", "caspian-2021"])
def test_pettingzoos_api_tests_pass(scenario: str) -> None:
    api_test(env(scenario=scenario), num_cycles=100)
    parallel_api_test(parallel_env(scenario=scenario), num_cycles=100)


def test_pettingzoos_seed_tests_pass() -> None:
    seed_test(env, num_cycles=50)
    # The parallel seed test samples actions without their masks: illegal ones are passes.
    parallel_seed_test(lambda: parallel_env(on_illegal="pass"), num_cycles=50)


def test_a_masked_out_action_is_refused_with_its_reason() -> None:
    aec = env(scenario="caspian-2021")
    aec.reset(seed=3)
    agent = aec.agent_selection
    mask = aec.observe(agent)["action_mask"]
    assert mask.any() and not mask.all()
    illegal = int(np.flatnonzero(mask == 0)[0])
    with pytest.raises(ValueError, match=rf"^{agent}: action {illegal} \(.+\) is masked out: "):
        aec.step(illegal)
    with pytest.raises(ValueError, match="outside its action space"):
        aec.step(mask.size)
    other = next(a for a in aec.agents if a != agent)
    assert not aec.observe(other)["action_mask"].any()  # not its turn: nothing is legal


def _play_out(aec: CaspianEnv) -> dict[str, list[float]]:
    """Every agent's rewards step by step, the first legal action each time."""
    paid: dict[str, list[float]] = {a: [] for a in aec.possible_agents}
    for agent in aec.agent_iter():
        observation, reward, done, cut, _ = aec.last()
        paid[agent].append(reward)
        aec.step(None if done or cut else int(np.flatnonzero(observation["action_mask"])[0]))
    return paid


def test_score_rewards_add_up_to_the_score_change() -> None:
    aec = env(scenario="tutorial")
    aec.reset(seed=5)
    start = aec.seats.scores()
    paid = _play_out(aec)
    final = aec.seats.scores()
    for agent, rewards in paid.items():
        assert sum(rewards) == pytest.approx(final[agent] - start[agent])


def test_victory_rewards_are_the_level_at_the_end_and_nothing_before() -> None:
    aec = env(scenario="tutorial", reward="victory")
    aec.reset(seed=5)
    paid = _play_out(aec)
    judged = judge(aec.seats.game.compiled, aec.seats.game.state)
    for i, agent in enumerate(aec.possible_agents):
        assert paid[agent][-1] == judged.level[0, i] - 2
        assert all(r == 0.0 for r in paid[agent][:-1])


def test_render_is_the_games_transcript() -> None:
    aec = env(scenario="tutorial", render_mode="ansi")
    aec.reset(seed=1)
    aec.step(int(np.flatnonzero(aec.observe(aec.agent_selection)["action_mask"])[0]))
    assert aec.render() == "\n".join(transcript_lines(aec.seats.game))


def test_a_bad_choice_of_reward_is_refused() -> None:
    with pytest.raises(ValueError, match="reward must be one of score, victory"):
        env(reward="points")
