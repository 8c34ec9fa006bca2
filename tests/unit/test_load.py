"""Loading: schema errors become located problems with hints; semantic checks run after."""

from __future__ import annotations

import copy
import string
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from caspian_tabletop import paths
from caspian_tabletop.domain.errors import ScenarioError
from caspian_tabletop.scenario import limits
from caspian_tabletop.scenario.load import load_register, load_scenario, position_of, read_scenario
from caspian_tabletop.scenario.register import Register

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal.yaml"
TUTORIAL = paths.resolve_scenario("tutorial")


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "case.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _rendered(path: Path, register: Register) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, register, source="case.yaml")
    return [p.render() for p in caught.value.problems]


def test_minimal_scenario_loads(test_register: Register) -> None:
    scenario = load_scenario(MINIMAL, test_register)
    assert list(scenario.actors) == ["RU", "AZ", "TR"]


def test_position_of_dotted_path(test_register: Register) -> None:
    _, document = read_scenario(MINIMAL, test_register)
    assert position_of(document, "actors.RU.navy[0].count") == (48, 16)
    # a bare number stands for a whole Figure: its parts resolve to the number's position
    assert position_of(document, "actors.RU.navy[0].count.value") == (48, 16)


def test_did_you_mean_inside_nested_model(tmp_path: Path, test_register: Register) -> None:
    path = _edited(tmp_path, "{value: 1500, low: 1400, high: 1600}", "{valeu: 1500, low: 1400}")
    assert _rendered(path, test_register) == [
        "case.yaml:42:5: error: actors.RU.economy_bn_usd.value: required field is missing",
        "case.yaml:42:22: error: actors.RU.economy_bn_usd.valeu: unknown field "
        "(did you mean 'value'?)",
    ]


def test_bad_key_is_located_at_the_key(tmp_path: Path, test_register: Register) -> None:
    path = _edited(tmp_path, "      values: {AZ: 40}", "      values: {Azerbaijan: 40}")
    assert _rendered(path, test_register) == [
        "case.yaml:147:16: error: initial.influence.RU.values.Azerbaijan: "
        "key must match the pattern ^[A-Z]{2,3}$, got 'Azerbaijan'"
    ]


def test_provenance_needs_an_origin(tmp_path: Path, test_register: Register) -> None:
    old = "    provenance:\n      sources: [LOCAL-ports]\ncorridors"
    path = _edited(tmp_path, old, "    provenance: {}\ncorridors")
    assert _rendered(path, test_register) == [
        "case.yaml:118:17: error: ports.baku.provenance: "
        "cite at least one source id or give an estimate with a rationale"
    ]


def test_register_problems_are_reported(tmp_path: Path) -> None:
    data = yaml.safe_load((MINIMAL.parent / "register.yaml").read_text(encoding="utf-8"))
    data["claims"][0]["paragraph"] = 0
    path = tmp_path / "register.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_register(path, "register.yaml")
    assert str(caught.value) == (
        "register.yaml:13:14: error: claims[0].paragraph: must be ≥ 1, got 0"
    )


def _clones(entries: dict[str, object], count: int, name: str) -> dict[str, object]:
    """`count` entries, copies of the first, under new names made by `name`."""
    first = next(iter(entries.values()))
    return {name(i): copy.deepcopy(first) for i in range(count)}


@pytest.mark.parametrize(("section", "cap", "name"), [
    ("actors", limits.MAX_ACTORS,
     lambda i: "".join(string.ascii_uppercase[d] for d in (i // 26, i % 26))),
    ("events", limits.MAX_EVENTS, lambda i: f"event-{i}"),
    ("zones", limits.MAX_ZONES, lambda i: f"zone-{i}"),
])
def test_counts_the_engine_grows_with_are_capped_with_their_line(
        tmp_path: Path, section: str, cap: int, name: Callable[[int], str]) -> None:
    """A scenario of a few hundred cloned actors is small on disk but would need gigabytes
    at `simulate`: it is refused where the section starts, before anything is compiled."""
    data = yaml.safe_load(TUTORIAL.read_text(encoding="utf-8"))
    data[section] = _clones(data[section], cap + 1, name)
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    line = path.read_text(encoding="utf-8").splitlines().index(f"{section}:") + 2
    assert f"{path}:{line}:3: error: {section}: at most {cap} entries, got {cap + 1}" in str(
        caught.value).splitlines()


def test_the_shipped_scenarios_are_well_within_the_caps() -> None:
    for scenario_path in (TUTORIAL, TUTORIAL.with_name("caspian-2021.yaml")):
        data = yaml.safe_load(scenario_path.read_text(encoding="utf-8"))
        for section, cap in (("actors", limits.MAX_ACTORS), ("events", limits.MAX_EVENTS),
                             ("corridors", limits.MAX_CORRIDORS), ("zones", limits.MAX_ZONES)):
            assert len(data[section]) * 3 <= cap, (scenario_path.name, section)
