"""The full model-check suite of the shipped scenario: 10,000 games per run, timed.

Run: `.venv/bin/python benchmarks/check_model.py [--games 10000] [--robustness-games 1000]
[--hard-positions 400] [--json]`.  It is the `caspian-tabletop check-model` command at full
size (the test suite runs it small on the tutorial); it prints the report and the time taken,
and exits as the command does (1 when a check fails).
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
    parser.add_argument("--robustness-games", type=int, default=1_000)
    parser.add_argument("--hard-positions", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    start = time.perf_counter()
    try:
        main(["check-model", args.scenario, "--games", str(args.games), "--seed",
              str(args.seed), "--robustness-games", str(args.robustness_games),
              "--hard-positions", str(args.hard_positions), *(["--json"] if args.json else [])],
             standalone_mode=False)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    print(f"[{time.perf_counter() - start:.0f} s]", file=sys.stderr if args.json else sys.stdout)
    sys.exit(code)


if __name__ == "__main__":
    run()
