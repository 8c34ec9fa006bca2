"""Sessions: AI seats move by themselves, trades ask the right seat, undo, autosave, resume."""

from __future__ import annotations

from pathlib import Path

import pytest

from caspian_tabletop.domain.errors import IllegalMoveError, ReplayError
from caspian_tabletop.domain.moves import Move, parse_move
from caspian_tabletop.engine.game import Game
from caspian_tabletop.replay import Seat, load_replay
from caspian_tabletop.saves import autosave_path, load_autosave, set_aside_unreadable
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
    assert load_replay(tmp_path / "a.yaml").turns[-1].digest == before


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
    assert asked == ["RU trade AZ instc-west 0.5"]
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
    resumed = Session.from_replay(load_autosave(path), path)
    assert resumed.seats == saved.seats and resumed.mode == "solo"
    for session in (straight, resumed):
        session.run_ai_until_human()
        session.play(parse_move("AZ pass"))
        session.run_ai_until_human()
    assert resumed.game.records == straight.game.records
    assert resumed.game.state.digest() == straight.game.state.digest()
    resumed.undo()  # the history of a resumed game is undoable too
    assert resumed.awaiting == "AZ" and resumed.game.turn == 2


def test_missing_autosave_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReplayError, match="no autosaved game to resume"):
        load_autosave(tmp_path / "none.yaml")


def test_corrupt_autosave_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "autosave.yaml"
    path.write_text("format: caspian-replay\nversion: 1\nturns: [\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ReplayError, match="invalid YAML"):
        load_autosave(path)
    assert path.read_bytes() == before


def test_new_game_moves_an_unreadable_autosave_aside(tmp_path: Path) -> None:
    path = tmp_path / "autosave.yaml"
    path.write_text("not: [a save", encoding="utf-8")
    moved = set_aside_unreadable(path)
    assert moved is not None and moved.name.startswith("autosave.corrupt-")
    assert moved.read_text(encoding="utf-8") == "not: [a save"
    assert not path.exists()
    _start(path)
    assert load_autosave(path).scenario.id == "tutorial"
    assert set_aside_unreadable(path) is None  # a readable save stays


def test_autosave_location_follows_the_home_variable(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASPIAN_TABLETOP_HOME", str(tmp_path))
    assert autosave_path() == tmp_path / "saves" / "autosave.yaml"


def test_saving_leaves_no_temporary_files(tmp_path: Path) -> None:
    session = _start(tmp_path / "a.yaml")
    session.run_ai_until_human()
    session.play(parse_move("AZ pass"))
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_a_first_autosave_put_off_is_written_before_the_first_action(tmp_path: Path) -> None:
    """The TUI starts a game with `save_now=False` and saves it once its screen is drawn;
    should an action come first, the new game is saved before it, an unreadable old save
    set aside, and the action saved after it."""
    path = tmp_path / "autosave.yaml"
    path.write_text("not: [a save", encoding="utf-8")
    session = Session.start(scenario("tutorial"), SEATS, seed=4, autosave_path=path,
                            save_now=False)
    assert path.read_text(encoding="utf-8") == "not: [a save"  # nothing written yet
    session.run_ai_until_human()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("autosave.corrupt-")]
    saved = load_autosave(path)
    assert saved.scenario.id == "tutorial"
    assert sum(len(t.steps) for t in saved.turns) == session.game.undo_depth > 0
    before = path.read_bytes()
    session.save_new_game()  # already saved: nothing more to do
    assert path.read_bytes() == before


def test_save_new_game_writes_a_game_put_off_once(tmp_path: Path) -> None:
    path = tmp_path / "autosave.yaml"
    session = Session.start(scenario("tutorial"), SEATS, seed=4, autosave_path=path,
                            save_now=False)
    assert not path.exists()
    session.save_new_game()
    assert not any(turn.steps for turn in load_autosave(path).turns)
