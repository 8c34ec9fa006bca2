"""The deck a game draws from: once-only events, seasonal weights, earliest turns, scheduled
events that may come early, and the partial `disrupt` effect."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from caspian_tabletop.domain.errors import IllegalMoveError
from caspian_tabletop.domain.moves import Move, MoveKind
from caspian_tabletop.engine.batch import RandomPolicy, run_games
from caspian_tabletop.engine.events import NO_EVENT, apply_events, deck_weights, draw_events
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.records import EventsRecord
from caspian_tabletop.engine.scoring import term_values
from caspian_tabletop.engine.state import initial_state
from caspian_tabletop.engine.upkeep import income, upkeep
from caspian_tabletop.render.resolution import sentence
from variants import event, variant

CORRIDOR = 1  # the corridor term


def _deck(data: dict[str, Any]) -> None:
    data["calendar"]["turns"] = 8
    data["rules"]["event_probability"] = 1.0
    tension = [{"kind": "tension", "amount": 0.1}]
    data["events"] = {
        "treaty": event(tension, weight=5, once=True),
        "gale": event(tension, weight=2, weight_by_quarter={1: 6, 3: 0}),
        "launch": event(tension, weight=1, earliest_turn=4),
        "corvette": event(tension, weight=1, earliest_turn=2, scheduled_turn=6, once=True),
        "storm": event([{"kind": "disrupt", "corridor": "middle", "amount": 0.1}], weight=0),
    }


C = variant(_deck)
TREATY, GALE, LAUNCH, CORVETTE, STORM = range(5)


def test_a_once_only_event_never_fires_twice_in_a_long_batch() -> None:
    final = run_games(C, 2000, seed=11, policies=[RandomPolicy.for_scenario(C)] * 3)
    assert final.fired[:, TREATY].mean() > 0.9  # nearly every game drew it once
    drawn = np.zeros(2000, dtype=np.int64)
    state = initial_state(C, 2000)
    rng = np.random.default_rng(4)
    for turn in range(1, 9):
        state.turn[...] = turn
        picked = draw_events(C, state, rng.random(2000))
        drawn += picked == TREATY
        state = apply_events(C, state, picked)
    assert drawn.max() == 1


def test_a_spent_once_only_event_leaves_the_deck() -> None:
    state = initial_state(C, 1)
    assert deck_weights(C, state)[0, TREATY] == 5
    state = apply_events(C, state, np.array([TREATY]))
    assert deck_weights(C, state)[0, TREATY] == 0
    again = apply_events(C, state, np.array([TREATY]))
    assert again.tension[0] == state.tension[0]


def test_weights_follow_the_quarter_of_the_calendar() -> None:
    state = initial_state(C, 4)
    state.turn[...] = [1, 2, 3, 4]  # 2021 Q1 .. Q4
    assert deck_weights(C, state)[:, GALE].tolist() == [6, 2, 0, 2]


def test_a_card_waits_for_its_earliest_turn_and_a_scheduled_card_leaves_on_its_turn() -> None:
    state = initial_state(C, 8)
    state.turn[...] = np.arange(1, 9)
    weights = deck_weights(C, state)
    assert weights[:, LAUNCH].tolist() == [0, 0, 0, 1, 1, 1, 1, 1]
    assert weights[:, CORVETTE].tolist() == [0, 1, 1, 1, 1, 0, 0, 0]


def test_the_draw_is_proportional_to_the_game_s_own_weights() -> None:
    state = initial_state(C, 1)  # turn 1: treaty 5, gale 6
    assert draw_events(C, state, np.array([0.3]))[0] == TREATY
    assert draw_events(C, state, np.array([0.6]))[0] == GALE
    spent = apply_events(C, state, np.array([TREATY]))
    assert draw_events(C, spent, np.array([0.3]))[0] == GALE


def test_an_empty_deck_draws_nothing() -> None:
    state = initial_state(C, 1)
    state.turn[...] = 3
    state = apply_events(C, state, np.array([TREATY]))  # Q3: gale 0, launch not yet
    state.turn[...] = 3
    assert draw_events(C, state, np.array([0.5]))[0] == CORVETTE
    state = apply_events(C, state, np.array([CORVETTE]))
    assert draw_events(C, state, np.array([0.5]))[0] == NO_EVENT


def test_a_scheduled_once_only_event_that_came_early_does_not_fire_again() -> None:
    ways = set()
    for seed in range(12):
        game = Game(C.scenario, compiled=C, seed=seed)
        while not game.is_over:
            _pass_turn(game)
        events = [r for r in game.records if isinstance(r, EventsRecord)]
        drawn = [r.turn for r in events if r.event == "corvette"]
        scheduled = [r.turn for r in events if "corvette" in r.scheduled]
        assert len(drawn) + len(scheduled) == 1
        assert all(2 <= turn < 6 for turn in drawn) and scheduled in ([], [6])
        ways.add("drawn" if drawn else "scheduled")
    assert ways == {"drawn", "scheduled"}


def test_the_facilitator_cannot_inject_a_spent_once_only_event() -> None:
    game = Game(C.scenario, compiled=C, seed=1)
    game.inject("corvette", "the corvette is commissioned early")
    with pytest.raises(IllegalMoveError, match="happens once in a game and has already"):
        game.inject("corvette", "again")


def _pass_turn(game: Game) -> None:
    turn = game.turn
    while game.turn == turn and not game.is_over:
        actor = game.to_move
        assert actor is not None
        game.play(Move(MoveKind.PASS, actor))


def test_a_disruption_costs_a_share_of_the_turn_s_trade_and_revenue_only() -> None:
    state = initial_state(C, 1)
    k = C.corridors.index("middle")
    stormy = apply_events(C, state, np.array([STORM]))
    assert stormy.blocked[0, k] == 0
    assert stormy.throughput[0, k] == state.throughput[0, k]
    assert income(C, stormy) == pytest.approx(0.9 * income(C, state))
    twice = apply_events(C, stormy, np.array([STORM]))
    assert twice.disrupted[0, k] == pytest.approx(1 - 0.9 * 0.9)
    after = upkeep(C, stormy)
    assert after.disrupted[0, k] == 0.0
    assert after.revenue == pytest.approx(0.9 * upkeep(C, state).revenue)
    assert term_values(C, upkeep(C, after))[0, :, CORRIDOR] == pytest.approx(
        term_values(C, upkeep(C, state))[0, :, CORRIDOR])


def test_an_explanation_says_what_share_a_disruption_takes() -> None:
    game = Game(C.scenario, compiled=C)
    res = game.inject("storm", "a gale stops the ferries")
    assert "Middle Corridor loses 10% of this turn's trade" in sentence(res)


def _incidents(data: dict[str, Any]) -> None:
    _deck(data)
    data["events"]["incident"] = event([{"kind": "tension", "amount": 10}],
                                       weight_per_tension=0.5)


INCIDENTS = variant(_incidents)
INCIDENT = 5


def test_a_card_weighted_by_tension_is_likelier_the_tenser_the_sea() -> None:
    state = initial_state(INCIDENTS, 3)
    state.turn[...] = 2
    state.tension[...] = [0.0, 2.0, 8.0]
    weights = deck_weights(INCIDENTS, state)
    assert weights[:, INCIDENT].tolist() == [0.0, 1.0, 4.0]
    assert (weights[:, :INCIDENT] == weights[0, :INCIDENT]).all()  # the rest of the deck as is
    # One draw per game at the same point of the uniform range: the incident's band is the
    # last, and it widens with tension.
    drawn = draw_events(INCIDENTS, state, np.full(3, 0.999))
    assert drawn.tolist() == [CORVETTE, INCIDENT, INCIDENT]
    many = initial_state(INCIDENTS, 20000)
    many.turn[...] = 2
    many.tension[...] = 8.0
    picked = draw_events(INCIDENTS, many, np.random.default_rng(5).random(20000))
    share = float((picked == INCIDENT).mean())
    assert abs(share - 4.0 / weights[2].sum()) < 0.01  # event_probability is 1 here


def test_an_incident_ends_the_game_in_an_armed_clash() -> None:
    state = initial_state(INCIDENTS, 1)
    state.tension[...] = 4.0
    after = apply_events(INCIDENTS, state, np.array([INCIDENT]))
    assert after.clash[0] and after.over[0]
