"""Engine throughput on the shipped scenario: batch size 1 vs a large batch, and the latency
of one interactive move.  Run: `.venv/bin/python benchmarks/engine.py` (see --help).

Moves are uniformly random legal moves; a "move" is one actor's main move resolved in a live
game.  Two views: moves alone (every actor in turn picks a random legal move from the opening
position and it is resolved), and whole games (which add the event phase and upkeep, and
whose batches shrink as games end in armed clash).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from caspian_tabletop.engine.batch import RandomPolicy, run_games
from caspian_tabletop.engine.compiled import Compiled, compile_scenario
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.resolve import resolve_in_place
from caspian_tabletop.engine.state import initial_state
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.scenario.load import load_scenario


def move_rate(c: Compiled, batch: int, rounds: int, seed: int) -> float:
    """Moves per second: choose a random legal move and resolve it, for each actor in turn."""
    policy = RandomPolicy.for_scenario(c)
    rng = np.random.default_rng(seed)
    opening = initial_state(c, batch)
    moves = 0
    start = time.perf_counter()
    for _ in range(rounds):
        st = opening.copy()
        for actor in c.initiative:
            action = policy.choose(c, st, int(actor), rng)
            resolve_in_place(c, st, action, rng.random(batch), rng.random(batch) < 0.5)
            moves += batch
    return moves / (time.perf_counter() - start)


def batched_rate(c: Compiled, games: int, seed: int) -> tuple[float, int, float]:
    """Moves per second running `games` whole games as one batch."""
    counts = np.zeros((len(c.actors), 6), dtype=np.int64)
    start = time.perf_counter()
    run_games(c, games, seed, kind_counts=counts)
    elapsed = time.perf_counter() - start
    return counts.sum() / elapsed, int(counts.sum()), elapsed


def single_rate(c: Compiled, games: int, seed: int) -> tuple[float, int, float]:
    """Moves per second running `games` whole games one after another at batch size 1."""
    counts = np.zeros((len(c.actors), 6), dtype=np.int64)
    start = time.perf_counter()
    for g in range(games):
        run_games(c, 1, seed + g, kind_counts=counts)
    elapsed = time.perf_counter() - start
    return counts.sum() / elapsed, int(counts.sum()), elapsed


def interactive_latency(c: Compiled, moves: int, seed: int) -> list[float]:
    """Milliseconds per Game.play (with its explanation, and upkeep when a turn ends)."""
    rng = np.random.default_rng(seed)
    timings: list[float] = []
    game = Game(c.scenario, seed=seed, compiled=c)
    while len(timings) < moves:
        if game.is_over:
            game = Game(c.scenario, seed=seed + len(timings), compiled=c)
        actor = game.to_move
        assert actor is not None
        options = game.legal_moves(actor)
        move = options[int(rng.integers(len(options)))]
        start = time.perf_counter()
        game.play(move)
        timings.append((time.perf_counter() - start) * 1000.0)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default="caspian-2021")
    parser.add_argument("--batch", type=int, default=100_000)
    parser.add_argument("--single-games", type=int, default=300)
    parser.add_argument("--moves", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    c = compile_scenario(load_scenario(resolve_scenario(args.scenario)))
    run_games(c, 16, args.seed)  # warm caches and imports
    move_one = move_rate(c, 1, 3000, args.seed)
    move_many = move_rate(c, args.batch, 3, args.seed)
    one, one_moves, one_time = single_rate(c, args.single_games, args.seed)
    many, many_moves, many_time = batched_rate(c, args.batch, args.seed)
    latency = np.array(interactive_latency(c, args.moves, args.seed))
    print(f"scenario {args.scenario}: {len(c.actors)} actors, {c.turns} turns")
    print("moves alone (random legal move chosen and resolved):")
    print(f"  batch size 1:       {move_one:12,.0f} moves/s")
    print(f"  batch size {args.batch:,}: {move_many:12,.0f} moves/s")
    print(f"  per-move cost ratio (batch 1 / batched): {move_many / move_one:.0f}x")
    print("whole games (with events and upkeep; batches shrink as games end):")
    print(f"  batch size 1:       {one:12,.0f} moves/s  "
          f"({one_moves:,} moves in {one_time:.2f} s)")
    print(f"  batch size {args.batch:,}: {many:12,.0f} moves/s  "
          f"({many_moves:,} moves in {many_time:.2f} s)")
    print(f"  per-move cost ratio (batch 1 / batched): {many / one:.0f}x")
    print(f"interactive move (Game.play with explanation): median {np.median(latency):.2f} ms, "
          f"p99 {np.percentile(latency, 99):.2f} ms over {latency.size:,} moves")


if __name__ == "__main__":
    main()
