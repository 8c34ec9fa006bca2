"""Environment throughput: the vector environment (N games on the batch axis) against N
PettingZoo AEC environments stepped one by one, on the same scenario, with random legal
actions; steps are single seats' actions.

    .venv/bin/python benchmarks/envs.py [--scenario caspian-2021] [--games 4096]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from caspian_tabletop.envs.pettingzoo import env
from caspian_tabletop.envs.vector import VectorEnv


def vector_rate(scenario: str, games: int, rounds: int) -> float:
    vec = VectorEnv(scenario, games)
    rng = np.random.default_rng(0)
    steps, start = 0, time.perf_counter()
    for seed in range(rounds):
        seen = vec.reset(seed=seed)
        while not seen.terminated.all():
            steps += int((~seen.terminated).sum())  # a step of every game still going
            seen = vec.step(np.argmax(rng.random(seen.action_mask.shape) * seen.action_mask,
                                      axis=1))
    return steps / (time.perf_counter() - start)


def pettingzoo_rate(scenario: str, games: int) -> float:
    rng = np.random.default_rng(0)
    steps, start = 0, time.perf_counter()
    for seed in range(games):
        aec = env(scenario=scenario)
        aec.reset(seed=seed)
        for _ in aec.agent_iter():
            observation, _, done, cut, _ = aec.last()
            if done or cut:
                aec.step(None)
                continue
            mask = observation["action_mask"]
            aec.step(int(np.argmax(rng.random(mask.size) * mask)))
            steps += 1
    return steps / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="caspian-2021")
    parser.add_argument("--games", type=int, default=4096)
    parser.add_argument("--single-games", type=int, default=20,
                        help="PettingZoo games stepped one by one")
    args = parser.parse_args()
    vector = vector_rate(args.scenario, args.games, rounds=3)
    single = pettingzoo_rate(args.scenario, args.single_games)
    print(f"{args.scenario}: vector environment, {args.games:,} games at once: "
          f"{vector:,.0f} steps/s")
    print(f"{args.scenario}: PettingZoo AEC environment, one game at a time: "
          f"{single:,.0f} steps/s")
    print(f"ratio vector / one by one: {vector / single:,.0f}x")


if __name__ == "__main__":
    main()
