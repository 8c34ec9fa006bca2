"""Calibrating victory: each actor's par and spread of final scores over several bot
populations, and the scenario's `victory` block that holds them.

One population would make par the score of one style of play, and a human who plays
differently would be judged against a standard that was never theirs.  So games are played
from the opening by four populations, weighted equally: random legal moves, normal (greedy)
bots, mixed seats (each seat random or normal, drawn afresh for each of MIXED_GROUPS groups
of games) and hard (search) bots in every seat, which are slow and so are sampled in fewer
games.  Par is the mean of the four populations' means and sd the spread of their pooled
scores.  How often each goal is met is kept per population, so a goal that no one ever meets
(or everyone always does) shows in the block's comments, with the median of what its bound
is compared with among the competent populations (normal and hard bots): the bound that
makes the goal an even chance for a competent player.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from caspian_tabletop.ai.bots import HardBot
from caspian_tabletop.ai.factory import bot_seed
from caspian_tabletop.analysis.policies import named_policy
from caspian_tabletop.analysis.simulate import run_outcomes
from caspian_tabletop.analysis.tally import Moments
from caspian_tabletop.domain.figures import figure
from caspian_tabletop.engine.arrays import BoolArr, FloatArr, IntArr
from caspian_tabletop.engine.batch import BatchPolicy
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.goals import goals_of, is_met, measure
from caspian_tabletop.engine.scoring import scores
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.victory import DEFAULT_DECISIVE, DEFAULT_MARGINAL

Progress = Callable[[int], None]

MIXED_GROUPS = 8
COMPETENT = ("normal", "hard")  # whose play a goal's bound should make an even chance
SD_FLOOR = 0.1  # the block keeps one decimal, and an sd must be positive


@dataclass(frozen=True)
class Population:
    """Final scores of one population: games, per actor mean and sd, and per actor and goal
    the value its condition measured in every game and whether the goal was met."""

    name: str
    games: int
    mean: FloatArr
    sd: FloatArr
    goal_values: tuple[tuple[FloatArr, ...], ...]
    goal_met: tuple[tuple[BoolArr, ...], ...]


@dataclass(frozen=True)
class Calibration:
    populations: tuple[Population, ...]
    par: FloatArr
    sd: FloatArr


class _Sample:
    """A run observer that keeps, as the games of one population finish, their scores'
    moments and every goal's measured value and result (a few numbers a game)."""

    def __init__(self, c: Compiled) -> None:
        self.compiled = c
        self.scores = Moments(len(c.actors))
        goals = [goals_of(c, a) for a in range(len(c.actors))]
        self.values: list[list[list[FloatArr]]] = [[[] for _ in g] for g in goals]
        self.met: list[list[list[BoolArr]]] = [[[] for _ in g] for g in goals]

    def start(self, games: int) -> None:
        """Nothing is kept per decision."""

    def decided(self, c: Compiled, st: BatchState, actor: int, action: IntArr,
                games: IntArr) -> None:
        """Nothing is kept per decision."""

    def finish(self, final: BatchState) -> None:
        c = self.compiled
        self.scores.add(scores(c, final))
        for a in range(len(c.actors)):
            for g, goal in enumerate(goals_of(c, a)):
                value = measure(c, final, a, goal.condition)
                self.values[a][g].append(value)
                self.met[a][g].append(is_met(goal.condition, value, final, c))

    def population(self, name: str) -> Population:
        return Population(
            name, self.scores.count, self.scores.mean.copy(), self.scores.sd(),
            tuple(tuple(np.concatenate(v) for v in actor) for actor in self.values),
            tuple(tuple(np.concatenate(m) for m in actor) for actor in self.met))


def mixed_seats(c: Compiled, seed: int) -> list[list[str]]:
    """Per group of mixed games, the policy of each seat: random or normal, drawn at random
    (the same draws for the same seed)."""
    rng = np.random.default_rng([seed, len(c.actors)])
    return [["normal" if normal else "random" for normal in row]
            for row in rng.random((MIXED_GROUPS, len(c.actors))) < 0.5]


def calibrate(c: Compiled, games: int, hard_games: int, seed: int,
              progress: Progress | None = None) -> Calibration:
    """Play every population (`games` each, `hard_games` for the hard bots, 0 to leave them
    out) and pool their scores with equal weight."""
    populations = []
    for offset, name in enumerate(("random", "normal")):
        sample = _Sample(c)
        run_outcomes(c, games, seed + offset, [named_policy(c, name)] * len(c.actors),
                     progress=progress, observer=sample)
        populations.append(sample.population(name))
    sample = _Sample(c)
    made: dict[str, BatchPolicy] = {}
    for group, seats in enumerate(mixed_seats(c, seed)):
        size = games // MIXED_GROUPS + (group < games % MIXED_GROUPS)
        if size:
            policies = [made.setdefault(name, named_policy(c, name)) for name in seats]
            run_outcomes(c, size, seed + 2 + group, policies, progress=progress,
                         observer=sample)
    populations.append(sample.population("mixed"))
    if hard_games > 0:
        populations.append(hard_population(c, hard_games, seed, progress))
    par, sd = pooled(populations)
    return Calibration(tuple(populations), par, sd)


