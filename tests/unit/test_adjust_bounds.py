"""Facilitator adjustments: out-of-range figures are refused by `Game.adjust` itself, the one
check every caller goes through, and a refused adjustment leaves the game as it was."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_tabletop.domain.errors import IllegalMoveError
from caspian_tabletop.engine.game import Game
from caspian_tabletop.scenario.limits import ADJUST_RANGE, FIGURE_MAX, amount_problem
from shipped import scenario

KINDS = {  # the fields each kind needs, in the tutorial
    "tension": {},
    "influence": {"actor": "RU", "target": "KZ"},
    "relations": {"actor": "RU", "target": "KZ"},
    "capital": {"actor": "AZ"},
    "throughput": {"corridor": "middle-corridor"},
    "capacity": {"corridor": "middle-corridor"},
    "block": {"corridor": "middle-corridor", "turns": 1},
}


def _game() -> Game:
    return Game(scenario("tutorial"), seed=3)


def _refused(game: Game, kind: str, amount: float, **fields: object) -> str:
    digest, records, depth = game.state.digest(), list(game.records), game.undo_depth
    with pytest.raises(IllegalMoveError) as caught:
        game.adjust(kind, amount, "a student typed it", **fields)
    assert game.state.digest() == digest
    assert game.records == records and game.undo_depth == depth
    return str(caught.value)


@pytest.mark.parametrize(("kind", "amount", "fields", "message"), [
    ("tension", 1e308, {}, "adjust tension: a tension adjustment is at most 10 either way, "
                           "got 1e+308"),
    ("influence", -math.inf, KINDS["influence"],
     "adjust influence: the amount must be a finite number, got -inf"),
    ("capacity", math.nan, KINDS["capacity"],
     "adjust capacity: the amount must be a finite number, got nan"),
    ("capacity", 1e308, KINDS["capacity"],
     "adjust capacity: a capacity adjustment is at most 1,000,000 either way, got 1e+308"),
    ("relations", -201, KINDS["relations"],
     "adjust relations: a relations adjustment is at most 200 either way, got -201"),
    ("capital", 12.5, KINDS["capital"],
     "adjust capital: a capital adjustment is at most 12 either way, got 12.5"),
    ("block", 0, {"corridor": "middle-corridor", "turns": 10**20},
     "adjust block: turns must be between 1 and 4, got 100000000000000000000"),
    ("block", 0, {"corridor": "middle-corridor", "turns": 5},
     "adjust block: turns must be between 1 and 4, got 5"),
    ("block", 0, {"corridor": "middle-corridor", "turns": 0},
     "adjust block: turns must be between 1 and 4, got 0"),
])
def test_out_of_range_adjustments_are_refused(kind: str, amount: float,
                                              fields: dict[str, object], message: str) -> None:
    assert _refused(_game(), kind, amount, **fields) == message


def test_the_whole_range_is_allowed() -> None:
    game = _game()
    game.adjust("tension", -10, "calm")
    game.adjust("relations", 200, "a treaty", actor="RU", target="KZ")
    game.adjust("block", 0, "storm", corridor="middle-corridor", turns=4)
    assert float(game.state.relations[0, 0, 2]) == 100.0
    assert int(game.state.blocked[0, 0]) == 4


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(KINDS)), st.floats(allow_nan=True, allow_infinity=True))
def test_the_state_stays_finite_whatever_is_typed(kind: str, amount: float) -> None:
    """Any float at all: either refused with the game unchanged, or applied with every
    value of the state still finite."""
    game = _game()
    limit = game.compiled.rules.capital_max if kind == "capital" else ADJUST_RANGE[kind]
    if math.isfinite(amount) and abs(amount) <= limit:
        game.adjust(kind, amount, "within bounds", **KINDS[kind])
        assert all(np.isfinite(arr).all() for arr in game.state.arrays())
    else:
        _refused(game, kind, amount, **KINDS[kind])


def test_file_bounds_and_game_bounds_agree() -> None:
    """Without a scenario (a file's schema) capital is bounded by the largest capital_max
    a scenario may have; every other kind by the same range as in a game."""
    assert amount_problem("capital", FIGURE_MAX) is None
    assert amount_problem("capital", FIGURE_MAX * 2) is not None
    assert amount_problem("tension", 10) is None
    assert amount_problem("tension", 10.5) == "a tension adjustment is at most 10 either way"
