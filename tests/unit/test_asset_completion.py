"""Assets: what coming online sets off, revenue split by shares, and an earliest turn."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from caspian_tabletop.domain.errors import IllegalMoveError
from caspian_tabletop.domain.moves import Move, MoveKind, parse_move
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.resolve import resolve
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import income, upkeep
from variants import ESTIMATE, variant

FIELD = {"name": "Gas field", "owners": ["AZ", "RU"], "kind": "revenue", "gain": 1.0,
         "stages": 1, "provenance": ESTIMATE}
FIELD_AT = 1  # after the fixture's own asset


def _field(**fields: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        data["assets"]["field"] = {**FIELD, **fields}
        data["rules"]["invest_delay"] = 0
    return variant(change)


def invest(c: Any, state: BatchState, notation: str) -> BatchState:
    action = c.action_of(parse_move(notation))
    after, outcome = resolve(c, state, np.array([action]), np.array([0.5]), np.array([True]))
    assert outcome.legal[0]
    return after


def test_coming_online_applies_the_completion_effects() -> None:
    c = _field(on_complete=[{"kind": "relations", "actor": "AZ", "target": "RU", "amount": 10},
                            {"kind": "influence", "actor": "AZ", "target": "RU", "amount": 3}])
    az, ru = c.actor_index("AZ"), c.actor_index("RU")
    start = initial_state(c)
    done = invest(c, start, "AZ invest field")
    assert done.asset_online[0, FIELD_AT]
    assert done.relations[0, az, ru] == start.relations[0, az, ru] + 10
    noticed = c.rules.invest_influence  # the co-owner notices the investment too
    assert done.influence[0, az, ru] == start.influence[0, az, ru] + 3 + noticed


def test_each_stage_applies_its_stage_effects_at_once() -> None:
    """A project signals while it is built: every stage invested sets off its effects, the
    last one then the completion's too."""
    c = _field(stages=2, on_stage=[{"kind": "influence", "actor": "RU", "target": "AZ",
                                    "amount": -2}],
               on_complete=[{"kind": "relations", "actor": "AZ", "target": "RU", "amount": 10}])
    az, ru = c.actor_index("AZ"), c.actor_index("RU")
    start = initial_state(c)
    once = invest(c, start, "AZ invest field")
    assert not once.asset_online[0, FIELD_AT]
    assert once.influence[0, ru, az] == start.influence[0, ru, az] - 2
    assert once.relations[0, az, ru] == start.relations[0, az, ru]
    once.acted[...] = False  # a later turn
    twice = invest(c, once, "AZ invest field")
    assert twice.asset_online[0, FIELD_AT]
    assert twice.influence[0, ru, az] == start.influence[0, ru, az] - 4
    assert twice.relations[0, az, ru] == start.relations[0, az, ru] + 10


def test_shares_split_the_gain_among_owners() -> None:
    c = _field(shares={"AZ": 0.3, "RU": 0.7})
    az, ru = c.actor_index("AZ"), c.actor_index("RU")
    start = initial_state(c)
    done = invest(c, start, "AZ invest field")
    paid = income(c, done) - income(c, start)
    assert paid[0, az] == pytest.approx(0.3) and paid[0, ru] == pytest.approx(0.7)
    whole = _field()
    paid_whole = income(whole, invest(whole, start, "AZ invest field")) - income(whole, start)
    assert paid_whole[0, az] == pytest.approx(1.0) and paid_whole[0, ru] == pytest.approx(1.0)


def test_an_asset_finished_early_waits_for_its_earliest_turn() -> None:
    c = _field(earliest_turn=3, on_complete=[
        {"kind": "relations", "actor": "AZ", "target": "RU", "amount": 10}])
    az, ru = c.actor_index("AZ"), c.actor_index("RU")
    state = invest(c, initial_state(c), "AZ invest field")
    assert state.asset_progress[0, FIELD_AT] == 1 and not state.asset_online[0, FIELD_AT]
    relations = state.relations[0, az, ru]
    state = upkeep(c, state)  # into turn 2
    assert not state.asset_online[0, FIELD_AT] and state.relations[0, az, ru] == relations
    state = upkeep(c, state)  # into turn 3: online now
    assert state.asset_online[0, FIELD_AT] and state.relations[0, az, ru] == relations + 10
    assert income(c, state)[0, az] > income(c, initial_state(c))[0, az]


def test_an_asset_past_the_calendar_never_pays() -> None:
    c = _field(earliest_turn=5)  # the minimal calendar has 4 turns
    game = Game(c.scenario, compiled=c)
    game.play(parse_move("RU invest field"))
    with pytest.raises(IllegalMoveError, match="field is already complete"):
        game.play(parse_move("AZ invest field"))
    while not game.is_over:
        actor = game.to_move
        assert actor is not None
        game.play(Move(MoveKind.PASS, actor))
    assert not game.state.asset_online[0, FIELD_AT]
