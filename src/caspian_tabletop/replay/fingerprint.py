"""The scenario content hash a replay pins, independent of YAML layout and comments."""

from __future__ import annotations

import hashlib
import json

from caspian_tabletop.scenario.schema import Scenario


def scenario_hash(scenario: Scenario) -> str:
    """sha256 of the validated model dumped as canonical JSON (sorted keys).

    Unset optional fields are left out, so a new optional field in a later version of the
    format does not invalidate saves of scenarios that do not use it.
    """
    dumped = scenario.model_dump(mode="json", exclude_none=True)
    text = json.dumps(dumped, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
