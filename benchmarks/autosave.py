"""Autosave cost early and late in a long game, and the cost of checking long replays.

Plays one game of the default scenario stretched to 40 turns (random peaceful moves in every
seat, so the rules are cheap and no armed clash ends the game early) with an autosave after
every committed action, as `play` and the TUI do.  It prints the median autosave time over
the first two turns and over the last two, and their ratio (target ≤ 1.5: the journal seals
finished turns once), in processor time, in wall time (which includes waiting for the disk to
confirm the fsync, so it varies with whatever else uses the disk) and for building the text
alone.  For
comparison it times, at the same two points, a full capture of the game (`to_replay`, which
replays the game to find its digests, then the whole YAML dump): what every autosave cost
before.  Then it checks replays of 1,000, 4,000 and 16,000 notes (the step checker is
linear: target under 1 s for 16,000).

    .venv/bin/python benchmarks/autosave.py [--turns 40] [--seed 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from caspian_tabletop import paths
from caspian_tabletop.domain.moves import MoveKind
from caspian_tabletop.domain.seats import Seat
from caspian_tabletop.replay import dump_replay, load_replay, run_replay, to_replay
from caspian_tabletop.replay.schema import Step
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.session import Session

PEACEFUL = (MoveKind.TRADE, MoveKind.SUMMIT, MoveKind.INVEST, MoveKind.PASS)


def long_game(turns: int, seed: int, folder: Path
              ) -> tuple[list[tuple[int, float, float, float]], dict[int, float]]:
    """(turn, seconds to build the save's text, seconds of the whole autosave, processor
    seconds of the whole autosave) of every autosave, and a full capture's seconds early and
    late."""
    base = load_scenario(paths.resolve_scenario(None))
    calendar = base.calendar.model_copy(update={"turns": turns})
    scenario = base.model_copy(update={"calendar": calendar})
    seats = {a: Seat("human", f"Team {a}") for a in scenario.actors}
    session = Session.start(scenario, seats, seed=seed, mode="classroom",
                            autosave_path=folder / "game.yaml")
    rng = np.random.default_rng(seed)
    saves: list[tuple[int, float, float, float]] = []
    full: dict[int, float] = {}
    real_autosave = session.autosave

    def timed_autosave() -> None:
        start = time.perf_counter()
        session.save_text()  # the text alone, as the autosave builds it
        built, cpu = time.perf_counter(), time.process_time()
        real_autosave()
        saves.append((session.game.turn, built - start, time.perf_counter() - built,
                      time.process_time() - cpu))

    session.autosave = timed_autosave  # type: ignore[method-assign]
    while not session.game.is_over:
        actor = session.awaiting
        assert actor is not None
        moves = [m for m in session.game.legal_moves(actor) if m.kind in PEACEFUL]
        session.play(moves[int(rng.integers(len(moves)))], accept=True)
        turn = session.game.turn
        if turn not in full and turn in (2, turns) and session.game.to_move:
            start = time.perf_counter()
            dump_replay(to_replay(session.game, session.seats, session.mode))
            full[turn] = time.perf_counter() - start
    assert session.save_problem is None, session.save_problem
    return saves, full


def check_notes(count: int) -> float:
    """Seconds to replay and check the tutorial demo with `count` notes on turn 1."""
    demo = load_replay("tutorial-demo")
    turns = [t.model_copy(update={"digest": None}) for t in demo.turns]
    notes = [Step(note=f"note {i}") for i in range(count)]
    turns[0] = turns[0].model_copy(update={"steps": [*notes, *turns[0].steps]})
    long = demo.model_copy(update={"turns": turns})
    start = time.perf_counter()
    run_replay(long, explain=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        saves, full = long_game(args.turns, args.seed, Path(folder))
        size = (Path(folder) / "game.yaml").stat().st_size
    last = max(s[0] for s in saves) - 1  # the game's end counts as one turn more
    print(f"{len(saves)} autosaves over a {last}-turn game ({size / 1024:.0f} KiB at the end)")
    for index, label in ((3, "autosave, processor time"),
                         (2, "autosave, wall time (fsync waits on a shared disk: noisy)"),
                         (1, "its text alone")):
        early = statistics.median(s[index] for s in saves if s[0] <= 2)
        late = statistics.median(s[index] for s in saves if last - 1 <= s[0] <= last)
        print(f"{label}, median: turns 1-2 {early * 1000:.2f} ms, turns {last - 1}-{last} "
              f"{late * 1000:.2f} ms, ratio {late / early:.2f} (target <= 1.5)")
    first, final = sorted(full)
    print(f"full capture (what each autosave cost before): turn {first} "
          f"{full[first] * 1000:.0f} ms, turn {final} {full[final] * 1000:.0f} ms, ratio "
          f"{full[final] / full[first]:.1f}")
    times = {n: check_notes(n) for n in (1_000, 4_000, 16_000)}
    print("replay check: " + ", ".join(f"{n:,} notes {t * 1000:.0f} ms" for n, t in times.items())
          + f"; 16,000 / 1,000 = {times[16_000] / times[1_000]:.1f} (linear: 16; target "
          "16,000 under 1 s)")


if __name__ == "__main__":
    main()
