"""Monte Carlo runs of whole games on the batched engine, and their statistics.

Games run in fixed-size chunks, each chunk one batch with its own generator spawned from the
run's seed, so a seed always gives the same result and a progress callback can report after
each chunk.  Each chunk's final states are folded into running statistics (`Outcomes`, built
on analysis.tally) and dropped, so a run's memory does not grow with its number of games.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from caspian_tabletop.analysis.tally import Histogram, Moments
from caspian_tabletop.engine.arrays import FloatArr
from caspian_tabletop.engine.batch import BatchPolicy, DecisionObserver, play_to_end
from caspian_tabletop.engine.compiled import KIND_INDEX, Compiled
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import open_throughput
from caspian_tabletop.engine.victory import LEVELS, judge, standard

CHUNK = 20_000
Z95 = 1.959964
TIE = 1e-9  # final scores this close to a reference score count as a tie


class RunObserver(DecisionObserver, Protocol):
    """A decision observer told where each chunk of games starts and ends, so that what it
    keeps per game (one chunk's worth) can be folded into running figures and dropped."""

    def start(self, games: int) -> None:
        """A chunk of `games` games is about to be played."""

    def finish(self, final: BatchState) -> None:
        """The chunk's games are over; `final` holds their final states in game order."""


class Outcomes:
    """Running statistics of the games a run has finished: what every figure comes from.

    `reference` is one score per actor (a class's actual result) to place in the
    distribution: the games below it, and those within `tie` of it, are counted.  Winners
    and levels are judged as at a game's end (engine.victory: level first, then margin).
    """

    def __init__(self, c: Compiled, reference: FloatArr | None = None,
                 tie: float = TIE, keep_scores: bool = False) -> None:
        actors = len(c.actors)
        self.compiled = c
        self.par = standard(c).par
        self.sd = standard(c).sd
        self.reference = reference
        self.tie = tie
        self.games = 0
        self.wins = np.zeros(actors, dtype=np.int64)
        self.level_counts = np.zeros((actors, len(LEVELS)), dtype=np.int64)
        self.clashes = 0
        self.scores = Moments(actors)
        self.influence_change = np.zeros((actors, actors))  # summed over games
        self.throughput = np.zeros(len(c.corridors))  # summed over games
        self.throughput_spread = [Histogram() for _ in c.corridors]
        self.below = np.zeros(actors, dtype=np.int64)
        self.tied = np.zeros(actors, dtype=np.int64)
        self.kind_counts = np.zeros((actors, len(KIND_INDEX)), dtype=np.int64)
        self._kept: list[FloatArr] | None = [] if keep_scores else None

    def add(self, final: BatchState) -> None:
        """Fold in a batch of finished games."""
        c = self.compiled
        judged = judge(c, final)
        points = judged.scores
        self.games += final.size
        self.wins += np.bincount(judged.winners(), minlength=len(c.actors))
        for k in range(len(LEVELS)):
            self.level_counts[:, k] += (judged.level == k).sum(axis=0)
        self.clashes += int(final.clash.sum())
        self.scores.add(points)
        if self._kept is not None:
            self._kept.append(points.copy())
        self.influence_change += (final.influence - c.influence0).sum(axis=0)
        carried = open_throughput(c, final)
        self.throughput += carried.sum(axis=0)
        for k, spread in enumerate(self.throughput_spread):
            spread.add(carried[:, k])
        if self.reference is not None:
            self.below += (points < self.reference - self.tie).sum(axis=0)
            self.tied += (np.abs(points - self.reference) <= self.tie).sum(axis=0)

    def final_scores(self) -> FloatArr:
        """[G, A] every game's final scores, in the order played (a run that keeps them:
        pairing two runs game by game needs them, a summary does not)."""
        if self._kept is None:
            raise ValueError("this run did not keep its games' scores")
        return np.concatenate(self._kept) if self._kept else np.zeros((0, len(self.sd)))

    def percentile_of_reference(self) -> FloatArr:
        """[A] where each reference score falls, in percent (ties count half)."""
        return np.asarray(100.0 * (self.below + self.tied / 2.0) / self.games)


@dataclass(frozen=True)
class ActorStats:
    actor: str
    win_share: float
    win_interval: tuple[float, float]
    score_mean: float
    score_interval: tuple[float, float]
    par: float
    sd: float  # the spread victory levels are measured in (engine.victory)
    levels: dict[str, float]  # share of games ending at each victory level
    influence_shift: dict[str, float]  # mean change of influence over each target


@dataclass(frozen=True)
class CorridorStats:
    corridor: str
    mean: float
    p5: float
    p50: float
    p95: float


@dataclass(frozen=True)
class Summary:
    games: int
    clash_share: float
    actors: tuple[ActorStats, ...]
    corridors: tuple[CorridorStats, ...]
    move_shares: dict[str, float]


def run_outcomes(c: Compiled, games: int, seed: int, policies: Sequence[BatchPolicy],
                 start: BatchState | None = None,
                 progress: Callable[[int], None] | None = None,
                 reference: FloatArr | None = None,
                 observer: RunObserver | None = None, stop: int | None = None,
                 keep_scores: bool = False) -> Outcomes:
    """Play `games` games to the end, from the opening or from `start`: a batch-of-one state
    at the orders of some turn (its event phase done), such as a replayed class game.
    With `stop`, the games end after turn `stop` (at the next turn's orders), to compare
    with a game that stopped there.  An `observer` sees every decision of every game, chunk
    by chunk.  With `keep_scores`, every game's final scores are kept (`final_scores`).

    Chunk generators are spawned one at a time as chunks start (the same ones, in the same
    order, as spawning them all at once), so nothing is allocated per game up front."""
    if games <= 0:
        raise ValueError("the number of games must be positive")
    origin = start if start is not None else initial_state(c, 1)
    streams = np.random.SeedSequence(seed)
    out = Outcomes(c, reference, keep_scores=keep_scores)
    while out.games < games:
        size = min(CHUNK, games - out.games)
        rng = np.random.Generator(np.random.PCG64(streams.spawn(1)[0]))
        if observer is not None:
            observer.start(size)
        final = play_to_end(c, origin.repeat(size), policies, rng, out.kind_counts,
                            events=start is None, observer=observer, stop=stop)
        out.add(final)
        if observer is not None:
            observer.finish(final)
        if progress is not None:
            progress(size)
    return out


def share_interval(share: float, n: int) -> tuple[float, float]:
    """Wilson 95% interval of a proportion (sound even near 0 or 1)."""
    denominator = 1 + Z95**2 / n
    centre = (share + Z95**2 / (2 * n)) / denominator
    half = Z95 * np.sqrt(share * (1 - share) / n + Z95**2 / (4 * n * n)) / denominator
    return (float(centre - half), float(centre + half))


def summarise(c: Compiled, out: Outcomes) -> Summary:
    """The statistics the `simulate` command prints."""
    n = out.games
    winners = out.wins / n
    sd = out.scores.sd()
    actors = []
    for a, name in enumerate(c.actors):
        half = Z95 * sd[a] / np.sqrt(n)
        mean = float(out.scores.mean[a])
        targets = np.flatnonzero(c.targets[a])
        actors.append(ActorStats(
            actor=name, win_share=float(winners[a]),
            win_interval=share_interval(float(winners[a]), n),
            score_mean=mean, score_interval=(mean - half, mean + half), par=float(out.par[a]),
            sd=float(out.sd[a]),
            levels={name: float(out.level_counts[a, k] / n) for k, name in enumerate(LEVELS)},
            influence_shift={c.actors[t]: float(out.influence_change[a, t] / n)
                             for t in targets}))
    corridors = tuple(
        CorridorStats(corridor=k, mean=float(out.throughput[i] / n),
                      p5=spread.percentile(5), p50=spread.percentile(50),
                      p95=spread.percentile(95))
        for i, (k, spread) in enumerate(zip(c.corridors, out.throughput_spread, strict=True)))
    totals = out.kind_counts.sum(axis=0)
    kinds = {kind.value: float(totals[i] / max(totals.sum(), 1))
             for kind, i in KIND_INDEX.items()}
    return Summary(games=n, clash_share=out.clashes / n, actors=tuple(actors),
                   corridors=corridors, move_shares=kinds)

