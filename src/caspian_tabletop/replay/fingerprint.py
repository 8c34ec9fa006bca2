"""The scenario content hash a replay pins, independent of YAML layout and comments."""

from __future__ import annotations

import hashlib
import json

from caspian_tabletop.scenario.schema import Scenario


def scenario_hash(scenario: Scenario) -> str:
    """sha256 of the validated model dumped as canonical JSON (sorted keys)."""
    text = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
