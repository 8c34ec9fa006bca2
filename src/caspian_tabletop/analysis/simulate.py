"""Monte Carlo runs of whole games on the batched engine, and their statistics.

Games run in fixed-size chunks, each chunk one batch with its own generator spawned from the
run's seed, so a seed always gives the same result and a progress callback can report after
each chunk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.batch import BatchPolicy, play_to_end
from caspian_tabletop.engine.compiled import KIND_INDEX, Compiled
from caspian_tabletop.engine.scoring import scores
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import open_throughput
from caspian_tabletop.engine.victory import levels, thresholds

FloatArr = NDArray[np.float64]
CHUNK = 20_000
Z95 = 1.959964


@dataclass(frozen=True)
class Outcomes:
    """Per-game results of a run: what every statistic is computed from."""

    scores: FloatArr  # [N, A] final scores
    par: FloatArr  # [A] the score at which each actor merely held its position
    influence_change: FloatArr  # [N, A, A] final minus opening influence
    throughput: FloatArr  # [N, C] open throughput at the end
    clash: NDArray[np.bool_]  # [N]
    kind_counts: NDArray[np.int64]  # [A, kinds] moves chosen in live games

    @property
    def games(self) -> int:
        return int(self.scores.shape[0])

    @property
    def winners(self) -> NDArray[np.int64]:
        """[N] index of the actor furthest above its par in each game."""
        return np.asarray(np.argmax(self.scores - self.par, axis=1), dtype=np.int64)

    def levels(self, c: Compiled) -> NDArray[np.int64]:
        """[N, A] victory level of each actor in each game (see engine.victory)."""
        return levels(c, self.scores)


@dataclass(frozen=True)
class ActorStats:
    actor: str
    win_share: float
    win_interval: tuple[float, float]
    score_mean: float
    score_interval: tuple[float, float]
    par: float
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
                 progress: Callable[[int], None] | None = None) -> Outcomes:
    """Play `games` games to the end, from the opening or from `start`: a batch-of-one state
    at the orders of some turn (its event phase done), such as a replayed class game."""
    if games <= 0:
        raise ValueError("the number of games must be positive")
    origin = start if start is not None else initial_state(c, 1)
    chunks = [min(CHUNK, games - i) for i in range(0, games, CHUNK)]
    streams = np.random.SeedSequence(seed).spawn(len(chunks))
    counts = np.zeros((len(c.actors), len(KIND_INDEX)), dtype=np.int64)
    finals: list[BatchState] = []
    for size, stream in zip(chunks, streams, strict=True):
        rng = np.random.Generator(np.random.PCG64(stream))
        finals.append(play_to_end(c, origin.repeat(size), policies, rng, counts,
                                  events=start is None))
        if progress is not None:
            progress(size)
    return Outcomes(
        scores=np.concatenate([scores(c, f) for f in finals]),
        par=thresholds(c)[0],
        influence_change=np.concatenate([f.influence - c.influence0 for f in finals]),
        throughput=np.concatenate([open_throughput(f) for f in finals]),
        clash=np.concatenate([f.clash for f in finals]),
        kind_counts=counts,
    )


def percentile_of(values: FloatArr, actual: float) -> float:
    """Where `actual` falls among `values`, in percent (ties count half)."""
    below = float((values < actual - 1e-9).mean())
    tied = float((np.abs(values - actual) <= 1e-9).mean())
    return 100.0 * (below + tied / 2.0)


def share_interval(share: float, n: int) -> tuple[float, float]:
    """Wilson 95% interval of a proportion (sound even near 0 or 1)."""
    denominator = 1 + Z95**2 / n
    centre = (share + Z95**2 / (2 * n)) / denominator
    half = Z95 * np.sqrt(share * (1 - share) / n + Z95**2 / (4 * n * n)) / denominator
    return (float(centre - half), float(centre + half))


def summarise(c: Compiled, out: Outcomes) -> Summary:
    """The statistics the `simulate` command prints."""
    n = out.games
    winners = np.bincount(out.winners, minlength=len(c.actors)) / n
    actors = []
    for a, name in enumerate(c.actors):
        values = out.scores[:, a]
        half = Z95 * values.std(ddof=1) / np.sqrt(n) if n > 1 else 0.0
        mean = float(values.mean())
        targets = np.flatnonzero(c.targets[a])
        actors.append(ActorStats(
            actor=name, win_share=float(winners[a]),
            win_interval=share_interval(float(winners[a]), n),
            score_mean=mean, score_interval=(mean - half, mean + half), par=float(out.par[a]),
            influence_shift={c.actors[t]: float(out.influence_change[:, a, t].mean())
                             for t in targets}))
    corridors = tuple(
        CorridorStats(corridor=k, mean=float(out.throughput[:, i].mean()),
                      p5=float(np.percentile(out.throughput[:, i], 5)),
                      p50=float(np.percentile(out.throughput[:, i], 50)),
                      p95=float(np.percentile(out.throughput[:, i], 95)))
        for i, k in enumerate(c.corridors))
    totals = out.kind_counts.sum(axis=0)
    kinds = {kind.value: float(totals[i] / max(totals.sum(), 1))
             for kind, i in KIND_INDEX.items()}
    return Summary(games=n, clash_share=float(out.clash.mean()), actors=tuple(actors),
                   corridors=corridors, move_shares=kinds)


def opening_par(c: Compiled) -> FloatArr:
    """Each actor's par (see engine.victory): the score at which it merely held its ground."""
    return thresholds(c)[0]
