"""A finished game beside simulated ones: "better than 78 % of 2,000 games with normal bots".

A level says how an actor did against its par; a player also wants to know whether that was
good play or a kind game.  Games from the same opening, every seat played by the normal bot,
give the yardstick: the share of them in which the actor scored less than the player did
(ties count half).  The same seed gives the same games, so the sentence never changes for a
saved game.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.analysis.simulate import run_outcomes
from caspian_tabletop.engine.compiled import Compiled

# Enough games for a share to the nearest percent or so (a 95 % interval of about ±2 points
# at the median), and a few seconds on the batched engine for the full scenario.
COMPARE_GAMES = 2_000


@dataclass(frozen=True)
class Comparison:
    """Where each actor's score falls among `games` normal-bot games, in percent."""

    games: int
    better_than: dict[str, float]


def compare_with_bots(c: Compiled, final: Mapping[str, float], seed: int,
                      games: int = COMPARE_GAMES,
                      progress: Callable[[int], None] | None = None) -> Comparison:
    """Play `games` normal-bot games from the scenario's opening (seeded by `seed`) and place
    each actor's `final` score among that actor's scores in them."""
    policy = GreedyPolicy.for_scenario(c)
    reference = np.array([final[a] for a in c.actors])
    out = run_outcomes(c, games, seed, [policy] * len(c.actors), progress=progress,
                       reference=reference)
    placed = out.percentile_of_reference()
    return Comparison(games, {a: float(placed[i]) for i, a in enumerate(c.actors)})
