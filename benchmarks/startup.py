"""TUI startup and update latency.

Prints, each measured in a fresh subprocess from spawn to a ready, idle frame:
- the game screen of the default scenario (start screen → New game), headless;
- a minimal Textual app (one Static);
and their ratio (target ≤ 1.5×), then the median UI update time after a move: refreshing
every game-screen widget from the engine and rendering the frame (target < 50 ms).

    .venv/bin/python benchmarks/startup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

GAME = """
import asyncio, sys, time
from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.dialogs import AskDialog
from caspian_tabletop.tui.screens.game import GameScreen

async def main():
    app = CaspianApp()
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n")
        while not isinstance(app.screen, GameScreen):
            await pilot.pause()
        await pilot.pause()
        print(time.time())
        if "--updates" in sys.argv:
            screen = app.screen
            times = []
            for _ in range(5):
                game = screen.session.game
                actor = screen.session.awaiting
                if actor is None:
                    break
                screen.session.play(game.legal_moves(actor)[-1])
                start = time.perf_counter()
                screen.refresh_view()
                await pilot.pause()
                times.append(time.perf_counter() - start)
                screen.advance()
                while screen.thinking:  # answer any trade offer the AI makes us
                    if isinstance(app.screen, AskDialog):
                        await pilot.press("y")
                    await pilot.pause(0.02)
            print(" ".join(f"{t:.5f}" for t in times) or "none")

asyncio.run(main())
"""

MINIMAL = """
import asyncio, time
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("hello")

async def main():
    app = Minimal()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print(time.time())

asyncio.run(main())
"""


def launch(code: str, *args: str) -> tuple[float, list[str]]:
    """Seconds from spawning `code` to its first printed timestamp, and its other lines."""
    env = dict(os.environ, CASPIAN_TABLETOP_HOME=tempfile.mkdtemp())
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, check=True)
    lines = done.stdout.strip().splitlines()
    return float(lines[0]) - start, lines[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    game = statistics.median(launch(GAME)[0] for _ in range(runs))
    minimal = statistics.median(launch(MINIMAL)[0] for _ in range(runs))
    print(f"game screen ready:  {game * 1000:7.0f} ms (median of {runs})")
    print(f"minimal Textual:    {minimal * 1000:7.0f} ms")
    print(f"ratio:              {game / minimal:7.2f}x (target <= 1.5x)")
    _, lines = launch(GAME, "--updates")
    updates = [float(v) for v in lines[0].split()] if lines else []
    if updates:
        print(f"UI update after a move: median {statistics.median(updates) * 1000:.1f} ms, "
              f"max {max(updates) * 1000:.1f} ms over {len(updates)} moves (target < 50 ms)")


if __name__ == "__main__":
    main()
