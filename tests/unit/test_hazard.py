"""The bots' reckoning of an armed clash at the next event draw: the deck's share of cards
that would carry tension to the threshold, after the seats still to move add their usual
tension, times the penalty the actor would bear; none after the last turn."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_tabletop.ai.advisor import advise
from caspian_tabletop.ai.hazard import clash_chance, clash_risk, later_seats
from caspian_tabletop.ai.outlook import root_outlook
from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.game import new_game
from caspian_tabletop.engine.scoring import SCORE_TERMS
from caspian_tabletop.engine.state import BatchState, initial_state
from shipped import compiled, scenario

C = compiled("caspian-2021")
RU, IR, AF = (C.actor_index(a) for a in ("RU", "IR", "AF"))
CLASH = SCORE_TERMS.index("clash")


def at(turn: int, tension: float) -> BatchState:
    state = initial_state(C).copy()
    state.turn[0] = turn
    state.tension[0] = tension
    return state


def deck_share_reaching(turn: int, needed: float, tension: float) -> float:
    """The chance, from the scenario's own cards, that turn `turn`'s event phase raises
    `tension` by at least `needed`: certain if the cards scheduled for it do, else the draw's
    share of cards that make up the rest, an incident card weighing more the tenser the sea
    after the scheduled cards."""
    cards = list(scenario("caspian-2021").events.values())
    rises = [sum(e.amount for e in card.effects if e.kind == "tension") for card in cards]
    scheduled = sum(rise for card, rise in zip(cards, rises, strict=True)
                    if card.scheduled_turn == turn)
    needed -= scheduled
    if needed <= 1e-9:
        return 1.0
    weights = C.deck_weight[turn] + (tension + scheduled) * C.deck_tension_weight[turn]
    reaching = sum(w for w, rise in zip(weights, rises, strict=True) if rise >= needed - 1e-9)
    return float(C.rules.event_probability * reaching / weights.sum())


def test_the_chance_is_the_deck_share_of_cards_that_reach_the_threshold() -> None:
    seen = set()
    for turn in range(1, C.turns):
        for gap in (0.25, 0.45, 0.7, 0.9, 1.5):
            state = at(turn, C.rules.clash_threshold - gap)
            expected = deck_share_reaching(turn + 1, gap, C.rules.clash_threshold - gap)
            assert clash_chance(C, state, AF)[0] == pytest.approx(expected)
            seen.add(round(expected, 6))
    assert len(seen) > 3 and 1.0 in seen  # certain and between


def test_no_card_is_drawn_after_the_last_turn_nor_in_a_game_that_is_over() -> None:
    assert clash_chance(C, at(C.turns, 9.9), RU)[0] == 0.0
    over = at(3, 9.9)
    over.over[0] = True
    assert clash_chance(C, over, RU)[0] == 0.0
    # Far from the brink only an incident at sea can start one, the likelier the tenser.
    calm, tenser = clash_chance(C, at(3, 1.0), RU)[0], clash_chance(C, at(3, 2.0), RU)[0]
    assert calm == pytest.approx(deck_share_reaching(4, 9.0, 1.0))
    assert 0.0 < calm < tenser < 0.01
    assert clash_chance(C, at(3, 0.0), RU)[0] < calm


def test_the_seats_still_to_move_add_the_tension_they_usually_add() -> None:
    assert later_seats(C, RU)[0] == IR and later_seats(C, AF) == []
    state = at(5, C.rules.clash_threshold - 1.5)
    alone = clash_chance(C, state, AF)[0]
    assert alone == pytest.approx(deck_share_reaching(6, 1.5, C.rules.clash_threshold - 1.5))
    state.escalation[0, IR] = 4.0  # one point a turn over the four turns played
    assert clash_chance(C, state, RU)[0] == pytest.approx(
        deck_share_reaching(6, 0.5, C.rules.clash_threshold - 0.5))
    assert clash_chance(C, state, RU)[0] > alone
    assert clash_chance(C, state, AF)[0] == alone  # nobody moves after Afghanistan


def test_the_escalator_expects_its_own_part_of_the_penalty() -> None:
    state = at(3, C.rules.clash_threshold - 0.25)
    chance = clash_chance(C, state, RU)[0]
    assert clash_risk(C, state, AF)[0] == pytest.approx(chance * C.rules.clash_penalty)
    state.escalation[0, RU] = 3.0
    full = C.rules.clash_penalty + C.rules.clash_escalator_penalty
    assert clash_risk(C, state, RU)[0] == pytest.approx(chance * full)


@settings(max_examples=40, deadline=None)
@given(turn=st.integers(1, 8), low=st.floats(0, 10), high=st.floats(0, 10),
       actor=st.integers(0, 6), paced=st.floats(0, 6))
def test_more_tension_never_makes_a_clash_less_likely(turn: int, low: float, high: float,
                                                       actor: int, paced: float) -> None:
    low, high = sorted((low, high))
    calm, tense = at(turn, low), at(turn, high)
    for state in (calm, tense):
        state.escalation[0, IR] = paced
    p_calm, p_tense = clash_chance(C, calm, actor)[0], clash_chance(C, tense, actor)[0]
    assert 0.0 <= p_calm <= p_tense <= 1.0


def clash_gain(state: BatchState, move: str) -> float:
    """The clash term of `move`'s expected gain over a pass, for Russia, in `state`."""
    found = C.action_of(parse_move(move))
    view = root_outlook(C, state, RU)
    return float(view.expected[list(view.actions).index(found), CLASH])


def test_at_the_brink_a_bot_sees_what_escalating_risks_and_calming_saves() -> None:
    brink, calm = at(4, 9.3), at(4, 3.0)
    drill, demand = "RU drill middle", "RU demand KZ middle-corridor"
    assert clash_gain(brink, drill) < -1.0  # a further point of tension: the next card may do it
    assert clash_gain(brink, demand) > 1.0  # the demand's relief takes the sea off the brink
    # In a calm sea only the incident card weighs: a point of tension costs little.
    assert -0.2 < clash_gain(calm, drill) < 0.0 < clash_gain(calm, demand) < 0.2


def test_the_advisor_says_which_moves_risk_a_clash_and_which_calm_the_sea() -> None:
    game = new_game(scenario("caspian-2021"), seed=1)
    game.state.turn[0] = 4
    game.state.tension[0] = 9.3
    advice = {str(a.move): a for a in advise(game, "RU", 200)}
    assert "the risk of armed clash costs" in advice["RU drill middle"].reason
    assert "lowers the risk of armed clash" in advice["RU demand KZ middle-corridor"].reason
