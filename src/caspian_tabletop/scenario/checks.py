"""Semantic checks that need the whole scenario: references, ranges, the Convention, claims.

The schema checks each value alone; these checks relate values to each other and to the source
register.  They return `Finding`s located by path (the loader maps paths to lines) and never
evaluate text from the file.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from caspian_tabletop.scenario.claims import claim_failures, strengths
from caspian_tabletop.scenario.schema import Figure, Provenance, Scenario

Loc = tuple[Any, ...]
CONVENTION = "2018 Caspian Convention"


@dataclass(frozen=True)
class Finding:
    """One semantic problem at `loc`; `at_key` points at the key rather than its value."""

    loc: Loc
    message: str
    hint: str | None = None
    at_key: bool = False


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest known spelling, if any is close."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"did you mean '{close[0]}'?" if close else None


def walk(obj: Any, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel]]:
    """Every pydantic model inside `obj` with its path."""
    if isinstance(obj, BaseModel):
        yield loc, obj
        for name in type(obj).model_fields:
            yield from walk(getattr(obj, name), (*loc, name))
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from walk(value, (*loc, key))
    elif isinstance(obj, list | tuple):
        for index, value in enumerate(obj):
            yield from walk(value, (*loc, index))


def check_scenario(scenario: Scenario, register_ids: set[str]) -> list[Finding]:
    """All semantic problems of `scenario`, given the ids the source register defines."""
    from caspian_tabletop.scenario.goal_checks import goal_findings  # it imports Finding

    known_sources = register_ids | {ref.id for ref in scenario.sources}
    return [
        *_references(scenario),
        *_initiative(scenario),
        *_citations(scenario, known_sources),
        *_figures(scenario),
        *_non_negative(scenario),
        *_bounds(scenario),
        *_effects(scenario),
        *_convention(scenario),
        *_claims(scenario),
        *goal_findings(scenario),
    ]


def _ref(
    loc: Loc, kind: str, value: str, known: dict[str, Any] | set[str], at_key: bool = False
) -> list[Finding]:
    if value in known:
        return []
    return [Finding(loc, f"unknown {kind} '{value}'", did_you_mean(value, known), at_key)]


def _references(s: Scenario) -> Iterator[Finding]:
    actors, zones, ports, corridors = s.actors, s.zones, s.ports, s.corridors
    at: Loc
    for aid, actor in actors.items():
        at = ("actors", aid)
        if actor.home_zone is not None:
            yield from _ref((*at, "home_zone"), "zone", actor.home_zone, zones)
        for zone in actor.presence:
            yield from _ref((*at, "presence", zone), "zone", zone, zones, at_key=True)
        for i, target in enumerate(actor.objectives.targets):
            yield from _ref((*at, "objectives", "targets", i), "actor", target, actors)
    for pid, port in ports.items():
        yield from _ref(("ports", pid, "owner"), "actor", port.owner, actors)
        yield from _ref(("ports", pid, "zone"), "zone", port.zone, zones)
    for cid, corridor in corridors.items():
        for i, member in enumerate(corridor.members):
            yield from _ref(("corridors", cid, "members", i), "actor", member, actors)
        for i, leg in enumerate(corridor.legs):
            at = ("corridors", cid, "legs", i, "ref")
            if leg.kind == "port":
                yield from _ref(at, "port", leg.ref, ports)
            elif leg.kind == "sea":
                yield from _ref(at, "zone", leg.ref, zones)
    for sid, asset in s.assets.items():
        for i, owner in enumerate(asset.owners):
            yield from _ref(("assets", sid, "owners", i), "actor", owner, actors)
        if asset.corridor is not None:
            yield from _ref(("assets", sid, "corridor"), "corridor", asset.corridor, corridors)
    for aid, row in s.initial.influence.items():
        yield from _ref(("initial", "influence", aid), "actor", aid, actors, at_key=True)
        for bid in row.values:
            at = ("initial", "influence", aid, "values", bid)
            yield from _ref(at, "actor", bid, actors, at_key=True)
    for i, rel in enumerate(s.initial.relations):
        for j, member in enumerate(rel.pair):
            yield from _ref(("initial", "relations", i, "pair", j), "actor", member, actors)
        if rel.pair[0] == rel.pair[1]:
            yield Finding(
                ("initial", "relations", i, "pair"), "a relation needs two different actors"
            )
    for eid, event in s.events.items():
        for i, effect in enumerate(event.effects):
            at = ("events", eid, "effects", i)
            for name in ("actor", "target"):
                value = getattr(effect, name)
                if value is not None:
                    yield from _ref((*at, name), "actor", value, actors)
            if effect.corridor is not None:
                yield from _ref((*at, "corridor"), "corridor", effect.corridor, corridors)
    for i, claim in enumerate(s.claims):
        for side in ("stronger", "weaker"):
            for j, aid in enumerate(getattr(claim, side)):
                yield from _ref(("claims", i, side, j), "actor", aid, actors)


def _initiative(s: Scenario) -> Iterator[Finding]:
    counts = Counter(s.initiative)
    for i, aid in enumerate(s.initiative):
        yield from _ref(("initiative", i), "actor", aid, s.actors)
        if counts[aid] > 1 and s.initiative.index(aid) != i:
            yield Finding(("initiative", i), f"actor '{aid}' appears more than once")
    missing = [aid for aid in s.actors if aid not in counts]
    if missing:
        yield Finding(("initiative",), f"must list every actor once; missing {', '.join(missing)}")


def citations(s: Scenario) -> Iterator[tuple[Loc, str]]:
    """Every cited source id with the path of the citation."""
    for loc, model in walk(s):
        if isinstance(model, Provenance):
            for i, sid in enumerate(model.sources):
                yield (*loc, "sources", i), sid
        cites = getattr(model, "cites", None)
        if isinstance(cites, list):
            for i, sid in enumerate(cites):
                yield (*loc, "cites", i), sid


def _citations(s: Scenario, known: set[str]) -> Iterator[Finding]:
    for loc, sid in citations(s):
        yield from _ref(loc, "source id", sid, known)


def _figures(s: Scenario) -> Iterator[Finding]:
    for loc, model in walk(s):
        if isinstance(model, Figure) and not model.lo <= model.value <= model.hi:
            end = "low" if model.lo > model.value else "high"
            yield Finding(
                (*loc, end),
                f"range must satisfy low ≤ value ≤ high "
                f"(low {model.lo:g}, value {model.value:g}, high {model.hi:g})",
            )


def _non_negative(s: Scenario) -> Iterator[Finding]:
    figures: list[tuple[Loc, Figure | None]] = []
    for aid, actor in s.actors.items():
        figures.append((("actors", aid, "economy_bn_usd"), actor.economy_bn_usd))
        for i, vessel in enumerate(actor.navy):
            figures.append((("actors", aid, "navy", i, "count"), vessel.count))
            figures.append((("actors", aid, "navy", i, "displacement_t"), vessel.displacement_t))
    for pid, port in s.ports.items():
        figures.append((("ports", pid, "capacity_mt"), port.capacity_mt))
        figures.append((("ports", pid, "throughput_mt"), port.throughput_mt))
    for cid, corridor in s.corridors.items():
        figures.append((("corridors", cid, "capacity_mt"), corridor.capacity_mt))
        figures.append((("corridors", cid, "throughput_mt"), corridor.throughput_mt))
    for loc, figure in figures:
        if figure is None:
            continue
        for end in ("value", "low", "high"):
            number = getattr(figure, end)
            if number is not None and number < 0:
                yield Finding((*loc, end), f"must be ≥ 0, got {number:g}")
                break


def _bounds(s: Scenario) -> Iterator[Finding]:
    if s.rules.blockade_p_min > s.rules.blockade_p_max:
        yield Finding(("rules", "blockade_p_min"), "must not exceed blockade_p_max")
    for aid, row in s.initial.influence.items():
        for bid, value in row.values.items():
            if not 0 <= value <= 100:
                at = ("initial", "influence", aid, "values", bid)
                yield Finding(at, f"influence must lie in [0, 100], got {value:g}")


_EFFECT_NEEDS = {
    "throughput": ("corridor",),
    "capacity": ("corridor",),
    "block": ("corridor",),
    "influence": ("actor", "target"),
    "relations": ("actor", "target"),
    "capital": ("actor",),
}


def _effects(s: Scenario) -> Iterator[Finding]:
    for eid, event in s.events.items():
        for i, effect in enumerate(event.effects):
            for name in _EFFECT_NEEDS.get(effect.kind, ()):
                if getattr(effect, name) is None:
                    yield Finding(
                        ("events", eid, "effects", i),
                        f"a '{effect.kind}' effect needs '{name}'",
                    )


def _convention(s: Scenario) -> Iterator[Finding]:
    for aid, actor in s.actors.items():
        at = ("actors", aid)
        if actor.littoral:
            if actor.home_zone is None:
                yield Finding(at, "littoral actor needs a home_zone", at_key=True)
            continue
        barred = {
            "presence": (actor.presence, "Caspian naval presence"),
            "navy": (actor.navy, "a Caspian navy"),
            "home_zone": (actor.home_zone, "a Caspian home zone"),
        }
        for name, (value, what) in barred.items():
            if value:
                message = f"non-littoral actor may not have {what} ({CONVENTION})"
                yield Finding((*at, name), message, at_key=True)


def _claims(s: Scenario) -> Iterator[Finding]:
    by_actor = strengths(s)
    for i, claim in enumerate(s.claims):
        for failure in claim_failures(claim, by_actor):
            yield Finding(("claims", i), f"claim '{claim.id}' fails: {failure}")
