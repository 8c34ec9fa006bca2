"""A yardstick seat played on the normal run's games: the same games until its moves differ."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from caspian_tabletop.analysis.paired_seat import PairedSeat
from caspian_tabletop.analysis.policies import named_policy
from caspian_tabletop.engine.arrays import BoolArr, IntArr
from caspian_tabletop.engine.batch import BatchPolicy, run_games
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.scoring import actor_scores
from caspian_tabletop.engine.state import BatchState
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
    same = np.isclose(all_scores([bot] * len(c.actors))[ir],
                      all_scores(seats_with("IR", paired))[ir])
    # Where two moves are worth exactly the same, the yardstick's own draw may pick the other
    # (on the last turn, a land-route trade with Russia or with Kazakhstan): all other games
    # are the normal run's.
    assert same.mean() > 0.9


def same_games(seats: list[BatchPolicy]) -> float:
    """The share of games that end with every actor's score as in the normal run."""
    c = compiled("caspian-2021")
    base = all_scores([named_policy(c, "normal")] * len(c.actors))
    return float(np.isclose(base, all_scores(seats)).all(axis=0).mean())


@dataclass
class OddGamesOnly:
    """`other` in the odd-numbered games of the batch and `bot` in the rest: a seat that
    plays as the bot in half of the games, and otherwise in the other half."""

    bot: BatchPolicy
    other: BatchPolicy

    def choose(self, c: Compiled, st: BatchState, actor: int, rng: np.random.Generator
               ) -> IntArr:
        mine = self.bot.choose(c, st, actor, rng)
        odd = np.arange(st.size) % 2 == 1
        return np.where(odd, self.other.choose(c, st, actor, rng), mine)

    def answer(self, c: Compiled, st: BatchState, rows: IntArr, action: IntArr,
               rng: np.random.Generator) -> BoolArr:
        return self.bot.answer(c, st, rows, action, rng)


def test_games_stay_the_normal_games_until_the_seat_plays_otherwise() -> None:
    # Paired, the games in which the seat plays as the bot are the normal run's games; in a
    # run of its own, the other policy's draws change the rest of every game.
    c = compiled("caspian-2021")
    def half() -> OddGamesOnly:
        return OddGamesOnly(named_policy(c, "normal"), named_policy(c, "trade-only"))
    paired = seats_with("IR", PairedSeat(named_policy(c, "normal"), half(),
                                         np.random.default_rng(3)))
    apart = seats_with("IR", half())
    assert same_games(paired) > 0.4
    assert same_games(apart) < 0.2
