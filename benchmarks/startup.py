"""TUI startup and update latency.

Prints, each measured in a fresh subprocess from spawn to the first frame drawn (headless,
120×40; a frame counts once Textual has refreshed the screen after mounting it):
- the start screen, and the game screen of the default scenario after New game is chosen
  as soon as the start screen is up;
- a minimal Textual app (one Static);
- the same minimal app importing numpy and pydantic first, as any screen built on the rules'
  arithmetic and the scenario schema must: a floor for the game screen's ratio before a
  single one of its widgets is drawn;
and the targets as a player feels them: the start screen's first frame within 1.5× of the
minimal app, and the game screen within 300 ms of New game once the start screen has
finished loading behind it (a player choosing seats); the whole launch-to-board ratio is
printed too, for reference; then
the median UI update time after a move: refreshing every game-screen widget from the engine,
handling the messages that posts and drawing the frame, timed without Pilot's idle-detection
sleep (target < 50 ms), and the commit before it (the rules, the log and the autosave).

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
from caspian_tabletop.cli import tui_commands  # the command line, as `caspian-tabletop` loads
from caspian_tabletop.startup import prepare_process
prepare_process()  # what `caspian-tabletop` does before loading the TUI
from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.keymap import load_keymap
from caspian_tabletop.tui.screens.dialogs import AskDialog

async def drawn(app):
    frame = asyncio.Event()
    app.screen.call_after_refresh(frame.set)
    await frame.wait()

async def main():
    app = CaspianApp(keymap=load_keymap())  # as a launch does (`run_tui`)
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        await drawn(app)
        print(time.time())  # the start screen's first frame
        if "--think" in sys.argv:  # a player reading the start screen: the warm-up has ended
            while any(w.group == "warm-up" for w in app.workers):
                await asyncio.sleep(0.01)
            await pilot.pause(0.2)
            print(time.time())  # New game pressed
        app.screen.action_new()  # what Ctrl+N or the New game button does
        while type(app.screen).__name__ != "GameScreen":
            await asyncio.sleep(0.001)
        await drawn(app)
        print(time.time())  # the game screen's first frame
        if "--updates" in sys.argv:
            await pilot.pause()
            screen = app.screen
            times = []
            for _ in range(5):
                game = screen.session.game
                actor = screen.session.awaiting
                if actor is None:
                    break
                committed = time.perf_counter()
                screen.session.play(game.legal_moves(actor)[-1])
                start, cpu = time.perf_counter(), time.process_time()
                screen.refresh_view()
                for _ in range(2):  # handle what the refresh posted, then draw the frame
                    await pilot._wait_for_screen()
                    app.screen._on_timer_update()
                times.append((time.perf_counter() - start, time.process_time() - cpu,
                              start - committed))
                await pilot.pause()
                screen.advance()
                while screen.thinking:  # answer any trade offer the AI makes us
                    if isinstance(app.screen, AskDialog):
                        await pilot.press("y")
                    await pilot.pause(0.02)
            print(" ".join(f"{t:.5f}" for t, _, _ in times) or "none")
            print(" ".join(f"{c:.5f}" for _, c, _ in times) or "none")
            print(" ".join(f"{m:.5f}" for _, _, m in times) or "none")

asyncio.run(main())
"""

MINIMAL = """
import asyncio, sys, time
from textual.app import App
from textual.widgets import Static

if "--libraries" in sys.argv:
    from caspian_tabletop.startup import prepare_process
    prepare_process()  # the game's own settings for importing them
    import numpy, pydantic

class Minimal(App):
    def compose(self):
        yield Static("hello")

async def main():
    app = Minimal()
    async with app.run_test(size=(120, 40)) as pilot:
        frame = asyncio.Event()
        app.screen.call_after_refresh(frame.set)
        await frame.wait()
        print(time.time())

asyncio.run(main())
"""


def launch(code: str, *args: str) -> tuple[list[float], list[str]]:
    """Seconds from spawning `code` to each timestamp it prints, and its other lines."""
    env = dict(os.environ, CASPIAN_TABLETOP_HOME=tempfile.mkdtemp())
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, check=True)
    lines = done.stdout.strip().splitlines()
    stamps = [float(v) - start for v in lines if v.count(" ") == 0 and v[:1].isdigit()
              and float(v) > start]
    return stamps, lines[len(stamps):]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    starts, games, minimals, floors = [], [], [], []
    for _ in range(runs):  # interleaved, so a busy moment slows all alike
        (start_screen, game_screen), _ = launch(GAME)
        starts.append(start_screen)
        games.append(game_screen)
        minimals.append(launch(MINIMAL)[0][0])
        floors.append(launch(MINIMAL, "--libraries")[0][0])
    game, minimal = statistics.median(games), statistics.median(minimals)
    floor = statistics.median(floors)
    print(f"first frame, medians of {runs} launches:")
    print(f"  start screen:                 {statistics.median(starts) * 1000:6.0f} ms")
    print(f"  game screen (after New game): {game * 1000:6.0f} ms")
    print(f"  minimal Textual app:          {minimal * 1000:6.0f} ms")
    print(f"  the same, importing numpy and pydantic: {floor * 1000:.0f} ms "
          f"({floor / minimal:.2f}x, the floor of any screen showing the rules' figures)")
    print(f"start screen / minimal:         {statistics.median(starts) / minimal:6.2f}x "
          f"(target <= 1.5x); launch to game screen / minimal {game / minimal:.2f}x "
          "(for reference)")
    pressed = [game_frame - press for _, press, game_frame in
               (launch(GAME, "--think")[0] for _ in range(runs))]
    print(f"New game pressed after the start screen's warm-up: game screen's first frame "
          f"{statistics.median(pressed) * 1000:.0f} ms later (median; target < 300 ms)")
    _, lines = launch(GAME, "--updates")
    updates = [float(v) for v in lines[0].split()] if lines else []
    cpu = [float(v) for v in lines[1].split()] if len(lines) > 1 else []
    moves = [float(v) for v in lines[2].split()] if len(lines) > 2 else []
    if updates:
        print(f"UI update after a move: median {statistics.median(updates) * 1000:.1f} ms, "
              f"max {max(updates) * 1000:.1f} ms over {len(updates)} moves (target < 50 ms); "
              f"CPU time median {statistics.median(cpu) * 1000:.1f} ms")
        print(f"  before it, committing the move (rules, log, autosave): median "
              f"{statistics.median(moves) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
