"""A yardstick seat played on the normal run's games: the same games until its moves differ."""

from __future__ import annotations

import numpy as np

from caspian_tabletop.analysis.paired_seat import PairedSeat
from caspian_tabletop.analysis.policies import named_policy
from caspian_tabletop.engine.batch import BatchPolicy, run_games
from caspian_tabletop.engine.scoring import actor_scores
from shipped import compiled

GAMES, SEED = 60, 5


def all_scores(seats: list[BatchPolicy]) -> np.ndarray:
    """[A, G] every actor's final score in each game of a run with `seats`."""
    c = compiled("caspian-2021")
    final = run_games(c, GAMES, SEED, seats)
    return np.array([actor_scores(c, final, np.full(final.size, a))
                     for a in range(len(c.actors))])


def seats_with(actor: str, policy: BatchPolicy) -> list[BatchPolicy]:
    """Normal bots in every seat but `actor`'s."""
    c = compiled("caspian-2021")
    seats: list[BatchPolicy] = [named_policy(c, "normal")] * len(c.actors)
    seats[c.actors.index(actor)] = policy
    return seats


def test_the_bot_as_its_own_yardstick_plays_the_normal_games() -> None:
    c = compiled("caspian-2021")
    ir = c.actors.index("IR")
    bot = named_policy(c, "normal")
    paired = PairedSeat(bot, named_policy(c, "normal"), np.random.default_rng(9))
    assert np.array_equal(all_scores([bot] * len(c.actors))[ir],
                          all_scores(seats_with("IR", paired))[ir])


def same_games(seats: list[BatchPolicy]) -> float:
    """The share of games that end with every actor's score as in the normal run."""
    c = compiled("caspian-2021")
    base = all_scores([named_policy(c, "normal")] * len(c.actors))
    return float(np.isclose(base, all_scores(seats)).all(axis=0).mean())


def test_games_stay_the_normal_games_until_the_seat_plays_otherwise() -> None:
    # Iran's normal bot trades at nearly every move, as the trading yardstick does: paired,
    # most games are the normal run's games; in a run of their own, the yardstick's fewer
    # random draws change the rest of every game.
    c = compiled("caspian-2021")
    paired = seats_with("IR", PairedSeat(named_policy(c, "normal"),
                                         named_policy(c, "trade-only"),
                                         np.random.default_rng(3)))
    apart = seats_with("IR", named_policy(c, "trade-only"))
    assert same_games(paired) > 0.8
    assert same_games(apart) < 0.2
