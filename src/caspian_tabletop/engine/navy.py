"""Navies and presence held in the state: hulls of the vessel classes that change in play,
shares by zone, and the zone strength the naval rules read.

Fleets change during a game (craft leave for the Black Sea, a corvette is commissioned, a
flotilla moves its base), so the strength present in a zone is a state value, recomputed
with the scenario's naval formula whenever an effect changes hulls or presence.  The rules
read it through `zone_strength` and `present`, never from the compiled opening tables.
"""

from __future__ import annotations

import numpy as np

from caspian_tabletop.engine.arrays import BoolArr, FloatArr, IntArr
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.state import BatchState


def naval_strengths(c: Compiled, hulls: FloatArr) -> FloatArr:
    """[n, A] each actor's whole-navy strength from [n, H] hull counts of the classes that
    change in play (the others keep their opening counts).

    Each class is rated hull count x role weight x root tonnage x strike boost, in that order,
    and an actor's classes are added in list order, as `scenario.naval.naval_strength` does,
    so an unchanged navy has exactly its scenario strength."""
    every = np.repeat(c.vessel_hulls0[None], hulls.shape[0], axis=0)
    every[:, c.hull_class] = hulls
    worth = every * c.vessel_role
    worth *= c.vessel_root
    worth *= c.vessel_boost
    padded = np.concatenate([worth, np.zeros((worth.shape[0], 1))], axis=1)
    total = np.zeros((every.shape[0], len(c.actors)))
    for slot in range(c.vessel_slots.shape[1]):
        total += padded[:, c.vessel_slots[:, slot]]
    return total


def refresh_zone_strength(c: Compiled, s: BatchState, rows: IntArr) -> None:
    """Recompute the zone strength of games `rows` after their hulls or presence changed."""
    strength = naval_strengths(c, s.hulls[rows])
    s.zone_strength[rows] = strength[:, :, None] * s.presence[rows]


def zone_strength(c: Compiled, s: BatchState, rows: IntArr) -> FloatArr:
    """[n, A, Z] the naval strength each actor has in each zone, in games `rows`."""
    return s.zone_strength.take(rows, axis=0)


def present(c: Compiled, s: BatchState, rows: IntArr) -> BoolArr:
    """[n, A, Z] whether each actor has any presence in each zone, in games `rows`."""
    return s.presence.take(rows, axis=0) > 0
