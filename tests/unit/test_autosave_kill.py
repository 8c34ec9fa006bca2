"""An autosave survives a killed process: resume continues from the last committed move."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from caspian_tabletop import games
from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.replay import load_replay, run_replay
from caspian_tabletop.saves import games_dir, list_games

CHILD = textwrap.dedent(
    """
    import time
    from caspian_tabletop import games, paths
    from caspian_tabletop.domain.moves import parse_move
    from caspian_tabletop.domain.seats import Seat
    from caspian_tabletop.scenario.load import load_scenario

    path = paths.resolve_scenario("tutorial")
    seats = {"RU": Seat("ai", "easy"), "AZ": Seat("human", "p"), "KZ": Seat("ai", "easy")}
    session = games.new_session(load_scenario(path), path, seats, seed=11)
    for text in ("AZ summit KZ", "AZ pass"):
        session.run_ai_until_human()
        session.play(parse_move(text))
    print(session.game.state.digest(), len(session.game.records), flush=True)
    time.sleep(120)  # the parent kills us here
    """
)


def test_resume_after_sigkill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {**os.environ, "CASPIAN_TABLETOP_HOME": str(tmp_path)}
    child = subprocess.Popen([sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""
    digest, count = line.split()

    monkeypatch.setenv("CASPIAN_TABLETOP_HOME", str(tmp_path))
    session = games.resume_session()  # the killed process's lock died with it
    assert session.game.state.digest() == digest
    assert len(session.game.records) == int(count)
    assert session.game.turn == 2 and session.game.to_move == "KZ"  # right after AZ's pass
    session.run_ai_until_human()
    assert session.game.turn == 3 and session.awaiting == "AZ"
    session.play(parse_move("AZ summit KZ"))
    [saved] = list_games()
    assert run_replay(load_replay(saved.path), verify=True).game.state.digest() == \
        session.game.state.digest()
    assert sorted(p.suffix for p in games_dir().iterdir()) == [".lock", ".yaml"]
