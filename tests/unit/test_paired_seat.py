"""A yardstick seat played on the normal run's games: the same games until its moves differ."""

from __future__ import annotations

import numpy as np

from caspian_tabletop.analysis.paired_seat import PairedSeat
from caspian_tabletop.analysis.policies import named_policy
from caspian_tabletop.engine.batch import BatchPolicy, run_games
from caspian_tabletop.engine.scoring import actor_scores
from shipped import compiled

GAMES, SEED = 60, 5


def final_scores(seats: list[BatchPolicy], actor: int) -> np.ndarray:
    c = compiled("caspian-2021")
    final = run_games(c, GAMES, SEED, seats)
    return np.asarray(actor_scores(c, final, np.full(final.size, actor)))


def test_the_bot_as_its_own_yardstick_plays_the_normal_games() -> None:
    c = compiled("caspian-2021")
    bot = named_policy(c, "normal")
    ir = c.actors.index("IR")
    seats: list[BatchPolicy] = [bot] * len(c.actors)
    seats[ir] = PairedSeat(bot, named_policy(c, "normal"), np.random.default_rng(9))
    assert np.array_equal(final_scores([bot] * len(c.actors), ir), final_scores(seats, ir))


def same_games(seats: list[BatchPolicy]) -> float:
    """The share of games that end with every actor's score as in the normal run."""
    c = compiled("caspian-2021")
    base = run_games(c, GAMES, SEED, [named_policy(c, "normal")] * len(c.actors))
    run = run_games(c, GAMES, SEED, seats)
    same = np.ones(GAMES, dtype=bool)
    for a in range(len(c.actors)):
        whom = np.full(GAMES, a)
        same &= np.isclose(actor_scores(c, base, whom), actor_scores(c, run, whom))
    return float(same.mean())


def test_games_stay_the_normal_games_until_the_seat_plays_otherwise() -> None:
    # Iran's normal bot trades at nearly every move, as the trading yardstick does: paired,
    # most games are the normal run's games; in a run of their own, the yardstick's fewer
    # random draws change the rest of every game.
    c = compiled("caspian-2021")
    bot = named_policy(c, "normal")
    ir = c.actors.index("IR")
    paired: list[BatchPolicy] = [bot] * len(c.actors)
    paired[ir] = PairedSeat(bot, named_policy(c, "trade-only"), np.random.default_rng(3))
    apart: list[BatchPolicy] = [bot] * len(c.actors)
    apart[ir] = named_policy(c, "trade-only")
    assert same_games(paired) > 0.8
    assert same_games(apart) < 0.2
