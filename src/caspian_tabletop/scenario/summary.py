"""Table data for summaries of a scenario (the CLI `describe` now, the TUI later).

Kept apart from rendering so tests and every front end read the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from caspian_tabletop.scenario.claims import claim_failures, claim_strengths, strengths
from caspian_tabletop.scenario.naval import Strength
from caspian_tabletop.scenario.schema import Provenance, Scenario


@dataclass(frozen=True)
class ActorRow:
    id: str
    name: str
    littoral: bool
    neutral: bool
    orientation: str
    strength: Strength
    capital_per_turn: float
    navy_sources: tuple[str, ...]
    navy_estimated: bool


@dataclass(frozen=True)
class ClaimRow:
    id: str
    statement: str
    failures: tuple[str, ...]

    @property
    def holds(self) -> bool:
        return not self.failures


def _cited(provenance: Provenance) -> list[str]:
    estimate_cites = provenance.estimate.cites if provenance.estimate else []
    return [*provenance.sources, *estimate_cites]


def actor_rows(scenario: Scenario) -> list[ActorRow]:
    """One row per actor with its derived naval strength and the sources behind its navy."""
    by_actor = strengths(scenario)
    rows = []
    for aid, actor in scenario.actors.items():
        cited = [sid for vessel in actor.navy for sid in _cited(vessel.provenance)]
        rows.append(
            ActorRow(
                id=aid,
                name=actor.name,
                littoral=actor.littoral,
                neutral=actor.neutral is not None,
                orientation=actor.orientation.value,
                strength=by_actor[aid],
                capital_per_turn=actor.capital_per_turn,
                navy_sources=tuple(dict.fromkeys(cited)),
                navy_estimated=any(v.provenance.estimate for v in actor.navy),
            )
        )
    return rows


def claim_rows(scenario: Scenario) -> list[ClaimRow]:
    """Each strength claim in words with the reasons it fails (none when it holds)."""
    rows = []
    for claim in scenario.claims:
        robust = " at both ends of the ranges" if claim.robust else ""
        where = "" if claim.zone is None else f" in the {claim.zone} zone"
        statement = (f"{', '.join(claim.stronger)} ≥ {claim.ratio:g} × "
                     f"{', '.join(claim.weaker)}{where}{robust}")
        failures = claim_failures(claim, claim_strengths(scenario, claim))
        rows.append(ClaimRow(claim.id, statement, tuple(failures)))
    return rows
