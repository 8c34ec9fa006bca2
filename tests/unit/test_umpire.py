"""The facilitator's powers checked once (engine/umpire.py), and the words of outcomes
(engine/explain.py)."""

from __future__ import annotations

import numpy as np
import pytest

from caspian_tabletop.domain.errors import IllegalMoveError
from caspian_tabletop.domain.moves import KIND_ORDER, MoveKind
from caspian_tabletop.engine import umpire
from caspian_tabletop.engine.explain import FORCED, move_outcome
from caspian_tabletop.engine.state import initial_state
from shipped import compiled

C = compiled("caspian-2021")


def test_a_ruling_needs_a_secret_order_and_a_known_result() -> None:
    with pytest.raises(ValueError, match="force must be"):
        umpire.check_override({"RU"}, "RU", "maybe")
    with pytest.raises(IllegalMoveError, match="AZ has no pending order"):
        umpire.check_override({"RU"}, "AZ", "success")
    umpire.check_override({"RU"}, "RU", "failure")
    umpire.check_force(None)


@pytest.mark.parametrize(("kind", "amount", "where", "problem"), [
    ("weather", 1.0, {}, "unknown value kind (known: tension, throughput, capacity, "
                         "influence, relations, capital, block)"),
    ("capacity", 1.0, {}, "needs a corridor"),
    ("relations", 5.0, {"actor": "RU"}, "needs a target"),
    ("capital", 1.0, {"actor": "ZZ"}, "no actor 'ZZ'"),
    ("tension", float("nan"), {}, "got nan"),
])
def test_an_adjustment_out_of_bounds_or_naming_nothing_is_refused(
        kind: str, amount: float, where: dict[str, str], problem: str) -> None:
    with pytest.raises(IllegalMoveError) as caught:
        umpire.adjustment(C, kind, amount, where.get("actor"), where.get("target"),
                          where.get("corridor"), None)
    assert problem in caught.value.reason


def test_an_adjustment_is_recorded_by_name_and_applied_on_a_copy() -> None:
    effect, row = umpire.adjustment(C, "capital", 2.0, "AZ", None, None, None)
    assert effect == {"kind": "capital", "amount": 2.0, "actor": "AZ", "target": None,
                      "corridor": None, "turns": None}
    assert (row.actor, row.target, row.corridor, row.turns) == (C.actor_index("AZ"), -1, -1, 1)
    before = initial_state(C, 1)
    after = umpire.adjusted(C, before, row)
    assert after.capital[0, row.actor] == before.capital[0, row.actor] + 2.0
    assert np.array_equal(before.capital, initial_state(C, 1).capital)


def test_an_adjustment_to_the_clash_threshold_ends_the_game() -> None:
    _, row = umpire.adjustment(C, "tension", 10.0, None, None, None, None)
    assert bool(umpire.adjusted(C, initial_state(C, 1), row).clash[0])


def test_only_events_of_the_deck_are_injected() -> None:
    state = initial_state(C, 1)
    assert umpire.deck_index(C, state, C.events[1]) == 1
    with pytest.raises(IllegalMoveError, match="no event 'meteor' in the deck"):
        umpire.deck_index(C, state, "meteor")


def test_outcomes_are_worded_by_kind() -> None:
    assert move_outcome(MoveKind.TRADE, True, True, None, forced=False) == "accepted"
    assert move_outcome(MoveKind.TRADE, True, False, None, forced=False) == "declined"
    assert move_outcome(MoveKind.DEMAND, True, False, None, forced=False) == "declined"
    assert move_outcome(MoveKind.DRILL, False, False, True, forced=False) == (
        "show of force lands")
    assert move_outcome(MoveKind.DRILL, False, False, False, forced=True) == (
        "backfires" + FORCED)
    assert move_outcome(MoveKind.DRILL, True, True, True, forced=False) == (
        "partner joins; show of force lands")
    assert move_outcome(MoveKind.BLOCKADE, False, False, True, forced=True) == (
        "success (umpire override)")
    assert move_outcome(MoveKind.BLOCKADE, True, False, False, forced=False) == (
        "partner stays out; failure")
    for kind in KIND_ORDER:
        if kind not in (MoveKind.TRADE, MoveKind.DRILL, MoveKind.BLOCKADE):
            assert move_outcome(kind, False, False, None, forced=False) == ""
