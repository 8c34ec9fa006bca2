"""Semantic checks of the judging blocks: goals name things the scenario has, and the victory
calibration covers exactly the scenario's actors.  Findings are located by path, as in
checks.py, which runs these with the others."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from caspian_tabletop.scenario.checks import Finding, did_you_mean
from caspian_tabletop.scenario.judging import (
    AssetOnline,
    Condition,
    PatronShare,
    Relation,
    Sway,
    Throughput,
)
from caspian_tabletop.scenario.schema import Scenario

Loc = tuple[Any, ...]


def ref(loc: Loc, kind: str, value: str, known: dict[str, Any],
        at_key: bool = False) -> Iterator[Finding]:
    if value not in known:
        yield Finding(loc, f"unknown {kind} '{value}'", did_you_mean(value, known), at_key)


def goal_findings(s: Scenario) -> Iterator[Finding]:
    """Every problem of the actors' goals and of the victory block."""
    for aid, actor in s.actors.items():
        for i, goal in enumerate(actor.objectives.goals or []):
            yield from _condition(s, aid, ("actors", aid, "objectives", "goals", i, "condition"),
                                  goal.condition)
    if s.victory is not None:
        at = ("victory", "actors")
        for aid in s.victory.actors:
            yield from ref((*at, aid), "actor", aid, s.actors, at_key=True)
        missing = [aid for aid in s.actors if aid not in s.victory.actors]
        if missing:
            yield Finding(at, f"must give par and sd for every actor; missing "
                              f"{', '.join(missing)}", "run `caspian-tabletop calibrate`")


def _condition(s: Scenario, owner: str, at: Loc, condition: Condition) -> Iterator[Finding]:
    if isinstance(condition, AssetOnline):
        yield from ref((*at, "asset"), "asset", condition.asset, s.assets)
    elif isinstance(condition, Throughput):
        for i, corridor in enumerate(condition.corridors):
            yield from ref((*at, "corridors", i), "corridor", corridor, s.corridors)
    elif isinstance(condition, Sway):
        holder = condition.actor or owner
        if condition.actor is not None:
            yield from ref((*at, "actor"), "actor", condition.actor, s.actors)
        yield from ref((*at, "over"), "actor", condition.over, s.actors)
        if holder == condition.over:
            yield Finding((*at, "over"), f"{holder} holds no sway over itself")
    elif isinstance(condition, PatronShare) and condition.over is not None:
        yield from ref((*at, "over"), "actor", condition.over, s.actors)
    elif isinstance(condition, Relation):
        yield from ref((*at, "partner"), "actor", condition.partner, s.actors)
        if condition.partner == owner:
            yield Finding((*at, "partner"), "relations need two different actors")
