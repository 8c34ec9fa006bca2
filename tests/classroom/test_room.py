"""The class's turn flow without a server or Textual: sealing, answers, the reveal, the
facilitator's actions and who may do what."""

from __future__ import annotations

import pytest

from caspian_tabletop.classroom.room import FACILITATOR, PROJECTOR, ClassError, ClassRoom, Role
from caspian_tabletop.domain.moves import Move, MoveKind
from caspian_tabletop.replay.reader import parse_replay
from caspian_tabletop.replay.runner import run_replay
from shipped import scenario

TEAMS = {"RU": "Moscow", "AZ": "Baku", "KZ": "Astana", "TM": "Ashgabat"}


def _room(seed: int = 5) -> ClassRoom:
    return ClassRoom.new("class-test", scenario("caspian-2021"), TEAMS, seed=seed)


def _team(actor: str) -> Role:
    return Role("team", actor)


def _first(room: ClassRoom, actor: str, kind: MoveKind, partner: str | None = None) -> Move:
    return next(m for m in room.session.game.legal_moves(actor)
                if m.kind is kind and (partner is None or m.partner == partner))


def _reveal(room: ClassRoom) -> None:
    """The facilitator reveals where the room is."""
    room.reveal(FACILITATOR, room.session.game.turn, room.state.phase)


def test_ai_seats_seal_at_the_start_and_teams_seal_with_the_room() -> None:
    room = _room()
    game = room.session.game
    assert sorted(game.orders) == ["AF", "IR", "TR"]  # the AI seats
    room.submit(_team("KZ"), _first(room, "KZ", MoveKind.INVEST).notation())
    assert room.submitted == ["KZ"]
    assert "KZ" not in game.orders  # the game sees no team order before the reveal
    room.submit(_team("KZ"), "KZ pass")  # a team may change its order
    assert room.state.sealed["KZ"].move.kind is MoveKind.PASS
    room.withdraw(_team("KZ"))
    assert room.submitted == []


def test_a_simultaneous_turn_with_four_teams_and_ai_seats() -> None:
    room = _room()
    game = room.session.game
    for actor in TEAMS:
        room.submit(_team(actor), f"{actor} pass")
    assert not room.offers_to("KZ") or room.state.phase == "orders"
    _reveal(room)
    if room.state.phase == "answers":  # an AI offered a team a deal: no answer is a no
        _reveal(room)
    assert game.turn == 2 and room.state.phase == "orders"
    assert {r.actor for r in room.revealed if r.step == "move"} == set(game.compiled.actors)
    assert room.state.sealed == {}
    room.seal_ai_orders()
    assert sorted(game.orders) == ["AF", "IR", "TR"]


def test_an_offer_to_a_team_waits_for_its_answer() -> None:
    room = _room()
    trade = _first(room, "KZ", MoveKind.TRADE, "AZ")
    room.submit(_team("KZ"), trade.notation())
    _reveal(room)
    assert room.state.phase == "answers"
    assert trade in room.offers_to("AZ")
    with pytest.raises(ClassError, match="no offer"):
        room.answer(_team("TM"), "KZ", True)
    with pytest.raises(ClassError, match="only while the turn is open"):
        room.submit(_team("RU"), "RU pass")
    room.answer(_team("AZ"), "KZ", True)
    _reveal(room)
    kz = next(r for r in room.revealed if r.actor == "KZ" and r.step == "move")
    assert "accepted" in kz.outcome


def test_an_unanswered_offer_is_a_no_and_a_bot_answers_for_itself() -> None:
    room = _room()
    room.submit(_team("KZ"), _first(room, "KZ", MoveKind.TRADE, "AZ").notation())
    room.submit(_team("TM"), _first(room, "TM", MoveKind.TRADE, "AF").notation())
    _reveal(room)
    _reveal(room)
    outcome = {r.actor: r.outcome for r in room.revealed if r.step == "move"}
    assert "declined" in outcome["KZ"]
    game = room.session.game
    records = [r for r in game.records if getattr(r, "move", "").startswith("TM trade AF")]
    assert records and records[0].accept is not None  # the AF bot answered


