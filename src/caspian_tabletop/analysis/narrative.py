"""Plain-words leads for the after-action report, derived from a resolution's structured fields.

`render.resolution.sentence` gives the mechanics in brackets; a debrief also needs a sentence
a class reads aloud ("Russia blockaded the Middle Corridor in the Middle Caspian and failed.").
Names come from the scenario, so a renamed actor or corridor reads correctly without code
changes.
"""

from __future__ import annotations

from caspian_tabletop.domain.errors import NotationError
from caspian_tabletop.domain.moves import Move, MoveKind, parse_move
from caspian_tabletop.engine.explain import FINAL_UPKEEP, Resolution
from caspian_tabletop.scenario.schema import Corridor, Scenario

OVERRIDE = " (umpire override)"


def lead(scenario: Scenario, res: Resolution) -> str:
    """One plain sentence saying what happened in `res`."""
    if res.step == "upkeep" and res.outcome == FINAL_UPKEEP:
        return ("Final upkeep: income was paid and tension eased; the last quarter's blockades "
                "and risk premiums stand for the final score.")
    if res.step == "upkeep":
        return "Upkeep: income was paid, temporary effects expired and tension eased."
    if res.step == "adjust":
        return f"The facilitator adjusted {res.text.removeprefix('umpire adjusts ')} directly."
    if res.step in ("event", "inject"):
        title = res.text.removeprefix("event: ")
        who = "The facilitator injected an event" if res.step == "inject" else "Event"
        return f"{who}: {title}."
    try:
        move = parse_move(res.text)
    except NotationError:
        return f"{res.text}."
    if res.outcome.startswith("fizzles: "):
        reason = res.outcome.removeprefix("fizzles: ")
        return f"{_name(scenario, move.actor)}'s order ({res.text}) fell through: {reason}."
    return _move_lead(scenario, move, res.outcome)


def _move_lead(scenario: Scenario, move: Move, outcome: str) -> str:
    actor = _name(scenario, move.actor)
    ruled = outcome.endswith(OVERRIDE)
    result = outcome.removesuffix(OVERRIDE)
    ruling = ", by the umpire's ruling" if ruled else ""
    if move.kind is MoveKind.TRADE:
        partner = _name(scenario, move.partner)
        route = scenario.corridors[str(move.corridor)]
        answer = "accepted" if result == "accepted" else "turned it down"
        told = (f"{actor} offered {partner} {move.volume:g} Mt/yr of trade on the {route.name}, "
                f"and {partner} {answer}.")
        return told + (_route_gains(scenario, route, move.actor, str(move.partner))
                       if result == "accepted" else "")
    joined, _, result = result.rpartition("; ")
    partner = _name(scenario, move.partner) if move.partner else ""
    company = (f" with {partner}" if joined == "partner joins"
               else f" alone ({partner} stayed out)" if joined else "")
    if move.kind is MoveKind.DRILL:
        zone = scenario.zones[str(move.zone)].name
        landed = "the show of force landed" if result == "show of force lands" else "it backfired"
        return f"{actor} held a naval drill in the {zone}{company}; {landed}{ruling}."
    if move.kind is MoveKind.BLOCKADE:
        zone = scenario.zones[str(move.zone)].name
        corridor = scenario.corridors[str(move.corridor)].name
        verdict = "succeeded" if result == "success" else "failed"
        return f"{actor} blockaded the {corridor} in the {zone}{company} and {verdict}{ruling}."
    if move.kind is MoveKind.INVEST:
        target = str(move.target)
        project = (scenario.corridors[target].name if target in scenario.corridors
                   else scenario.assets[target].name)
        return f"{actor} invested in the {project}."
    if move.kind is MoveKind.SUMMIT:
        if result == "declined":
            return f"{actor} invited {partner} to a summit, and {partner} declined."
        return f"{actor} hosted a summit with {partner}."
    if move.kind is MoveKind.DEMAND:
        corridor = scenario.corridors[str(move.corridor)].name
        answer = "agreed" if result == "accepted" else "refused"
        return (f"{actor} demanded a stake in the {corridor} from {partner}, and {partner} "
                f"{answer}.")
    return f"{actor} passed, saving its capital."


def _route_gains(scenario: Scenario, route: Corridor, a: str, b: str) -> str:
    """What the members a deal crosses, and those its cargo goes on to, gain, where the
    scenario's rules give them anything."""
    rules = scenario.rules
    told = ""
    crossed = route.between(a, b) if rules.transit_influence_per_mt else []
    if crossed:
        told += f" The route crosses {_names(scenario, crossed)} between them"
    onward = route.beyond(a, b) if rules.onward_influence_per_mt else []
    if onward:
        told += (", and its cargo goes on to " if crossed else " Its cargo goes on to ")
        told += _names(scenario, onward)
    if not told:
        return ""
    gain = "gains" if len(crossed) + len(onward) == 1 else "gain"
    return f"{told}, which {gain} sway over both."


def _names(scenario: Scenario, actors: list[str]) -> str:
    """Actors' names joined for a sentence, in route order."""
    return " and ".join(_name(scenario, a) for a in actors)


def _name(scenario: Scenario, actor: str | None) -> str:
    model = scenario.actors.get(str(actor))
    return model.name if model is not None else str(actor)
