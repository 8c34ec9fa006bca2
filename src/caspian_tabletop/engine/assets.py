"""Assets coming online: capacity or revenue, and what their completion sets off.

An asset comes online when its last stage is done, but not before its earliest turn (a field
ratified in 2021 that had produced nothing by 2023 waits past the calendar); one finished
early comes online at the upkeep that starts its earliest turn.  Coming online may change
more than capacity or revenue: the scenario lists effects (relations, influence) that follow,
and effects that each stage sets off while the project is built.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.effects import apply_effect
from caspian_tabletop.engine.state import BatchState


def stage_done(c: Compiled, s: BatchState, rows: IntArr, asset: IntArr) -> None:
    """One more stage of asset `asset[i]` in game `rows[i]`: its stage effects at once, then
    online if that was the last one (each game names one asset at most)."""
    s.asset_progress[rows, asset] += 1
    for a, effects in enumerate(c.asset_stage_effects):
        built = rows[asset == a]
        for effect in effects:
            apply_effect(c, s, built, effect)
    bring_online(c, s, rows, asset)


def bring_online(c: Compiled, s: BatchState, rows: IntArr, asset: IntArr) -> None:
    """Asset `asset[i]` of game `rows[i]` goes online if all its stages are done, its earliest
    turn has come and it is not online yet (each game names one asset at most)."""
    due = ((s.asset_progress[rows, asset] >= c.asset_stages[asset])
           & (s.turn[rows] >= c.asset_earliest[asset]) & ~s.asset_online[rows, asset])
    rows, asset = rows[due], asset[due]
    if rows.size == 0:
        return
    s.asset_online[rows, asset] = True
    grows = c.asset_is_capacity[asset]
    s.capacity[rows[grows], c.asset_corridor[asset[grows]]] += c.asset_gain[asset[grows]]
    for a, effects in enumerate(c.asset_effects):
        done = rows[asset == a]
        for effect in effects:
            apply_effect(c, s, done, effect)


def committed_capacity(c: Compiled, s: BatchState, rows: IntArr | None = None) -> FloatArr:
    """[n, C] capacity built or under way in games `rows` (all when None): what each route
    has, what is on order, and each unfinished capacity asset's gain pro rata to the stages
    invested in it."""
    def pick(values: NDArray[Any]) -> NDArray[Any]:
        return values if rows is None else values.take(rows, axis=0)

    committed = s.capacity.copy() if rows is None else pick(s.capacity)
    for d in range(s.pending.shape[2]):
        committed += pick(s.pending[:, :, d])
    for a in np.flatnonzero(c.asset_is_capacity):
        progress, online = pick(s.asset_progress[:, a]), pick(s.asset_online[:, a])
        share = c.asset_gain[a] * np.minimum(progress, c.asset_stages[a]) / c.asset_stages[a]
        committed[:, c.asset_corridor[a]] += np.where(online, 0.0, share)
    return committed