def test_roles_are_checked() -> None:
    room = _room()
    with pytest.raises(ClassError, match="not yours"):
        room.submit(_team("KZ"), "AZ pass")
    with pytest.raises(ClassError, match="only a team"):
        room.submit(FACILITATOR, "KZ pass")
    with pytest.raises(ClassError, match="only a team"):
        room.submit(PROJECTOR, "KZ pass")
    for call in (lambda r: room.reveal(r, 1, "orders"), lambda r: room.pause(r, True),
                 lambda r: room.export_text(r), lambda r: room.undo_to_turn(r, 1),
                 lambda r: room.override(r, "IR", "failure", "x")):
        with pytest.raises(ClassError, match="only the facilitator"):
            call(_team("KZ"))
        with pytest.raises(ClassError, match="only the facilitator"):
            call(PROJECTOR)
    with pytest.raises(ClassError, match="KZ pass pass"):
        room.submit(_team("KZ"), "KZ pass pass")
    assert room.submitted == [] and room.session.game.turn == 1


def test_override_inject_and_undo() -> None:
    room = _room()
    game = room.session.game
    drill = next((m for m in game.legal_moves("RU") if m.kind is MoveKind.DRILL
                  and m.partner is None), None)
    assert drill is not None
    room.submit(_team("RU"), drill.notation())
    room.override(FACILITATOR, "RU", "failure", "the weather closed in")
    room.inject(FACILITATOR, next(iter(game.scenario.events)), "a class exercise")
    _reveal(room)
    if room.state.phase == "answers":
        _reveal(room)
    ru = next(r for r in room.revealed if r.actor == "RU" and r.step == "move")
    assert ru.facilitator == "the weather closed in" and "umpire override" in ru.outcome
    digest_turn_2 = game.digest()
    room.seal_ai_orders()
    room.undo_to_turn(FACILITATOR, 1)
    assert game.turn == 1 and room.state.sealed == {}
    assert sorted(game.orders) == ["AF", "IR", "TR"]
    assert game.digest() != digest_turn_2


def test_the_export_is_a_verifiable_save_with_team_names() -> None:
    room = _room()
    for actor in TEAMS:
        room.submit(_team(actor), f"{actor} pass")
    _reveal(room)
    if room.state.phase == "answers":
        _reveal(room)
    room.seal_ai_orders()
    text = room.export_text(FACILITATOR)
    replay = parse_replay(text.encode(), "export")
    assert replay.seats["KZ"] == "human Astana"
    run = run_replay(replay, verify=True)
    assert run.game.digest() == room.session.game.digest()


def test_a_paused_or_finished_game_takes_no_orders() -> None:
    room = _room()
    room.pause(FACILITATOR, True)
    with pytest.raises(ClassError, match="paused"):
        room.submit(_team("KZ"), "KZ pass")
    room.pause(FACILITATOR, False)
    room.submit(_team("KZ"), "KZ pass")


def test_a_reveal_meant_for_a_phase_the_class_has_left_is_refused() -> None:
    """A double key press: the second reveal still names turn 1's orders after the first
    has closed them, and must not reveal (declining the offer nobody had time to answer)."""
    room = _room()
    room.submit(_team("KZ"), _first(room, "KZ", MoveKind.TRADE, "AZ").notation())
    room.reveal(FACILITATOR, 1, "orders")
    assert room.state.phase == "answers"
    with pytest.raises(ClassError, match="meant for turn 1's orders, but the class is at "
                                         "turn 1's answers: nothing was done"):
        room.reveal(FACILITATOR, 1, "orders")
    assert room.state.phase == "answers" and room.session.game.turn == 1
    room.answer(_team("AZ"), "KZ", True)
    room.reveal(FACILITATOR, 1, "answers")
    assert room.session.game.turn == 2
    with pytest.raises(ClassError, match="meant for turn 1's answers"):
        room.reveal(FACILITATOR, 1, "answers")
    assert room.session.game.turn == 2
