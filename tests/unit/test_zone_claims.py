"""Strength claims about one sea zone compare the strength present there, across ranges when
marked robust."""

from __future__ import annotations

from typing import Any

import pytest

from caspian_tabletop.scenario.claims import claim_failures, claim_strengths, zone_strengths
from caspian_tabletop.scenario.naval import naval_strength
from caspian_tabletop.scenario.schema import StrengthClaim
from caspian_tabletop.scenario.summary import claim_rows
from variants import variant

SCENARIO = variant(lambda data: None).scenario


def claim(**fields: Any) -> StrengthClaim:
    return StrengthClaim.model_validate(
        {"id": "test", "stronger": ["RU"], "weaker": ["AZ"], "cites": ["C-01"], **fields})


def test_zone_strength_is_each_end_of_the_range_times_the_opening_share() -> None:
    whole = naval_strength(SCENARIO.actors["RU"], SCENARIO.naval_formula)
    south = zone_strengths(SCENARIO, "south")["RU"]
    assert (south.low, south.value, south.high) == pytest.approx(
        (0.2 * whole.low, 0.2 * whole.value, 0.2 * whole.high))
    assert zone_strengths(SCENARIO, "north")["AZ"].value == 0.0


def test_a_claim_can_hold_for_the_sea_and_fail_in_a_zone() -> None:
    # RU 8.3 against AZ 1.3 on the whole sea; in the south RU has a fifth of its fleet.
    whole = claim(ratio=2.0, robust=True)
    south = claim(ratio=1.5, zone="south")
    assert claim_failures(whole, claim_strengths(SCENARIO, whole)) == []
    failures = claim_failures(south, claim_strengths(SCENARIO, south))
    assert failures == ["RU strength in the south zone 1.7 is not ≥ 1.5 × AZ strength 1.3"]


def test_robust_zone_claims_compare_the_low_end_with_the_high_end() -> None:
    central = claim(ratio=1.22, zone="south")
    robust = claim(ratio=1.22, zone="south", robust=True)
    assert claim_failures(central, claim_strengths(SCENARIO, central)) == []
    assert claim_failures(robust, claim_strengths(SCENARIO, robust)) == [
        "RU low strength in the south zone 1.6 is not ≥ 1.22 × AZ high strength 1.3"]


def test_describe_names_the_zone() -> None:
    def south_claim(data: dict[str, Any]) -> None:
        data["claims"].append({"id": "south", "stronger": ["RU"], "weaker": ["AZ"],
                               "ratio": 1.0, "zone": "south", "robust": True,
                               "cites": ["C-01"]})

    rows = claim_rows(variant(south_claim).scenario)
    assert rows[-1].statement == "RU ≥ 1 × AZ in the south zone at both ends of the ranges"
    assert rows[-1].holds
