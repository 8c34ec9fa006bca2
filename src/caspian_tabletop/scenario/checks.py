"""Semantic checks that need the whole scenario: references, ranges, the Convention, claims.

The schema checks each value alone; these checks relate values to each other and to the source
register.  They return `Finding`s located by path (the loader maps paths to lines) and never
evaluate text from the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from caspian_tabletop.scenario.base import did_you_mean
from caspian_tabletop.scenario.claims import claim_failures, claim_strengths
from caspian_tabletop.scenario.schema import Effect, Figure, Provenance, Scenario

Loc = tuple[Any, ...]
CONVENTION = "2018 Caspian Convention"


@dataclass(frozen=True)
class Finding:
    """One semantic problem at `loc`; `at_key` points at the key rather than its value."""

    loc: Loc
    message: str
    hint: str | None = None
    at_key: bool = False


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
        *_navies(scenario),
        *_assets(scenario),
        *_capital_changes(scenario),
        *_sea_trade(scenario),
        *_convention(scenario),
        *_claims(scenario),
        *goal_findings(scenario),
    ]


def effect_lists(s: Scenario) -> Iterator[tuple[Loc, list[Effect]]]:
    """Every list of effects with its path: each event's, and each asset's for each stage and
    on completion."""
    for eid, event in s.events.items():
        yield ("events", eid, "effects"), event.effects
    for sid, asset in s.assets.items():
        for name in ("on_stage", "on_complete"):
            effects = getattr(asset, name)
            if effects is not None:
                yield ("assets", sid, name), effects


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
    for where, effects in effect_lists(s):
        for i, effect in enumerate(effects):
            yield from _effect_references(s, (*where, i), effect)
    for i, claim in enumerate(s.claims):
        for side in ("stronger", "weaker"):
            for j, aid in enumerate(getattr(claim, side)):
                yield from _ref(("claims", i, side, j), "actor", aid, actors)
        if claim.zone is not None:
            yield from _ref(("claims", i, "zone"), "zone", claim.zone, zones)


def _effect_references(s: Scenario, at: Loc, effect: Effect) -> Iterator[Finding]:
    """The actors, corridor, vessel class and zones one effect names."""
    for name in ("actor", "target"):
        value = getattr(effect, name)
        if value is not None:
            yield from _ref((*at, name), "actor", value, s.actors)
    if effect.corridor is not None:
        yield from _ref((*at, "corridor"), "corridor", effect.corridor, s.corridors)
    actor = s.actors.get(effect.actor or "")
    if effect.vessel is not None and actor is not None:
        classes = {v.id for v in actor.navy if v.id is not None}
        yield from _ref((*at, "vessel"), f"{effect.actor} vessel class", effect.vessel, classes)
    for zone in effect.shares or {}:
        yield from _ref((*at, "shares", zone), "zone", zone, s.zones, at_key=True)


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
    "disrupt": ("corridor",),
    "influence": ("actor", "target"),
    "relations": ("actor", "target"),
    "capital": ("actor",),
    "navy": ("actor", "vessel"),
    "presence": ("actor", "shares"),
}


def _effects(s: Scenario) -> Iterator[Finding]:
    for where, effects in effect_lists(s):
        for i, effect in enumerate(effects):
            for name in _EFFECT_NEEDS.get(effect.kind, ()):
                if getattr(effect, name) is None:
                    yield Finding((*where, i), f"a '{effect.kind}' effect needs '{name}'")


def _navies(s: Scenario) -> Iterator[Finding]:
    """A vessel class id names one class of its actor's navy."""
    for aid, actor in s.actors.items():
        seen: set[str] = set()
        for i, vessel in enumerate(actor.navy):
            if vessel.id is not None and vessel.id in seen:
                yield Finding(("actors", aid, "navy", i, "id"),
                              f"vessel class id '{vessel.id}' is used twice in {aid}'s navy")
            seen.add(vessel.id or "")


def _assets(s: Scenario) -> Iterator[Finding]:
    """Revenue shares go to owners and add up to the whole gain."""
    for sid, asset in s.assets.items():
        if asset.shares is None:
            continue
        at: Loc = ("assets", sid, "shares")
        if asset.kind != "revenue":
            yield Finding(at, "only a revenue asset splits its gain into shares", at_key=True)
            continue
        for owner in asset.shares:
            if owner not in asset.owners:
                yield Finding((*at, owner), f"'{owner}' is not an owner of this asset",
                              did_you_mean(owner, asset.owners), at_key=True)
        total = sum(asset.shares.values())
        if abs(total - 1.0) > 1e-6:
            yield Finding(at, f"shares must add up to 1, got {total:g}", at_key=True)


def _capital_changes(s: Scenario) -> Iterator[Finding]:
    for aid, actor in s.actors.items():
        turns = [change.turn for change in actor.capital_changes or ()]
        for i in range(1, len(turns)):
            if turns[i] <= turns[i - 1]:
                yield Finding(("actors", aid, "capital_changes", i, "turn"),
                              f"changes must come in turn order, after turn {turns[i - 1]}")


def _sea_trade(s: Scenario) -> Iterator[Finding]:
    """The `sea` flag agrees with the legs: only a corridor with no sea leg is not sea trade."""
    for cid, corridor in s.corridors.items():
        crosses = any(leg.kind == "sea" for leg in corridor.legs)
        if corridor.sea is False and crosses:
            yield Finding(("corridors", cid, "sea"),
                          "a corridor with a sea leg is Caspian sea trade; leave `sea` out")
        if corridor.sea is True and not crosses:
            yield Finding(("corridors", cid, "sea"),
                          "a corridor with no sea leg cannot be sea trade")


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
    for where, effects in effect_lists(s):
        for i, effect in enumerate(effects):
            mover = s.actors.get(effect.actor or "")
            if effect.kind in ("navy", "presence") and mover is not None and not mover.littoral:
                yield Finding((*where, i, "kind"), f"non-littoral actor {effect.actor} may not "
                              f"gain a Caspian navy or presence ({CONVENTION})")


def _claims(s: Scenario) -> Iterator[Finding]:
    for i, claim in enumerate(s.claims):
        if claim.zone is not None and claim.zone not in s.zones:
            continue  # reported with the references
        for failure in claim_failures(claim, claim_strengths(s, claim)):
            yield Finding(("claims", i), f"claim '{claim.id}' fails: {failure}")
