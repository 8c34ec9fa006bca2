"""Saving up: the normal bot plans its capital over the next few turns.

One-step greedy play spends every point as soon as any move gains anything, so a seat never
saves for a move it cannot yet afford, however much more that move is worth: an investment
costs three points, and after 2021 Afghanistan earns one a quarter.  The plan values each
move affordable now by its own gain plus the best way to spend what is left over the
following turns.  For those turns it assumes that each cost's best move keeps its present
value and that each upkeep brings the capital it brings now: a one-step estimate, not a
forecast, and cheap on the batch axis (a few costs, a few turns).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from caspian_tabletop.engine.arrays import BoolArr, FloatArr, IntArr
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.state import BatchState

# Turns the normal bot plans its capital over, this one included.
NORMAL_PLAN_TURNS = 3


def with_full_purse(c: Compiled, st: BatchState, actor: int) -> BatchState:
    """`st` with `actor` holding the most capital it may: what it could do, affordable or
    not.  Only the capital is copied (no score reads it, so values do not change)."""
    rich = replace(st, capital=st.capital.copy())
    rich.capital[:, actor] = c.rules.capital_max
    return rich


def income(c: Compiled, st: BatchState, actor: int) -> FloatArr:
    """[B] capital `actor` gains at this turn's upkeep, before the cap, if revenue holds."""
    earned = c.capital_by_turn[np.minimum(st.turn, c.turns) - 1, actor]
    gained: FloatArr = earned + st.revenue[:, actor] * c.rules.revenue_to_capital
    return gained


def planned_values(values: FloatArr, cost: FloatArr, capital: FloatArr, gain: FloatArr,
                   capital_max: float, turns_left: IntArr, plan_turns: int) -> FloatArr:
    """[B, K] each candidate's value (`values`, -inf where illegal) plus the best spending of
    what it leaves over the next `plan_turns - 1` turns (fewer where the game ends sooner);
    -inf where the candidate costs more than `capital` now."""
    costs = np.unique(cost)
    best = np.stack([np.where(cost == k, values, -np.inf).max(axis=1) for k in costs], axis=1)
    if costs[0] > 0:  # a pass is always there: spend nothing, gain nothing
        costs, best = np.concatenate([[0.0], costs]), np.column_stack([np.zeros(len(best)), best])
    best[:, costs == 0] = np.maximum(best[:, costs == 0], 0.0)

    def future(budget: FloatArr, turns: int) -> FloatArr:
        """[B] the best gains over `turns` turns starting with `budget`."""
        if turns == 0:
            return np.zeros(budget.shape)
        total = np.full(budget.shape, -np.inf)
        for j, k in enumerate(costs):
            after = np.minimum(budget - k + gain, capital_max)
            spent = best[:, j] + future(after, turns - 1)
            np.maximum(total, np.where(budget >= k - 1e-9, spent, -np.inf), out=total)
        return total

    ahead = np.clip(np.minimum(turns_left, plan_turns) - 1, 0, None)
    planned = np.full(values.shape, -np.inf)
    for k in costs:
        column = cost == k
        if not column.any():
            continue
        after = np.minimum(capital - k + gain, capital_max)
        later = np.zeros(capital.shape)
        for turns in range(1, int(ahead.max(initial=0)) + 1):
            later = np.where(ahead == turns, future(after, turns), later)
        affordable = (capital >= k - 1e-9)[:, None]
        planned[:, column] = np.where(affordable, values[:, column] + later[:, None], -np.inf)
    return planned


def plan_choice_values(c: Compiled, st: BatchState, actor: int, candidates: IntArr,
                       values: FloatArr, plan_turns: int) -> FloatArr:
    """[B, K] `planned_values` for `actor`'s `candidates` valued (as if affordable) in `st`."""
    return planned_values(values, c.kind_cost[c.act_kind[candidates]], st.capital[:, actor],
                          income(c, st, actor), c.rules.capital_max,
                          c.turns - st.turn + 1, plan_turns)


def top(values: FloatArr) -> BoolArr:
    """[B, K] the candidates within rounding of each game's best value."""
    best: BoolArr = values >= values.max(axis=1, keepdims=True) - 1e-9
    return best


def preferred(planned: FloatArr, values: FloatArr) -> BoolArr:
    """[B, K] the candidates with the best plan and, among those, the best value now.

    The plan values later turns at today's values, so a berth now and a trade next turn
    scores the same as the reverse order, though capacity built sooner carries trade
    sooner: such ties go to the move worth more now, not to chance."""
    return top(np.where(top(planned), values, -np.inf))
