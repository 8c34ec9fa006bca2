"""Sensitivity runs: sweep one sourced figure across its low–high range and re-simulate.

The figure is changed in a copy of the scenario (validated again by the schema), so the
derived naval strengths, capacities and everything built on them follow the new value.  A
rule coefficient with a designer's range (`rules.ranges`) is swept the same way, by its path
`rules.NAME`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.scenario.checks import walk
from caspian_tabletop.scenario.figures import figure_origin
from caspian_tabletop.scenario.schema import Figure, Scenario
from caspian_tabletop.scenario.yaml_loader import Loc, dotted, parse_dotted


@dataclass(frozen=True)
class Sweep:
    path: str
    figure: Figure
    values: tuple[float, ...]


def plan_sweep(scenario: Scenario, path: str, steps: int) -> Sweep:
    """The values to try for the figure at `path` (a Figure with a low/high range)."""
    loc = parse_dotted(path)
    if loc and loc[-1] in ("value", "low", "high"):
        loc = loc[:-1]
    figure = figure_at(scenario, loc)
    if figure is None:
        rule = (" (a rule coefficient is swept once rules.ranges gives it a low and a high "
                "end)" if loc[:1] == ("rules",) else "")
        raise CaspianError(f"error: --vary {path}: not a sourced figure with a range{rule}; "
                           f"{_ranged_near(scenario, loc)}")
    if figure.lo == figure.hi:
        raise CaspianError(f"error: --vary {path}: the figure has no low–high range "
                           f"(value {figure.value:g}); nothing to sweep; "
                           f"{_ranged_near(scenario, loc)}")
    if steps < 2:
        raise CaspianError(f"error: --steps must be at least 2, got {steps}")
    values = tuple(float(v) for v in np.linspace(figure.lo, figure.hi, steps))
    if _whole(scenario, loc):  # a count of turns: whole numbers only, each once
        values = tuple(dict.fromkeys(float(round(v)) for v in values))
    return Sweep(dotted(loc), figure, values)


def ranged_figures(scenario: Scenario) -> list[str]:
    """The paths of every figure whose sources give a low–high range, and of every rule
    coefficient given one (what --vary sweeps)."""
    figures = [dotted(loc) for loc, model in walk(scenario)
               if isinstance(model, Figure) and model.lo != model.hi]
    rules = [f"rules.{name}" for name, span in (scenario.rules.ranges or {}).items()
             if span.low != span.high]
    return figures + rules


def figure_at(scenario: Scenario, loc: Loc) -> Figure | None:
    """The figure at `loc` with its range: a sourced figure, or a rule coefficient as its
    range gives it; None for anything else."""
    ranges = scenario.rules.ranges or {}
    if len(loc) == 2 and loc[0] == "rules" and str(loc[1]) in ranges:
        span = ranges[str(loc[1])]
        value = float(getattr(scenario.rules, str(loc[1])) or 0.0)
        return Figure(value=value, low=span.low, high=span.high)
    figure = figure_origin(scenario, loc).value
    return figure if isinstance(figure, Figure) else None


def _whole(scenario: Scenario, loc: Loc) -> bool:
    """Whether `loc` is a rule coefficient counted in whole numbers (turns)."""
    return (len(loc) == 2 and loc[0] == "rules"
            and type(scenario.rules).model_fields[str(loc[1])].annotation is int)


def _ranged_near(scenario: Scenario, loc: Loc, shown: int = 6) -> str:
    """Figures that can be swept, those of the same actor (or entity) first."""
    ranged = ranged_figures(scenario)
    near = ([p for p in ranged if parse_dotted(p)[:2] == loc[:2]]
            or [p for p in ranged if parse_dotted(p)[:1] == loc[:1]] or ranged)
    more = f" and {len(near) - shown} more" if len(near) > shown else ""
    return "figures with a range include " + ", ".join(near[:shown]) + more


def with_value(scenario: Scenario, path: str, value: float) -> Scenario:
    """A copy of the scenario with the figure at `path` set to `value` (range kept)."""
    data: Any = scenario.model_dump(mode="python")
    loc: Loc = parse_dotted(path)
    if len(loc) == 2 and loc[0] == "rules":  # a coefficient is a bare number
        data["rules"][loc[1]] = round(value) if _whole(scenario, loc) else value
        return Scenario.model_validate(data)
    node = data
    for part in loc:
        node = node[part]
    node["value"] = value
    return Scenario.model_validate(data)


def plays_alike(a: Compiled, b: Compiled) -> bool:
    """Whether two compilations give the same rules, fleets and opening: every table but the
    scenario text itself is equal.  A ranged figure that only the screens show (an economy's
    size) varies nothing the rules read, so a run at its low or high end is the base run
    again.  Goals and par are read from the scenario; they are not varied by ranges."""
    return all(_equal(getattr(a, f.name), getattr(b, f.name))
               for f in fields(a) if f.name != "scenario")


def _equal(x: Any, y: Any) -> bool:
    if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
        return bool(np.shape(x) == np.shape(y) and np.array_equal(x, y))
    if isinstance(x, (list, tuple)) and isinstance(y, (list, tuple)):
        return len(x) == len(y) and all(_equal(p, q) for p, q in zip(x, y, strict=True))
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(_equal(x[k], y[k]) for k in x)
    return bool(x == y)
