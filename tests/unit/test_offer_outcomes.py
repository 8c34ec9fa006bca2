"""What an offer would do to the partner asked: shown to human partners, weighed by bots."""

from __future__ import annotations

import numpy as np
import pytest

from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.decisions import answer_gain, answer_terms
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.scoring import SCORE_TERMS
from caspian_tabletop.engine.state import initial_state
from caspian_tabletop.render.offers import change_words, outcome_lines
from shipped import compiled, scenario


@pytest.mark.parametrize("text", ["KZ trade AZ middle-corridor 1", "RU summit KZ",
                                  "RU demand AZ middle-corridor", "AZ trade RU instc-west 0.5"])
def test_the_two_outcomes_differ_by_what_the_bots_weigh(text: str) -> None:
    game = Game(scenario("caspian-2021"), seed=3)
    before = game.digest()
    move = parse_move(text)
    shown = game.offer_outcomes(move)
    gain = answer_gain(game.compiled, game.state, np.array([game._action(move)]))[0]
    assert sum(shown.accept.values()) - sum(shown.decline.values()) == pytest.approx(gain)
    assert game.digest() == before  # worked on copies


def test_a_refused_trade_or_summit_changes_nothing_and_a_refused_demand_does() -> None:
    game = Game(scenario("caspian-2021"), seed=3)
    for plain in ("KZ trade AZ middle-corridor 1", "RU summit KZ"):
        assert change_words(game.offer_outcomes(parse_move(plain)).decline) == "no change"
    demand = game.offer_outcomes(parse_move("RU demand AZ middle-corridor"))
    assert demand.decline["tension"] < 0  # a refusal raises tension: fewer points
    lines = outcome_lines(demand)
    assert lines[1].startswith("If AZ declines: score -") and "tension -" in lines[1]


def test_a_move_that_asks_nobody_has_no_offer() -> None:
    game = Game(scenario("caspian-2021"), seed=3)
    with pytest.raises(ValueError, match="asks nobody"):
        game.offer_outcomes(parse_move("KZ invest middle-corridor"))


def test_changes_are_listed_largest_first_and_summed() -> None:
    words = change_words({"influence": 0.8, "corridor": 5.6, "autonomy": 0.04, "revenue": -0.1})
    assert words == "score +6.3 (corridor +5.6, influence +0.8, revenue -0.1)"


@pytest.mark.parametrize(("turn", "lasts"), [(1, False), (6, True), (8, True)])
def test_a_partner_weighs_a_stake_only_if_it_stands_in_the_last_quarter(turn: int,
                                                                       lasts: bool) -> None:
    # A stake runs `stake_turns` (3) upkeeps: granted on turn 6 or later it is still drawing
    # its share of the route's fees when the final score reads the last quarter.
    c = compiled("caspian-2021")
    action = c.action_of(parse_move("RU demand AZ middle-corridor"))
    assert action is not None
    st = initial_state(c, 1)
    st.turn[:] = turn
    yes, no, _ = answer_terms(c, st, np.array([action]))
    revenue = SCORE_TERMS.index("revenue")
    cost = yes[0, revenue] - no[0, revenue]
    if lasts:
        assert cost < -0.05  # Russia's share of Azerbaijan's fees on the route
    else:
        assert cost == pytest.approx(0.0)
