"""The full balance measurement of the shipped scenario (the balance checks over 10,000 games).

Run: `.venv/bin/python benchmarks/balance.py [--games 10000] [--hard-positions 200]`.
It is the `caspian-tabletop balance` command at full size, timed; the test suite runs the
same command small, with loose bounds.
"""

from __future__ import annotations

import argparse
import sys
import time

from caspian_tabletop.cli import main


def run() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default="caspian-2021")
    parser.add_argument("--games", type=int, default=10_000)
    parser.add_argument("--hard-positions", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    start = time.perf_counter()
    try:
        main([
            "balance", args.scenario, "--games", str(args.games), "--seed", str(args.seed),
            "--hard-positions", str(args.hard_positions)], standalone_mode=False)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    print(f"[{time.perf_counter() - start:.0f} s]")
    sys.exit(code)


if __name__ == "__main__":
    run()
