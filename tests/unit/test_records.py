"""A game's history as one record type per kind of step: own fields only, compared by value,
mapped to and from replay steps, and named field by field when a replay disagrees."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields, replace

import pytest

from caspian_tabletop.domain.errors import ReplayError
from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.records import (
    AdjustRecord,
    EventsRecord,
    InjectRecord,
    MoveRecord,
    NoteRecord,
    UpkeepRecord,
)
from caspian_tabletop.replay import load_replay, run_replay
from caspian_tabletop.replay.records import record_of, step_of, steps_of
from shipped import scenario

OWN_FIELDS = {
    EventsRecord: ("turn", "roll", "event", "scheduled"),
    MoveRecord: ("turn", "move", "roll", "accept", "force", "reason", "fizzled"),
    UpkeepRecord: ("turn",),
    AdjustRecord: ("turn", "reason", "effect"),
    InjectRecord: ("turn", "reason", "event"),
    NoteRecord: ("turn", "text"),
}


def every_step_game() -> Game:
    """Secret orders with a trade each way, an override, an adjustment, an inject, a note."""
    game = Game(scenario("caspian-2021"), seed=5, order="simultaneous")
    for notation, accept in [("RU drill south IR", None), ("IR summit TM", None),
                             ("AZ trade KZ middle-corridor 0.5", True),
                             ("KZ invest aktau-expansion", None),
                             ("TM trade AZ lapis-lazuli 0.25", False),
                             ("TR invest middle-corridor", None), ("AF pass", None)]:
        game.play(parse_move(notation), accept=accept)
    game.adjust("tension", 1.0, "class debate heats up")
    game.inject("container-surge", "umpire demonstrates an inject")
    game.note("The Middle Corridor is under pressure.")
    game.play(parse_move("RU blockade middle-corridor middle"))
    game.override("RU", "success", "the flotilla is already on station")
    return game


def test_each_kind_has_its_own_fields_a_kind_and_a_turn() -> None:
    for record_type, own in OWN_FIELDS.items():
        assert tuple(f.name for f in fields(record_type)) == own
        assert record_type.kind == record_type.__name__.removesuffix("Record").lower()


def test_a_game_makes_a_record_of_each_kind_and_they_are_frozen_values() -> None:
    game = every_step_game()
    kinds = {r.kind for r in game.records}
    assert kinds == {"events", "move", "upkeep", "adjust", "inject", "note"}
    note = next(r for r in game.records if r.kind == "note")
    assert note == NoteRecord(turn=2, text="The Middle Corridor is under pressure.")
    assert replace(note, turn=3) != note
    with pytest.raises(FrozenInstanceError):
        note.turn = 4  # type: ignore[misc]
    trades = [r for r in game.records if r.kind == "move" and " trade " in r.move]
    assert [t.accept for t in trades] == [True, False]
    drills = [r for r in game.records if r.kind == "move" and " drill " in r.move]
    # A drill that names a partner records its answer; one alone records none.
    assert all(d.roll is not None for d in drills)
    assert all((d.accept is None) == (len(d.move.split()) == 3) for d in drills)


def test_records_map_to_replay_steps_and_back() -> None:
    game = every_step_game()
    steps = steps_of(game.records)
    assert {r.kind for r in steps} == {"move", "adjust", "inject", "note"}
    for record in steps:
        assert record_of(step_of(record), record.turn) == record


def test_a_replay_that_disagrees_names_the_differing_field() -> None:
    demo = load_replay("tutorial-demo")
    steps = demo.turns[0].steps
    invest = next(i for i, s in enumerate(steps) if s.move == "KZ invest aktau-expansion")
    steps = [*steps[:invest], steps[invest].model_copy(update={"fizzled": "made up"}),
             *steps[invest + 1:]]
    turns = [demo.turns[0].model_copy(update={"steps": steps}), *demo.turns[1:]]
    with pytest.raises(ReplayError) as caught:
        run_replay(demo.model_copy(update={"turns": turns}))
    assert ("KZ invest aktau-expansion: recorded and replayed differ (fizzled made up → none)"
            in str(caught.value))
