"""Sessions: AI seats move by themselves, trades ask the right seat, undo, autosave, resume."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from caspian_tabletop.domain.errors import IllegalMoveError
from caspian_tabletop.domain.moves import Move, parse_move
from caspian_tabletop.domain.seats import Seat
from caspian_tabletop.engine.game import Game
from caspian_tabletop.replay import load_replay, run_replay
from caspian_tabletop.session import Session
from shipped import scenario

SEATS = {"RU": Seat("ai", "easy"), "AZ": Seat("human", "Team Baku"), "KZ": Seat("ai", "easy")}


def _start(path: Path | None = None, seed: int = 4) -> Session:
    return Session.start(scenario("tutorial"), SEATS, seed=seed, autosave_path=path)


def test_ai_moves_until_the_human_is_due(tmp_path: Path) -> None:
    session = _start(tmp_path / "a.yaml")
    assert session.awaiting is None  # RU moves first
    done = session.run_ai_until_human()
    assert [r.actor for r in done] == ["RU"]
    assert session.awaiting == "AZ"
    assert session.run_ai_until_human() == []


def test_human_move_then_ai_completes_the_turn(tmp_path: Path) -> None:
    session = _start(tmp_path / "a.yaml")
    session.run_ai_until_human()
    session.play(parse_move("AZ summit KZ"))
    done = session.run_ai_until_human()
    assert [r.step for r in done][:2] == ["move", "upkeep"]
    assert session.game.turn == 2 and session.awaiting == "AZ"


def test_only_human_seats_take_typed_moves(tmp_path: Path) -> None:
    session = _start(tmp_path / "a.yaml")
    with pytest.raises(IllegalMoveError, match="RU is not played by a human"):
        session.play(parse_move("RU pass"))


def test_undo_goes_back_past_ai_moves_to_before_the_human_move(tmp_path: Path) -> None:
    session = _start(tmp_path / "a.yaml")
    session.run_ai_until_human()
    before = session.game.state.digest()
    session.play(parse_move("AZ summit KZ"))
    session.run_ai_until_human()  # KZ, upkeep, turn 2 events, RU
    assert session.game.turn == 2
    session.undo()
    assert (session.game.turn, session.awaiting) == (1, "AZ")
    assert session.game.state.digest() == before
    assert replayed(tmp_path / "a.yaml").state.digest() == before


def test_undo_without_a_human_move_is_refused(tmp_path: Path) -> None:
    session = _start(tmp_path / "a.yaml")
    session.run_ai_until_human()
    with pytest.raises(IllegalMoveError, match="no human move"):
        session.undo()


def test_trade_offered_to_a_human_seat_asks_it(tmp_path: Path) -> None:
    asked: list[str] = []

    def ask(game: Game, move: Move) -> bool:
        asked.append(move.notation())
        return False

    seats = {"RU": Seat("human", "north"), "AZ": Seat("human", "west"), "KZ": Seat("off")}
    session = Session.start(scenario("tutorial"), seats, seed=1, ask=ask)
    session.play(parse_move("RU trade AZ instc-west 0.5"))
    assert asked == ["RU trade AZ instc-west 0.5"]
    assert session.game.records[-1].accept is False


def test_secret_trade_offers_are_asked_at_the_reveal_and_survive_a_resume(
        tmp_path: Path) -> None:
    """With secret orders a team hears of an offer only once its own order is sealed; a save
    made before the reveal keeps the unanswered offer, and the resumed game asks it then."""
    asked: list[str] = []

    def ask(game: Game, move: Move) -> bool:
        asked.append(move.notation())
        return True

    seats = {"RU": Seat("human", "Team Moscow"), "AZ": Seat("human", "Team Baku"),
             "KZ": Seat("ai", "easy")}
    save = tmp_path / "mid-turn.yaml"
    session = Session.start(scenario("tutorial"), seats, seed=1, order="simultaneous",
                            mode="classroom", autosave_path=save, ask=ask)
    session.run_ai_until_human()
    session.play(parse_move("RU trade AZ instc-west 0.5"))
    assert asked == []
    resumed = Session.from_replay(load_replay(save), autosave_path=save, ask=ask)
    assert resumed.game.orders["RU"].accept is None
    resumed.play(parse_move("AZ pass"))
    assert asked[0] == "RU trade AZ instc-west 0.5"  # trades are revealed before drills
    assert all(parse_move(text).partner == "AZ" for text in asked)  # only the human is asked
    trade = next(r for r in resumed.game.explanations if r.text.startswith("RU trade"))
    assert "accepted" in trade.outcome


def test_off_seats_pass(tmp_path: Path) -> None:
    seats = {"RU": Seat("off"), "AZ": Seat("human", "west"), "KZ": Seat("off")}
    session = Session.start(scenario("tutorial"), seats, seed=1)
    session.run_ai_until_human()
    assert session.game.records[-1].move == "RU pass"


def test_facilitator_actions_are_committed_and_saved(tmp_path: Path) -> None:
    session = _start(tmp_path / "a.yaml")
    session.adjust("tension", 1.0, "incident at sea")
    session.inject("winter-storm", "what if?")
    session.note("the class debates [cites: EDM-15]")
    steps = load_replay(tmp_path / "a.yaml").turns[0].steps
    assert steps[0].adjust is not None and steps[0].reason == "incident at sea"
    assert steps[1].inject == "winter-storm"
    assert (steps[2].note, steps[2].cites) == ("the class debates", ["EDM-15"])


def test_resume_plays_on_exactly_like_the_uninterrupted_game(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    straight = _start(None, seed=9)
    saved = _start(path, seed=9)
    for session in (straight, saved):
        session.run_ai_until_human()
        session.play(parse_move("AZ summit KZ"))
    resumed = Session.from_replay(load_replay(path), path)
    assert resumed.seats == saved.seats and resumed.mode == "solo"
    for session in (straight, resumed):
        session.run_ai_until_human()
        session.play(parse_move("AZ pass"))
        session.run_ai_until_human()
    assert resumed.game.records == straight.game.records
    assert resumed.game.state.digest() == straight.game.state.digest()
    resumed.undo()  # the history of a resumed game is undoable too
    assert resumed.awaiting == "AZ" and resumed.game.turn == 2


def test_saving_leaves_no_temporary_files(tmp_path: Path) -> None:
    session = _start(tmp_path / "a.yaml")
    session.run_ai_until_human()
    session.play(parse_move("AZ pass"))
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_a_first_autosave_put_off_is_written_before_the_first_action(tmp_path: Path) -> None:
    """The TUI starts a game with `save_now=False` and saves it once its screen is drawn;
    should an action come first, the new game is saved before it, and the action after it."""
    path = tmp_path / "game.yaml"
    session = Session.start(scenario("tutorial"), SEATS, seed=4, autosave_path=path,
                            save_now=False)
    assert not path.exists()  # nothing written yet
    session.run_ai_until_human()
    saved = load_replay(path)
    assert saved.scenario.id == "tutorial"
    assert sum(len(t.steps) for t in saved.turns) == session.game.undo_depth > 0
    before = path.read_bytes()
    session.save_new_game()  # already saved: nothing more to do
    assert path.read_bytes() == before


def test_save_new_game_writes_a_game_put_off_once(tmp_path: Path) -> None:
    path = tmp_path / "game.yaml"
    session = Session.start(scenario("tutorial"), SEATS, seed=4, autosave_path=path,
                            save_now=False)
    assert not path.exists()
    session.save_new_game()
    assert not any(turn.steps for turn in load_replay(path).turns)


@pytest.mark.parametrize(("code", "said"), [(errno.ENOSPC, "disk full"),
                                            (errno.EROFS, "the data folder is read-only")])
def test_a_failing_autosave_lets_the_game_go_on_and_keeps_the_last_save(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, said: str) -> None:
    path = tmp_path / "game.yaml"
    session = _start(path)
    session.run_ai_until_human()
    good = path.read_bytes()
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    session.play(parse_move("AZ summit KZ"))
    session.run_ai_until_human()
    assert session.save_problem == f"autosave failed: {said} — this game is not being saved"
    assert session.game.turn == 2  # played on in memory
    assert path.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["game.yaml"]  # no temporary file left
    monkeypatch.setattr(os, "fsync", real_fsync)
    session.play(parse_move("AZ pass"))
    assert session.save_problem is None  # the next commit saved again
    assert replayed(path).state.digest() == session.game.state.digest()


def test_an_unusable_data_folder_is_said_plainly(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file where the folder should be", encoding="utf-8")
    session = _start(tmp_path / "data" / "games" / "game.yaml")
    assert session.save_problem is not None
    assert session.save_problem.startswith("autosave failed: ")
    assert session.save_problem.endswith(" — this game is not being saved")
    session.run_ai_until_human()
    session.play(parse_move("AZ summit KZ"))
    assert session.game.records[-1].move is not None


def replayed(path: Path) -> Game:
    return run_replay(load_replay(path), verify=True).game
