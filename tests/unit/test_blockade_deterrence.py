"""The lasting cost of a successful blockade: the route loses `blockade_capacity_loss` of its
capacity (caspian-2021: 0.25), throughput above what remains is lost, and `blockade_recovery`
of what is still lost comes back at each upkeep the route is open (caspian-2021: 0.33).
Scenarios that leave the coefficients out (the tutorial) keep the old rule; see
test_scripted_moves."""

from __future__ import annotations

import numpy as np
import pytest

from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.explain import diff
from caspian_tabletop.engine.resolve import FORCE_FAILURE, FORCE_SUCCESS, resolve
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import upkeep
from shipped import compiled

BLOCKADE = "RU blockade middle-corridor middle"


def blockade(state: BatchState, force: int) -> BatchState:
    c = compiled("caspian-2021")
    action = c.action_of(parse_move(BLOCKADE))
    after, outcome = resolve(c, state, np.array([action]), np.array([0.5]),
                             np.array([False]), np.array([force]))
    assert outcome.legal[0]
    return after


def busy_opening() -> tuple[BatchState, int]:
    """The opening with the Middle Corridor carrying 1.9 of its 2 Mt/yr."""
    c = compiled("caspian-2021")
    start = initial_state(c)
    k = c.corridors.index("middle-corridor")
    start.throughput[0, k] = 1.9
    return start, k


def test_success_takes_a_quarter_of_the_capacity_and_clips_throughput() -> None:
    c = compiled("caspian-2021")
    assert c.rules.blockade_capacity_loss == 0.25
    start, k = busy_opening()
    after = blockade(start, FORCE_SUCCESS)
    assert after.capacity[0, k] == pytest.approx(0.75 * start.capacity[0, k])
    assert after.throughput[0, k] == pytest.approx(after.capacity[0, k])
    assert after.capacity_lost[0, k] == pytest.approx(0.25 * start.capacity[0, k])
    changes = {d.key: d.change for d in diff(c, start, after)}
    assert changes["capacity:middle-corridor"] == pytest.approx(-0.25 * start.capacity[0, k])
    assert "throughput:middle-corridor" in changes


def test_the_lost_capacity_returns_a_third_at_a_time_once_the_blockade_lifts() -> None:
    c = compiled("caspian-2021")
    start, k = busy_opening()
    later = blockade(start, FORCE_SUCCESS)
    for _ in range(c.rules.blockade_turns):
        later = upkeep(c, later)
    assert later.blocked[0, k] == 0
    lost = 0.25 * start.capacity[0, k]
    assert later.capacity[0, k] == pytest.approx(start.capacity[0, k] - lost)
    later = upkeep(c, later)
    lost *= 1 - c.rules.blockade_recovery
    assert later.capacity[0, k] == pytest.approx(start.capacity[0, k] - lost)
    assert later.throughput[0, k] == pytest.approx(0.75 * start.capacity[0, k])


def test_failure_leaves_the_route_alone() -> None:
    start, k = busy_opening()
    after = blockade(start, FORCE_FAILURE)
    assert after.capacity[0, k] == start.capacity[0, k]
    assert after.throughput[0, k] == start.throughput[0, k]
