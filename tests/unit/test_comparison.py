"""Placing a game among normal-bot games: the share of games an actor scored less in."""

from __future__ import annotations

import numpy as np

from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.analysis.comparison import compare_with_bots
from caspian_tabletop.engine.batch import play_to_end
from caspian_tabletop.engine.scoring import scores
from caspian_tabletop.engine.state import initial_state
from shipped import compiled


def test_scores_beyond_every_game_are_placed_at_the_ends() -> None:
    c = compiled("tutorial")
    high = compare_with_bots(c, {a: 1e6 for a in c.actors}, seed=1, games=200)
    low = compare_with_bots(c, {a: -1e6 for a in c.actors}, seed=1, games=200)
    assert high.games == 200 and set(high.better_than) == set(c.actors)
    assert all(v == 100.0 for v in high.better_than.values())
    assert all(v == 0.0 for v in low.better_than.values())


def test_a_typical_normal_bot_score_is_placed_near_the_middle() -> None:
    """The median of another sample of normal-bot games falls near the 50th percentile."""
    c = compiled("tutorial")
    policies = [GreedyPolicy.for_scenario(c)] * len(c.actors)
    other = scores(c, play_to_end(c, initial_state(c, 1).repeat(600), policies,
                                  np.random.Generator(np.random.PCG64(99))))
    median = {a: float(np.median(other[:, i])) for i, a in enumerate(c.actors)}
    placed = compare_with_bots(c, median, seed=1, games=600)
    for share in placed.better_than.values():
        assert 35.0 <= share <= 65.0


def test_the_same_seed_places_a_game_the_same_way() -> None:
    c = compiled("tutorial")
    final = {a: 30.0 for a in c.actors}
    assert compare_with_bots(c, final, 7, 300) == compare_with_bots(c, final, 7, 300)
