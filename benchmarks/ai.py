"""AI benchmark on a scenario (default caspian-2021): decision times, rollouts, win rates.

    .venv/bin/python benchmarks/ai.py                # the full run quoted in the README
    .venv/bin/python benchmarks/ai.py --games 14 --expert-games 7  # a quick look

Decision times are measured one at a time on the positions of all-normal games; win rates are
mirrored-seat bouts (see `caspian_tabletop.ai.duel`), one bout per (seed, actor), played on
`--jobs` processes.  Batched greedy games per second are measured by benchmarks/simulate.py.
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from caspian_tabletop import paths
from caspian_tabletop.ai.bots import HardBot
from caspian_tabletop.ai.duel import Bout, duel, seat_bots, win_rate
from caspian_tabletop.ai.factory import make_bot
from caspian_tabletop.analysis.simulate import share_interval
from caspian_tabletop.engine.compiled import compile_scenario
from caspian_tabletop.engine.game import Game
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.scenario.schema import Scenario


def _scenario(name: str) -> Scenario:
    return load_scenario(paths.resolve_scenario(name), source=name)


def decision_times(scenario: Scenario, positions: int, seed: int
                   ) -> tuple[dict[str, list[float]], list[int]]:
    """Seconds per decision for each strength, and the hard bot's rollouts per decision."""
    c = compile_scenario(scenario)
    times: dict[str, list[float]] = {"easy": [], "normal": [], "hard": [], "expert": []}
    rollouts: list[int] = []
    rng = np.random.Generator(np.random.PCG64(seed))
    bots = {s: make_bot(s, rng) for s in times}
    game_seed = seed
    while len(times["hard"]) < positions:
        field = seat_bots(c, game_seed, dict.fromkeys(c.actors, "normal"))
        game = Game(scenario, seed=game_seed, compiled=c)
        while not game.is_over and len(times["hard"]) < positions:
            actor = str(game.to_move)
            for strength, bot in bots.items():
                start = time.perf_counter()
                bot.choose(game, actor)
                times[strength].append(time.perf_counter() - start)
            hard = bots["hard"]
            assert isinstance(hard, HardBot)
            rollouts.append(hard.rollouts)
            game.play(field[actor].choose(game, actor))
        game_seed += 1
    return times, rollouts


def _bouts(args: tuple[str, str, str, int, list[str]]) -> list[Bout]:
    name, a, b, seed, actors = args
    return duel(_scenario(name), a, b, range(seed, seed + 1), actors)


def win_rates(name: str, a: str, b: str, bouts: int, seed: int, jobs: int) -> list[Bout]:
    """`bouts` mirrored bouts: seeds in order, every actor of a seed before the next seed."""
    actors = list(_scenario(name).actors)
    work = []
    for i in range(0, bouts, len(actors)):
        work.append((name, a, b, seed + i // len(actors), actors[:bouts - i]))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return [bout for chunk in pool.map(_bouts, work) for bout in chunk]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="caspian-2021")
    parser.add_argument("--games", type=int, default=200, help="bouts per pairing")
    parser.add_argument("--expert-games", type=int, default=70,
                        help="bouts of expert against hard (each game has six hard seats)")
    parser.add_argument("--positions", type=int, default=40, help="timed decisions")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    scenario = _scenario(args.scenario)

    print(f"scenario {args.scenario}: {len(scenario.actors)} actors, "
          f"{scenario.calendar.turns} turns")
    times, rollouts = decision_times(scenario, args.positions, args.seed)
    print(f"decision time over {args.positions} positions of all-normal games (seconds)")
    for strength, values in times.items():
        ms = np.array(values)
        print(f"  {strength:<7} median {np.median(ms):.4f}  p95 {np.percentile(ms, 95):.4f}"
              f"  max {ms.max():.4f}")
    searched = [r for r in rollouts if r > 0]
    print(f"  hard rollouts per decision: min {min(searched)}, median "
          f"{int(np.median(searched))} ({len(rollouts) - len(searched)} forced moves, no search)")

    rates: dict[tuple[str, str], tuple[float, float]] = {}
    for a, b, target, games in (("hard", "normal", 0.60, args.games),
                                ("normal", "easy", 0.80, args.games),
                                ("expert", "hard", 0.60, args.expert_games)):
        if not games:
            continue
        start = time.perf_counter()
        bouts = win_rates(args.scenario, a, b, games, args.seed, args.jobs)
        rate = win_rate(bouts)
        wins = sum(x.result == "win" for x in bouts)
        ties = sum(x.result == "tie" for x in bouts)
        low, high = share_interval(rate, len(bouts))
        print(f"{a} beats {b}: {rate:.1%} of {len(bouts)} mirrored bouts, 95% CI "
              f"{low:.0%}–{high:.0%} ({wins} wins, {ties} ties; target {target:.0%}) "
              f"[{time.perf_counter() - start:.0f} s]")
        seats = []
        for actor in scenario.actors:
            mine = [x for x in bouts if x.actor == actor]
            if mine:
                seat = win_rate(mine)
                seats.append(seat)
                low, high = share_interval(seat, len(mine))
                print(f"    {actor}: {seat:.0%} of {len(mine)} (95% CI {low:.0%}–{high:.0%})")
        rates[(a, b)] = (min(seats), rate)
    worst, overall = rates.get(("hard", "normal"), (float("nan"), float("nan")))
    expert = rates.get(("expert", "hard"), (float("nan"), float("nan")))[1]
    print(f"hard vs normal: worst seat {worst:.0%}, overall {overall:.0%}; "
          f"expert vs hard: {expert:.0%}")


if __name__ == "__main__":
    main()