def hard_population(c: Compiled, games: int, seed: int,
                    progress: Progress | None = None) -> Population:
    """Whole games with the hard bot in every seat, one at a time (its search is batched
    already); game g is seeded `seed + g`."""
    sample = _Sample(c)
    for g in range(games):
        game = Game(c.scenario, seed=seed + g, compiled=c)
        bots = {a: HardBot(bot_seed(seed + g, i)) for i, a in enumerate(c.actors)}
        while not game.is_over:
            actor = game.to_move
            assert actor is not None
            game.play(bots[actor].choose(game, actor))
        sample.finish(game.state)
        if progress is not None:
            progress(1)
    return sample.population("hard")


def pooled_median(populations: Sequence[Population], actor: int, goal: int) -> float:
    """The value of a goal's measure that half the games end above, each population
    weighing the same whatever its number of games: where a bound makes the goal as hard
    as a coin toss for the pooled players."""
    values = np.concatenate([p.goal_values[actor][goal] for p in populations])
    weights = np.concatenate([np.full(p.games, 1.0 / p.games) for p in populations])
    order = np.argsort(values, kind="stable")
    # The first value with half the weight at or below it (less a rounding of the sums).
    middle = np.searchsorted(np.cumsum(weights[order]), weights.sum() / 2 - 1e-9)
    return float(values[order][min(int(middle), values.size - 1)])


def pooled(populations: Sequence[Population]) -> tuple[FloatArr, FloatArr]:
    """Par and sd of the equal-weight mixture of the populations: the mean of their means,
    and the spread of the mixture (their spreads plus how far their means lie apart)."""
    means = np.array([p.mean for p in populations])
    variances = np.array([p.sd for p in populations]) ** 2
    par = means.mean(axis=0)
    spread = np.sqrt(np.maximum((variances + means**2).mean(axis=0) - par**2, 0.0))
    return par, np.maximum(spread, SD_FLOOR)


def victory_block(c: Compiled, cal: Calibration, command: str,
                  marginal: float = DEFAULT_MARGINAL, decisive: float = DEFAULT_DECISIVE) -> str:
    """The scenario's `victory` block as YAML text, with the populations' figures and the
    goals' hit rates as comments."""
    names = [p.name + (f" ({p.games:,} game{'s' if p.games != 1 else ''})"
                       if p.name == "hard" else "")
             for p in cal.populations]
    lines = ["victory:",
             "  # Made by the command below (docs/balance.md). Final score by population,",
             "  # mean (sd):",
             "  #       " + "".join(f"{name:<22}" for name in names).rstrip()]
    for a, actor in enumerate(c.actors):
        cells = "".join(f"{f'{p.mean[a]:.1f} ({p.sd[a]:.1f})':<22}" for p in cal.populations)
        lines.append(f"  #   {actor:<4}{cells}".rstrip())
    if any(goals_of(c, a) for a in range(len(c.actors))):
        lines.append("  # Share of games in which each goal is met, by population ("
                     + " / ".join(p.name for p in cal.populations) + "),")
        lines.append("  # and the median, among normal and hard bots, of what its bound is "
                     "compared with:")
        competent = [p for p in cal.populations if p.name in COMPETENT]
        for a, actor in enumerate(c.actors):
            for g, goal in enumerate(goals_of(c, a)):
                shares = " / ".join(figure(float(p.goal_met[a][g].mean()), ".0%")
                                    for p in cal.populations)
                median = ("" if goal.condition.kind in ("asset-online", "no-clash") else
                          f" (median {pooled_median(competent, a, g):.3g})")
                lines.append(f"  #   {actor} {goal.text}: {shares}{median}")
    count = COUNTS.get(len(cal.populations), str(len(cal.populations)))
    rationale = textwrap.wrap(RATIONALE.format(count=count,
                                               marginal=marginal, decisive=decisive),
                              width=92, initial_indent="    ", subsequent_indent="    ")
    lines += [f"  command: {command}", "  rationale: >-", *rationale,
              f"  marginal: {marginal:g}", f"  decisive: {decisive:g}", "  actors:"]
    lines += [f"    {actor}: {{par: {cal.par[a]:.1f}, sd: {max(cal.sd[a], SD_FLOOR):.1f}}}"
              for a, actor in enumerate(c.actors)]
    return "\n".join(lines) + "\n"


COUNTS = {3: "three", 4: "four"}
RATIONALE = (
    "Par and sd are each actor's mean and standard deviation of final score in games from "
    "the opening, pooled with equal weight over {count} bot populations (random moves, normal "
    "bots, mixed seats, hard bots), so that no one style of play sets the standard. An actor "
    "is judged by (score − par) / sd, in its own spread, so an actor whose score varies "
    "widely is not favoured: held within {marginal:g} sd of par, marginal beyond it, "
    "decisive beyond {decisive:g} sd. Re-run the command after any change to the rules, the "
    "objectives or the goals.")
