"""Derived naval strength: one documented formula, weights taken from the scenario.

strength = sum over vessel classes of
    count x role_weight[role] x sqrt(displacement_t / 1000) x (1 + strike_bonus[strike])

The low and high ends use each class's low/high count and displacement, so the range carries
the sources' disagreement through to the derived figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from caspian_tabletop.scenario.schema import Actor, NavalFormula, VesselClass


@dataclass(frozen=True)
class Strength:
    value: float
    low: float
    high: float


def class_strength(vessel: VesselClass, formula: NavalFormula, count: float, tons: float) -> float:
    role = formula.role_weights.get(vessel.role, 0.0)
    bonus = formula.strike_bonus.get(vessel.strike, 0.0)
    return count * role * math.sqrt(max(tons, 0.0) / 1000.0) * (1.0 + bonus)


def naval_strength(actor: Actor, formula: NavalFormula) -> Strength:
    """The actor's derived strength with its low/high range."""
    value = low = high = 0.0
    for vessel in actor.navy:
        value += class_strength(vessel, formula, vessel.count.value, vessel.displacement_t.value)
        low += class_strength(vessel, formula, vessel.count.lo, vessel.displacement_t.lo)
        high += class_strength(vessel, formula, vessel.count.hi, vessel.displacement_t.hi)
    return Strength(value=value, low=low, high=high)
