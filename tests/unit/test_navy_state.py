"""Navies and presence held in the state: `navy` and `presence` effects change the zone
strength, and blockade odds, legality and the game's reads follow the state."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from caspian_tabletop.domain.errors import IllegalMoveError
from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.events import apply_events
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.legality import reason
from caspian_tabletop.engine.navy import naval_strengths, zone_strength
from caspian_tabletop.engine.resolve import blockade_odds
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.render.resolution import sentence
from shipped import compiled
from variants import event, variant

SOUTH = 1  # the minimal scenario's zones: north, south


def _fleet_events(data: dict[str, Any]) -> None:
    """RU's frigates get an id; one event sends two home, another moves the fleet south."""
    data["actors"]["RU"]["navy"][0]["id"] = "frigate"
    data["events"]["frigates-leave"] = event(
        [{"kind": "navy", "actor": "RU", "vessel": "frigate", "amount": -2}])
    data["events"]["fleet-south"] = event(
        [{"kind": "presence", "actor": "RU", "shares": {"north": 0.2, "south": 0.8},
          "amount": 0}])
    data["events"]["fleet-north"] = event(
        [{"kind": "presence", "actor": "RU", "shares": {"north": 1.0}, "amount": 0}])


C = variant(_fleet_events)
RU, AZ = C.actor_index("RU"), C.actor_index("AZ")


def fire(c: Compiled, state: BatchState, name: str) -> BatchState:
    return apply_events(c, state, np.array([c.events.index(name)] * state.size))


def odds(state: BatchState) -> float:
    p, *_ = blockade_odds(C, state, np.array([0]), np.array([RU]), np.array([-1]),
                          np.array([C.corridors.index("middle")]), np.array([SOUTH]))
    return float(p[0])


def test_the_opening_state_rates_navies_exactly_as_the_scenario() -> None:
    for c in (C, compiled("caspian-2021"), compiled("tutorial")):
        start = initial_state(c, 2)
        assert np.array_equal(naval_strengths(c, start.hulls), np.stack([c.strength] * 2))
        assert np.array_equal(zone_strength(c, start, np.array([1])), c.zone_strength[None])


def test_a_navy_event_changes_zone_strength_and_blockade_odds() -> None:
    start = initial_state(C)
    after = fire(C, start, "frigates-leave")
    assert after.hulls[0, 0] == 2.0
    assert after.zone_strength[0, RU] == pytest.approx(start.zone_strength[0, RU] / 2)
    assert after.zone_strength[0, AZ] == pytest.approx(start.zone_strength[0, AZ])
    assert odds(after) < odds(start)


def test_hulls_never_go_below_zero() -> None:
    state = initial_state(C)
    for _ in range(3):
        state = fire(C, state, "frigates-leave")
    assert state.hulls[0, 0] == 0.0
    assert not state.zone_strength[0, RU].any()


def test_a_presence_event_sets_the_shares_and_moves_strength() -> None:
    start = initial_state(C)
    after = fire(C, start, "fleet-south")
    assert after.presence[0, RU].tolist() == [0.2, 0.8]
    whole = C.strength[RU]
    assert after.zone_strength[0, RU].tolist() == pytest.approx([0.2 * whole, 0.8 * whole])
    assert odds(after) > odds(start)


def test_legality_reads_presence_from_the_state() -> None:
    drill = C.action_of(parse_move("RU drill south"))
    assert drill is not None
    start = initial_state(C)
    assert reason(C, start, drill) is None
    north_only = fire(C, start, "fleet-north")
    assert reason(C, north_only, drill) == "RU has no naval presence in the south zone"
    assert reason(C, fire(C, north_only, "fleet-south"), drill) is None


def test_a_zone_reached_only_through_an_event_is_in_the_action_table() -> None:
    def only_north(data: dict[str, Any]) -> None:
        _fleet_events(data)
        data["actors"]["RU"]["presence"] = {"north": 1.0}

    c = variant(only_north)
    assert c.presence_ever[c.actor_index("RU")].tolist() == [True, True]
    game = Game(c.scenario, compiled=c)
    with pytest.raises(IllegalMoveError, match="no naval presence in the south zone"):
        game.play(parse_move("RU drill south"))
    game.inject("fleet-south", "the fleet sails south")
    game.play(parse_move("RU drill south"))


def test_the_game_reads_the_current_navy() -> None:
    game = Game(C.scenario, compiled=C)
    before = game.naval_strength("RU"), game.zone_strength("RU", "south")
    game.inject("frigates-leave", "two frigates go home")
    assert game.naval_strength("RU") == pytest.approx(before[0] / 2)
    assert game.zone_strength("RU", "south") == pytest.approx(before[1] / 2)


def test_a_world_at_rest_keeps_the_digest_of_a_state_without_these_fields() -> None:
    """Saves made before navies lived in the state still verify: fields at their opening
    values are left out of the digest, and a change puts them in."""
    game = Game(C.scenario, compiled=C)
    at_rest = game.digest()
    game.inject("frigates-leave", "two frigates go home")
    moved = game.digest()
    assert moved != at_rest
    game.undo()
    assert game.digest() == at_rest


def test_an_explanation_names_the_strength_an_event_moved() -> None:
    game = Game(C.scenario, compiled=C)
    res = game.inject("frigates-leave", "two frigates go home")
    line = sentence(res)
    south = C.zone_strength[RU, SOUTH]
    assert f"RU strength in the South Caspian {south:.2f}→{south / 2:.2f}" in line
