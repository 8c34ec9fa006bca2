"""The article's strength claims checked against derived naval strength.

Shared by the validator (a failing claim is a scenario error) and `describe` (which shows each
claim's pass state), so both judge a claim the same way.
"""

from __future__ import annotations

from caspian_tabletop.scenario.naval import Strength, naval_strength
from caspian_tabletop.scenario.schema import Scenario, StrengthClaim


def strengths(scenario: Scenario) -> dict[str, Strength]:
    """Derived naval strength of every actor."""
    return {
        aid: naval_strength(actor, scenario.naval_formula) for aid, actor in scenario.actors.items()
    }


def claim_failures(claim: StrengthClaim, by_actor: dict[str, Strength]) -> list[str]:
    """Why `claim` does not hold (empty when it holds); unknown actors are skipped here."""
    failures = []
    for strong_id in claim.stronger:
        for weak_id in claim.weaker:
            strong, weak = by_actor.get(strong_id), by_actor.get(weak_id)
            if strong is None or weak is None:
                continue
            if strong.value < claim.ratio * weak.value:
                failures.append(
                    f"{strong_id} strength {strong.value:.1f} is not ≥ {claim.ratio:g} × "
                    f"{weak_id} strength {weak.value:.1f}"
                )
            elif claim.robust and strong.low < claim.ratio * weak.high:
                failures.append(
                    f"{strong_id} low strength {strong.low:.1f} is not ≥ {claim.ratio:g} × "
                    f"{weak_id} high strength {weak.high:.1f}"
                )
    return failures
