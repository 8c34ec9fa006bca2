"""The backlash to force: a blockade, won or lost, drives `blockade_backlash` of the trade on
the blockading side's own routes away for good (caspian-2021: 0.1), so force costs trade that
lasts at the end of the game as at its start.  Routes the blockader is not a member of keep
their trade; scenarios that leave the coefficient out keep the old rule."""

from __future__ import annotations

import numpy as np
import pytest

from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.compiled import Compiled, compile_scenario
from caspian_tabletop.engine.resolve import FORCE_FAILURE, FORCE_SUCCESS, resolve
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import upkeep
from shipped import compiled, scenario

BLOCKADE = "RU blockade middle-corridor middle"


def _blockade(c: Compiled, force: int) -> tuple[BatchState, BatchState]:
    start = initial_state(c)
    action = c.action_of(parse_move(BLOCKADE))
    after, outcome = resolve(c, start, np.array([action]), np.array([0.5]),
                             np.array([False]), np.array([force]))
    assert outcome.legal[0]
    return start, after


@pytest.mark.parametrize("force", [FORCE_SUCCESS, FORCE_FAILURE])
def test_a_blockade_drives_a_tenth_of_its_own_routes_trade_away(force: int) -> None:
    c = compiled("caspian-2021")
    assert c.rules.blockade_backlash == 0.1
    start, after = _blockade(c, force)
    russian = np.flatnonzero(c.member[:, c.actors.index("RU")])
    assert russian.size and (start.throughput[0, russian] > 0).all()
    np.testing.assert_allclose(after.throughput[0, russian], 0.9 * start.throughput[0, russian])
    others = np.setdiff1d(np.flatnonzero(~c.member[:, c.actors.index("RU")]),
                          [c.corridors.index("middle-corridor")])
    np.testing.assert_array_equal(after.throughput[0, others], start.throughput[0, others])


def test_the_trade_driven_away_does_not_come_back_when_the_closure_lifts() -> None:
    c = compiled("caspian-2021")
    start, later = _blockade(c, FORCE_SUCCESS)
    for _ in range(c.rules.blockade_turns + 2):
        later = upkeep(c, later)
    russian = np.flatnonzero(c.member[:, c.actors.index("RU")])
    assert later.blocked.sum() == 0 and later.premium.sum() == 0
    np.testing.assert_allclose(later.throughput[0, russian], 0.9 * start.throughput[0, russian])


def test_a_scenario_without_the_coefficient_keeps_the_old_rule() -> None:
    plain = scenario("caspian-2021")
    rules = plain.rules.model_copy(update={"blockade_backlash": None})
    c = compile_scenario(plain.model_copy(update={"rules": rules}))
    start, after = _blockade(c, FORCE_SUCCESS)
    russian = np.flatnonzero(c.member[:, c.actors.index("RU")])
    np.testing.assert_array_equal(after.throughput[0, russian], start.throughput[0, russian])
