"""Variants of the minimal test scenario for engine tests of a changing world.

Each test states only what it adds to the fixture (a vessel id, an event, an asset field), so
the rule it exercises is visible in the test itself.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from caspian_tabletop.engine.compiled import Compiled, compile_scenario
from caspian_tabletop.scenario.schema import Scenario

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"
ESTIMATE = {"estimate": {"rationale": "A test figure made up for this rule."}}


@cache
def _base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    return data


def variant(change: Callable[[dict[str, Any]], None]) -> Compiled:
    """The minimal scenario after `change` edits its data in place, compiled."""
    data = copy.deepcopy(_base())
    change(data)
    return compile_scenario(Scenario.model_validate(data))


def event(effects: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    """An event with these effects (weight 0 unless given) and any other fields."""
    return {"title": "Test event", "text": "Something happens on the sea.",
            "weight": fields.pop("weight", 0), "effects": effects, "provenance": ESTIMATE,
            **fields}
