"""A classroom game's facilitator lock travels with its save, its resume and its branches."""

from __future__ import annotations

from pathlib import Path

import pytest

from caspian_tabletop.domain.errors import ReplayError
from caspian_tabletop.domain.seats import Seat
from caspian_tabletop.passphrase import make_lock, opens
from caspian_tabletop.replay import branch, dump_replay, load_replay, replay_game
from caspian_tabletop.session import Session
from shipped import scenario

SEATS = {"RU": Seat("human", "Team Moscow"), "AZ": Seat("human", "Team Baku"),
         "KZ": Seat("ai", "easy")}


def _locked_game(save: Path) -> Session:
    session = Session.start(scenario("tutorial"), SEATS, seed=3, mode="classroom",
                            autosave_path=save, save_now=False)
    session.facilitator_lock = make_lock("caspian tern")
    session.autosave()
    return session


def test_the_lock_is_saved_as_a_hash_and_resumed(tmp_path: Path) -> None:
    save = tmp_path / "class.yaml"
    _locked_game(save)
    text = save.read_text(encoding="utf-8")
    assert "facilitator_lock: scrypt$" in text and "caspian tern" not in text
    resumed = Session.from_replay(load_replay(save), autosave_path=save)
    assert resumed.facilitator_lock is not None
    assert opens(resumed.facilitator_lock, "caspian tern")
    resumed.run_ai_until_human()
    resumed.note("a move later the lock is still saved")
    assert load_replay(save).facilitator_lock == resumed.facilitator_lock


def test_a_game_without_a_lock_writes_no_field(tmp_path: Path) -> None:
    session = Session.start(scenario("tutorial"), SEATS, seed=3, mode="classroom")
    assert "facilitator_lock" not in dump_replay(session.to_replay())


def test_a_branch_keeps_the_lock(tmp_path: Path) -> None:
    save = tmp_path / "class.yaml"
    session = _locked_game(save)
    replay = load_replay(save)
    branched = branch(replay, replay_game(replay))
    assert branched.facilitator_lock == session.facilitator_lock


def test_a_lock_that_is_not_a_scrypt_hash_is_a_located_error(tmp_path: Path) -> None:
    save = tmp_path / "class.yaml"
    _locked_game(save)
    text = save.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    start = text.index("facilitator_lock: ")
    end = text.index("\n", start)
    bad.write_text(text[:start] + "facilitator_lock: caspian tern" + text[end:],
                   encoding="utf-8")
    with pytest.raises(ReplayError) as raised:
        load_replay(bad)
    message = str(raised.value)
    assert "bad.yaml:" in message and "facilitator_lock" in message
