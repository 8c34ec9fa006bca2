"""Whole-game throughput of Monte Carlo runs on caspian-2021.

Run: `.venv/bin/python benchmarks/simulate.py [--games 20000] [--greedy-games 1000]
[--loop-games 200]`.  Prints full games per second with random policies and with normal
(greedy) policies on the batched engine, and for a plain per-game Python loop over the same
rules (the Game API, one game at a time, random legal moves), with the ratio.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.analysis.simulate import run_outcomes
from caspian_tabletop.engine.batch import RandomPolicy
from caspian_tabletop.engine.compiled import Compiled, compile_scenario
from caspian_tabletop.engine.game import Game
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.scenario.load import load_scenario


def batched(c: Compiled, games: int, greedy: bool) -> float:
    policy = GreedyPolicy.for_scenario(c) if greedy else RandomPolicy.for_scenario(c)
    start = time.perf_counter()
    run_outcomes(c, games, 1, [policy] * len(c.actors))
    return games / (time.perf_counter() - start)


def per_game_loop(c: Compiled, games: int) -> float:
    """One game at a time through the public Game API, random legal moves."""
    rng = np.random.default_rng(1)
    start = time.perf_counter()
    for seed in range(games):
        game = Game(c.scenario, seed=seed, compiled=c)
        while not game.is_over:
            actor = game.to_move
            assert actor is not None
            options = game.legal_moves(actor)
            game.play(options[int(rng.integers(len(options)))])
    return games / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default="caspian-2021")
    parser.add_argument("--games", type=int, default=20_000)
    parser.add_argument("--greedy-games", type=int, default=1_000)
    parser.add_argument("--loop-games", type=int, default=200)
    args = parser.parse_args()
    c = compile_scenario(load_scenario(resolve_scenario(args.scenario)))
    batched(c, 64, greedy=False)  # warm caches
    random_rate = batched(c, args.games, greedy=False)
    greedy_rate = batched(c, args.greedy_games, greedy=True)
    loop_rate = per_game_loop(c, args.loop_games)
    print(f"scenario {args.scenario}: full games per second")
    print(f"  batched, random policies:       {random_rate:10,.0f}  ({args.games:,} games)")
    print(f"  batched, normal (greedy):       {greedy_rate:10,.0f}  ({args.greedy_games:,} games)")
    print(f"  per-game Python loop, random:   {loop_rate:10,.1f}  ({args.loop_games:,} games)")
    print(f"  batched / per-game loop (random): {random_rate / loop_rate:,.0f}x")


if __name__ == "__main__":
    main()
