"""Trade figures that change with the sources: only sea trade is the corridor term's whole,
revenue can start at what the opening trade pays, capital per turn can change on a date, and
capacity a blockade scared off can come back."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.resolve import FORCE_SUCCESS, resolve
from caspian_tabletop.engine.scoring import term_values
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import income, upkeep
from variants import ESTIMATE, variant

CORRIDOR = 1  # the corridor term


def _land_branch(sea: bool | None) -> Any:
    """A north-south land route beside the fixture's east-west sea corridor."""
    def change(data: dict[str, Any]) -> None:
        data["corridors"]["land"] = {
            "name": "Land branch", "orientation": "north-south", "members": ["RU", "AZ"],
            "legs": [{"kind": "land", "ref": "Russia-Azerbaijan rail"}],
            "capacity_mt": 6, "throughput_mt": 2, "provenance": ESTIMATE}
        if sea is not None:
            data["corridors"]["land"]["sea"] = sea
    return variant(change)


def test_only_sea_trade_is_the_corridor_term_s_whole() -> None:
    counted, landed = _land_branch(None), _land_branch(False)
    ru, az = landed.actor_index("RU"), landed.actor_index("AZ")
    with_land = term_values(counted, initial_state(counted))[0, :, CORRIDOR]
    sea_only = term_values(landed, initial_state(landed))[0, :, CORRIDOR]
    assert with_land[az] == pytest.approx(4 / 6) and with_land[ru] == pytest.approx(2 / 6)
    assert sea_only[az] == pytest.approx(1.0) and sea_only[ru] == 0.0


def test_a_land_branch_still_pays_its_members() -> None:
    landed = _land_branch(False)
    ru = landed.actor_index("RU")
    paid = income(landed, initial_state(landed))[0, ru]
    assert paid == pytest.approx(2 * landed.rules.revenue_per_mt / 2)


def _opening_revenue(data: dict[str, Any]) -> None:
    data["initial"]["opening_revenue"] = True


def test_revenue_can_start_at_what_the_opening_trade_pays() -> None:
    c = variant(_opening_revenue)
    start = initial_state(c)
    assert start.revenue[0] == pytest.approx(income(c, start)[0])
    assert start.revenue[0].tolist() == upkeep(c, start).revenue[0].tolist()
    plain = variant(lambda data: None)
    assert not initial_state(plain).revenue.any()


def test_with_opening_revenue_the_first_upkeep_shifts_no_revenue_points() -> None:
    c = variant(_opening_revenue)
    game = Game(c.scenario, compiled=c)
    for actor in ("RU", "AZ", "TR"):
        game.play(parse_move(f"{actor} pass"))
    upkeep_step = next(r for r in game.explanations if r.step == "upkeep")
    assert all("revenue" not in terms for terms in upkeep_step.shift.values())


def test_capital_per_turn_changes_from_its_turn() -> None:
    def cut(data: dict[str, Any]) -> None:
        data["actors"]["TR"]["capital_changes"] = [
            {"turn": 2, "capital_per_turn": 1, "rationale": "A budget cut from turn 2 on."}]
        data["rules"]["revenue_to_capital"] = 0

    c = variant(cut)
    tr = c.actor_index("TR")
    assert c.capital_by_turn[:, tr].tolist() == [4, 1, 1, 1]
    state = initial_state(c)
    earned = []
    for _ in range(3):
        before = state.capital[0, tr]
        state = upkeep(c, state)
        earned.append(state.capital[0, tr] - before)
    assert earned == [4, 1, 1]


def _recovering(data: dict[str, Any]) -> None:
    data["rules"]["blockade_capacity_loss"] = 0.6
    data["rules"]["blockade_recovery"] = 0.5


def blockaded(c: Any) -> BatchState:
    action = c.action_of(parse_move("RU blockade middle south"))
    after, outcome = resolve(c, initial_state(c), np.array([action]), np.array([0.5]),
                             np.array([False]), np.array([FORCE_SUCCESS]))
    assert outcome.success[0]
    return after


def test_lost_capacity_comes_back_only_on_turns_the_route_is_open() -> None:
    c = variant(_recovering)
    k = c.corridors.index("middle")
    state = blockaded(c)
    assert state.capacity[0, k] == pytest.approx(4.0) and state.capacity_lost[0, k] == 6.0
    for _ in range(c.rules.blockade_turns):
        state = upkeep(c, state)
    assert state.capacity[0, k] == pytest.approx(4.0)  # closed all along
    state = upkeep(c, state)
    assert state.capacity[0, k] == pytest.approx(7.0) and state.capacity_lost[0, k] == 3.0
    state = upkeep(c, state)
    assert state.capacity[0, k] == pytest.approx(8.5)


def test_without_recovery_the_loss_stays() -> None:
    c = variant(lambda data: data["rules"].update(blockade_capacity_loss=0.6))
    k = c.corridors.index("middle")
    state = blockaded(c)
    for _ in range(4):
        state = upkeep(c, state)
    assert state.capacity[0, k] == pytest.approx(4.0)
