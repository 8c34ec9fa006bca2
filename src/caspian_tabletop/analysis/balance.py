"""Balance as a measured property: normal bots in every seat, many games, checked targets.

Winner shares, victory levels, armed clashes and the normal bots' move shares come from one
batched Monte Carlo run.  Hard-bot move shares come from asking the hard bot at positions
taken from normal-bot games (its search is too costly to play thousands of games).  The
historical replay's position is played on by the same bots to show where history leads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.ai.bots import HardBot, NormalBot
from caspian_tabletop.ai.factory import bot_seed
from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.analysis.check_targets import band
from caspian_tabletop.analysis.simulate import Outcomes, run_outcomes
from caspian_tabletop.domain.moves import KIND_ORDER
from caspian_tabletop.engine.arrays import FloatArr
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.victory import LEVELS


@dataclass(frozen=True)
class Targets:
    """The model checks' balance group: winner shares and the armed-clash band.  The hard
    bots' move shares are reported, not judged: whether a move is alive and whether a seat
    has real choices are the model checks' dead-moves and agency targets."""

    win: tuple[float, float] = band("winner-share")
    clash: tuple[float, float] = band("armed-clash")


@dataclass(frozen=True)
class BalanceReport:
    games: int
    winner_share: dict[str, float]
    level_shares: dict[str, dict[str, float]]
    clash_share: float
    normal_moves: dict[str, float]
    hard_moves: dict[str, float]
    hard_decisions: int
    history_winner_share: dict[str, float] = field(default_factory=dict)
    history_percentile: dict[str, float] = field(default_factory=dict)
    misses: tuple[str, ...] = ()


def normal_outcomes(c: Compiled, games: int, seed: int, start: BatchState | None = None,
                    reference: FloatArr | None = None) -> Outcomes:
    policy = GreedyPolicy.for_scenario(c)
    return run_outcomes(c, games, seed, [policy] * len(c.actors), start, reference=reference)


@dataclass(frozen=True)
class HardSample:
    """What the hard bot chose at sampled decision points, by kind (in KIND_ORDER), and at
    how many of them each kind had a legal move."""

    chosen: NDArray[np.int64]
    legal: NDArray[np.int64]

    @property
    def decisions(self) -> int:
        return int(self.chosen.sum())


def hard_sample(c: Compiled, positions: int, seed: int) -> HardSample:
    """Ask the hard bot at `positions` decision points of normal-bot games."""
    chosen = np.zeros(len(KIND_ORDER), dtype=np.int64)
    legal = np.zeros(len(KIND_ORDER), dtype=np.int64)
    per_game = len(c.actors) * c.turns
    games = max(1, -(-positions // per_game))
    picked = 0
    rng = np.random.default_rng(seed)
    for g in range(games):
        game = Game(c.scenario, seed=seed + g, compiled=c)
        normal = {a: NormalBot(bot_seed(seed + g, i)) for i, a in enumerate(c.actors)}
        hard = HardBot(bot_seed(seed + g, 100))
        # Spread the sampled decisions over the whole game, not just its opening.
        ask = set(rng.choice(per_game, size=min(per_game, positions - picked), replace=False))
        step = 0
        while not game.is_over:
            actor = game.to_move
            assert actor is not None
            if step in ask:
                chosen[KIND_ORDER.index(hard.choose(game, actor).kind)] += 1
                for kind in {m.kind for m in game.legal_moves(actor)}:
                    legal[KIND_ORDER.index(kind)] += 1
                picked += 1
            game.play(normal[actor].choose(game, actor))
            step += 1
        if picked >= positions:
            break
    return HardSample(chosen, legal)


def hard_move_shares(c: Compiled, positions: int, seed: int) -> dict[str, float]:
    """Kinds the hard bot picks at `positions` decision points of normal-bot games."""
    counts = hard_sample(c, positions, seed).chosen
    total = max(counts.sum(), 1)
    return {kind.value: float(counts[i] / total) for i, kind in enumerate(KIND_ORDER)}


def measure(c: Compiled, games: int, seed: int, hard_positions: int,
            history: BatchState | None, targets: Targets) -> BalanceReport:
    """Run the balance measurement and compare it with `targets`.

    The games played on from history run first: the mean of their final scores is the
    reference that the games from the opening are counted against as they finish."""
    history_win: dict[str, float] = {}
    history_pct: dict[str, float] = {}
    reference = None
    if history is not None:
        later = normal_outcomes(c, max(games // 4, 1), seed + 1, history)
        reference = later.scores.mean
        history_win = {a: float(later.wins[i] / later.games) for i, a in enumerate(c.actors)}
    out = normal_outcomes(c, games, seed, reference=reference)
    if reference is not None:
        placed = out.percentile_of_reference()
        history_pct = {a: float(placed[i]) for i, a in enumerate(c.actors)}
    winners = out.wins / out.games
    level_shares = {a: {name: float(out.level_counts[i, k] / out.games)
                        for k, name in enumerate(LEVELS)}
                    for i, a in enumerate(c.actors)}
    kinds = out.kind_counts.sum(axis=0)
    normal_moves = {kind.value: float(kinds[i] / max(kinds.sum(), 1))
                    for i, kind in enumerate(KIND_ORDER)}
    hard_moves = hard_move_shares(c, hard_positions, seed) if hard_positions > 0 else {}
    report = BalanceReport(
        games=out.games, winner_share=dict(zip(c.actors, map(float, winners), strict=True)),
        level_shares=level_shares, clash_share=out.clashes / out.games,
        normal_moves=normal_moves, hard_moves=hard_moves, hard_decisions=hard_positions,
        history_winner_share=history_win, history_percentile=history_pct)
    return BalanceReport(**{**report.__dict__, "misses": misses(report, targets)})


def misses(r: BalanceReport, t: Targets) -> tuple[str, ...]:
    """Every target the measurement misses, in words."""
    found = []
    for actor, share in r.winner_share.items():
        if not t.win[0] <= share <= t.win[1]:
            found.append(f"{actor} wins {share:.1%} of games (target {t.win[0]:.0%}–"
                         f"{t.win[1]:.0%})")
    if not t.clash[0] <= r.clash_share <= t.clash[1]:
        found.append(f"armed clash ends {r.clash_share:.1%} of games (target "
                     f"{t.clash[0]:.0%}–{t.clash[1]:.0%})")
    return tuple(found)
