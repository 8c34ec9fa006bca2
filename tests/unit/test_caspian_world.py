"""caspian-2021's changing world gives the figures its sources and rationales state: fleets
that leave or arrive, the flotilla's move south, the blockade odds that follow, revenue from
the opening trade, sea trade only in the corridor term, and a field that earns nothing in
2021-2022."""

from __future__ import annotations

import numpy as np
import pytest

from caspian_tabletop.domain.moves import Move, MoveKind, parse_move
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.events import apply_events
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.navy import naval_strengths
from caspian_tabletop.engine.resolve import blockade_odds
from caspian_tabletop.engine.scoring import term_values
from caspian_tabletop.engine.state import BatchState, initial_state
from shipped import compiled, scenario

C = compiled("caspian-2021")
MIDDLE = C.zones.index("middle")


def fire(state: BatchState, *names: str) -> BatchState:
    for name in names:
        state = apply_events(C, state, np.array([C.events.index(name)]))
    return state


def strength(c: Compiled, state: BatchState, actor: str) -> float:
    return float(naval_strengths(c, state.hulls)[0, c.actor_index(actor)])


def middle_odds(state: BatchState) -> float:
    ru = C.actor_index("RU")
    p, *_ = blockade_odds(C, state, np.array([0]), np.array([ru]), np.array([-1]),
                          np.array([C.corridors.index("middle-corridor")]), np.array([MIDDLE]))
    return round(float(p[0]), 2)


def test_fleet_events_change_the_navies_as_their_sources_say() -> None:
    start = initial_state(C)
    assert strength(C, start, "RU") == pytest.approx(15.91, abs=0.005)
    assert strength(C, fire(start, "volga-don-transfer"), "RU") == pytest.approx(15.06, abs=0.005)
    assert strength(C, start, "TM") == pytest.approx(4.45, abs=0.005)
    assert strength(C, fire(start, "deniz-han-commissioned"), "TM") == pytest.approx(
        5.84, abs=0.005)
    assert strength(C, fire(start, "kz-patrol-launch"), "KZ") == pytest.approx(
        strength(C, start, "KZ") + 0.17, abs=0.005)


def test_the_flotilla_s_move_south_raises_the_odds_on_the_middle_corridor() -> None:
    start = initial_state(C)
    assert middle_odds(start) == 0.66
    moved = fire(start, "volga-don-transfer", "flotilla-rebasing")
    ru = C.actor_index("RU")
    assert moved.presence[0, ru].tolist() == [0.1, 0.8, 0.1]
    assert moved.zone_strength[0, ru, MIDDLE] == pytest.approx(12.05, abs=0.005)
    assert middle_odds(moved) == 0.69


def test_revenue_starts_at_what_the_opening_trade_pays() -> None:
    revenue = dict(zip(C.actors, initial_state(C).revenue[0].round(2), strict=True))
    assert revenue == {"RU": 1.68, "IR": 1.68, "AZ": 0.57, "KZ": 0.17, "TM": 0.15, "TR": 0.3,
                       "AF": 0.02}


def test_north_south_routes_hold_three_quarters_of_the_sea_trade() -> None:
    corridor = term_values(C, initial_state(C))[0, :, 1]
    assert corridor[C.actor_index("RU")] == pytest.approx(3.5 / 4.65)
    assert corridor[C.actor_index("IR")] == pytest.approx(3.5 / 4.65)
    # Azerbaijan measures its own routes by volume: 1.15 Mt carried on 4.5 Mt built
    assert corridor[C.actor_index("AZ")] == pytest.approx((1.15 + 0.25 * 4.5) / 1.25 / 4.5)


def test_dostluk_earns_nothing_in_2021_2022_however_much_is_invested() -> None:
    game = Game(scenario("caspian-2021"), seed=2)
    while not game.is_over:
        actor = game.to_move
        assert actor is not None
        move = parse_move(f"{actor} invest dostluk")
        game.play(move if game.why_illegal(move) is None else Move(MoveKind.PASS, actor))
    dostluk = C.assets.index("dostluk")
    assert game.state.asset_progress[0, dostluk] == C.asset_stages[dostluk]
    assert not game.state.asset_online[0, dostluk]


def test_afghanistan_earns_less_after_august_2021() -> None:
    af = C.actor_index("AF")
    assert C.capital_by_turn[:, af].tolist() == [2, 2, 1, 1, 1, 1, 1, 1]
