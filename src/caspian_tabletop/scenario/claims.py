"""The article's strength claims checked against derived naval strength.

Shared by the validator (a failing claim is a scenario error) and `describe` (which shows each
claim's pass state), so both judge a claim the same way.  A claim about one sea zone compares
the strength present there: each end of the navy's range times the actor's opening share of
the zone (presence has no range of its own).
"""

from __future__ import annotations

from caspian_tabletop.scenario.naval import Strength, naval_strength
from caspian_tabletop.scenario.schema import Scenario, StrengthClaim


def strengths(scenario: Scenario) -> dict[str, Strength]:
    """Derived naval strength of every actor."""
    return {
        aid: naval_strength(actor, scenario.naval_formula) for aid, actor in scenario.actors.items()
    }


def zone_strengths(scenario: Scenario, zone: str) -> dict[str, Strength]:
    """Derived naval strength of every actor present in `zone` at the opening."""
    out = {}
    for aid, whole in strengths(scenario).items():
        share = scenario.actors[aid].presence.get(zone, 0.0)
        out[aid] = Strength(value=whole.value * share, low=whole.low * share,
                            high=whole.high * share)
    return out


def claim_strengths(scenario: Scenario, claim: StrengthClaim) -> dict[str, Strength]:
    """The strengths `claim` compares: whole navies, or those present in its zone."""
    return strengths(scenario) if claim.zone is None else zone_strengths(scenario, claim.zone)


def claim_failures(claim: StrengthClaim, by_actor: dict[str, Strength]) -> list[str]:
    """Why `claim` does not hold (empty when it holds); unknown actors are skipped here."""
    where = "" if claim.zone is None else f" in the {claim.zone} zone"
    failures = []
    for strong_id in claim.stronger:
        for weak_id in claim.weaker:
            strong, weak = by_actor.get(strong_id), by_actor.get(weak_id)
            if strong is None or weak is None:
                continue
            if strong.value < claim.ratio * weak.value:
                failures.append(
                    f"{strong_id} strength{where} {strong.value:.1f} is not ≥ {claim.ratio:g} × "
                    f"{weak_id} strength {weak.value:.1f}"
                )
            elif claim.robust and strong.low < claim.ratio * weak.high:
                failures.append(
                    f"{strong_id} low strength{where} {strong.low:.1f} is not ≥ "
                    f"{claim.ratio:g} × {weak_id} high strength {weak.high:.1f}"
                )
    return failures
