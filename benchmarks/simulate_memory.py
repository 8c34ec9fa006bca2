"""Peak memory of `caspian-tabletop simulate` at two sizes: it should not grow with games.

Run: `.venv/bin/python benchmarks/simulate_memory.py [--small 10000] [--large 1000000]
[--scenario caspian-2021]`.  Each size runs in its own process, started by a small watcher
process that reports `resource.getrusage(RUSAGE_CHILDREN).ru_maxrss` once the run has ended,
so one measurement cannot leak into the other.  Prints each peak and the large/small ratio.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import textwrap
import time

# The watcher: runs the command line in a child process and prints that child's peak (KB).
WATCHER = textwrap.dedent(
    """
    import resource, subprocess, sys
    done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(done.returncode, peak)
    """
)
CLI = "from caspian_tabletop.cli import main; main(prog_name='caspian-tabletop')"


def peak_kb(scenario: str, games: int) -> tuple[int, float]:
    """Peak resident memory (KB) and seconds of one `simulate` run."""
    command = [sys.executable, "-c", CLI, "simulate", scenario, "--games", str(games)]
    start = time.perf_counter()
    watched = subprocess.run([sys.executable, "-c", WATCHER, *command], capture_output=True,
                             text=True, check=True)
    seconds = time.perf_counter() - start
    code, peak = (int(x) for x in watched.stdout.split())
    if code != 0:
        raise SystemExit(f"simulate --games {games} exited with {code}")
    return peak, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default="caspian-2021")
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    args = parser.parse_args()
    small, small_s = peak_kb(args.scenario, args.small)
    large, large_s = peak_kb(args.scenario, args.large)
    print(f"simulate {args.scenario}: peak resident memory of the whole process")
    print(f"  {args.small:>12,} games: {small / 1024:8.1f} MB  ({small_s:.1f} s)")
    print(f"  {args.large:>12,} games: {large / 1024:8.1f} MB  ({large_s:.1f} s)")
    print(f"  ratio: {large / small:.2f}x for {args.large // args.small:,}x the games "
          f"(target: 1,000,000 games under 300 MB)")


if __name__ == "__main__":
    main()
