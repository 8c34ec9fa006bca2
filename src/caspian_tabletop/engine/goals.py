"""Each actor's plain goals measured on a state, for whole batches at once.

A goal's condition (scenario.judging) becomes a measured value per game and whether it is
met, so a Monte Carlo run judges its games exactly as one game is judged at its end, and a
game in progress can show a player where each goal stands now.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from caspian_tabletop.engine.arrays import BoolArr, FloatArr, IntArr
from caspian_tabletop.engine.compiled import ORIENT_EW, ORIENT_NS, Compiled
from caspian_tabletop.engine.scoring import influence_shares
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import open_throughput
from caspian_tabletop.scenario.judging import (
    AssetOnline,
    Condition,
    Goal,
    NoClash,
    PatronShare,
    Relation,
    Sway,
    Tension,
    Throughput,
    TradeShare,
)

_ORIENTATION = {"north-south": ORIENT_NS, "east-west": ORIENT_EW}


@dataclass(frozen=True)
class Reading:
    """One goal in one game: the measured value and whether the goal is met.

    The value is the figure the condition compares (Mt/yr, a share 0–1, tension, relations),
    an asset's completed stages, or 1.0 after an armed clash.  `patron` is, for a
    patron-share goal, the actor holding the largest share."""

    goal: Goal
    value: float
    met: bool
    patron: str | None = None


def goals_of(c: Compiled, actor: int) -> tuple[Goal, ...]:
    """The actor's goals in scenario order (none when the scenario gives it none)."""
    return tuple(c.scenario.actors[c.actors[actor]].objectives.goals or ())


def measure(c: Compiled, st: BatchState, owner: int, condition: Condition) -> FloatArr:
    """[B] the value `condition` of `owner`'s goal compares, in every game."""
    if isinstance(condition, AssetOnline):
        s = c.assets.index(condition.asset)
        return np.minimum(st.asset_progress[:, s], c.asset_stages[s]).astype(np.float64)
    if isinstance(condition, Throughput):
        carried = open_throughput(c, st)
        return np.asarray(sum((carried[:, c.corridors.index(k)] for k in condition.corridors),
                              np.zeros(st.size)))
    if isinstance(condition, TradeShare):  # of trade across the sea, as the corridor term
        carried = open_throughput(c, st) * c.sea_trade
        on_routes = carried[:, c.corridor_orientation == _ORIENTATION[condition.orientation]]
        total = carried.sum(axis=1)
        return np.divide(on_routes.sum(axis=1), total, out=np.zeros(st.size), where=total > 0)
    if isinstance(condition, Sway):
        holder = c.actor_index(condition.actor) if condition.actor else owner
        return influence_shares(st)[:, holder, c.actor_index(condition.over)]
    if isinstance(condition, PatronShare):
        over = c.actor_index(condition.over) if condition.over else owner
        return np.asarray(influence_shares(st)[:, :, over].max(axis=1))
    if isinstance(condition, Tension):
        return st.tension.copy()
    if isinstance(condition, Relation):
        return st.relations[:, owner, c.actor_index(condition.partner)].copy()
    assert isinstance(condition, NoClash)
    return st.clash.astype(np.float64)


def is_met(condition: Condition, value: FloatArr, st: BatchState, c: Compiled) -> BoolArr:
    """[B] whether the goal with `condition` and measured `value` is met in every game."""
    if isinstance(condition, AssetOnline):
        return np.asarray(st.asset_online[:, c.assets.index(condition.asset)])
    if isinstance(condition, NoClash):
        return np.asarray(~st.clash)
    if condition.above is not None:
        return np.asarray(value > condition.above)
    return np.asarray(value < condition.bound)


def met_table(c: Compiled, st: BatchState) -> list[BoolArr]:
    """Per actor, [B, G] whether each of its G goals is met in every game."""
    return [np.stack([is_met(goal.condition, measure(c, st, a, goal.condition), st, c)
                      for goal in goals_of(c, a)], axis=1)
            if goals_of(c, a) else np.zeros((st.size, 0), dtype=bool)
            for a in range(len(c.actors))]


def met_counts(c: Compiled, st: BatchState) -> IntArr:
    """[B, A] how many of its goals each actor has met in every game."""
    return np.stack([met.sum(axis=1) for met in met_table(c, st)], axis=1).astype(np.int64)


def goal_totals(c: Compiled) -> IntArr:
    """[A] how many goals each actor has."""
    return np.array([len(goals_of(c, a)) for a in range(len(c.actors))], dtype=np.int64)


def readings(c: Compiled, st: BatchState, actor: str, row: int = 0) -> list[Reading]:
    """Where each of `actor`'s goals stands in game `row` of `st`."""
    a = c.actor_index(actor)
    out = []
    for goal in goals_of(c, a):
        value = measure(c, st, a, goal.condition)
        met = is_met(goal.condition, value, st, c)
        patron = None
        if isinstance(goal.condition, PatronShare):
            over = c.actor_index(goal.condition.over) if goal.condition.over else a
            patron = c.actors[int(np.argmax(influence_shares(st)[row, :, over]))]
        out.append(Reading(goal, float(value[row]), bool(met[row]), patron))
    return out
