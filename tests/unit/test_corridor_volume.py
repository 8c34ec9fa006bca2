"""A corridor term measured by volume counts only the actor's own routes' trade (and, with
`capacity_credit`, the capacity built or under way on them): a rival route shut by force
adds nothing, and a port expansion counts from its first stage."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from caspian_tabletop.domain.errors import ScenarioError
from caspian_tabletop.engine.assets import committed_capacity
from caspian_tabletop.engine.scoring import term_values
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.scenario.register import Register
from shipped import compiled

C = compiled("caspian-2021")
CREDIT = C.rules.capacity_credit
MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal.yaml"


def corridor_term(state: BatchState, actor: str) -> float:
    return float(term_values(C, state)[0, C.actor_index(actor), 1])


def closed(state: BatchState, corridor: str) -> BatchState:
    shut = state.copy()
    shut.blocked[0, C.corridors.index(corridor)] = 2
    return shut


def test_the_shipped_scenario_credits_a_quarter_of_committed_capacity() -> None:
    assert CREDIT == 0.25
    by_volume = [a for a in C.actors if C.corridor_volume_scale[C.actor_index(a)] > 0]
    assert by_volume == ["AZ", "KZ", "TM", "TR", "AF"]


def test_a_volume_term_counts_only_the_routes_the_actor_belongs_to() -> None:
    routes = {a: [C.corridors[k] for k in np.flatnonzero(C.scored_routes[C.actor_index(a)])]
              for a in ("RU", "AF", "TM", "KZ")}
    assert routes == {"RU": ["instc-sea"],  # by share: every preferred sea route
                      "AF": ["lapis-lazuli"],  # not the Middle Corridor it has no part in
                      "TM": ["lapis-lazuli", "turkmenbashi-baku"],
                      "KZ": ["middle-corridor"]}
    assert C.corridor_volume_scale[C.actor_index("AF")] == 1.0  # Lapis Lazuli's 1 Mt/yr


def test_kazakhstan_s_volume_term_is_its_routes_traffic_and_credited_capacity() -> None:
    start = initial_state(C)
    kz = C.actor_index("KZ")
    routes = C.scored_routes[kz]
    carried = float(start.throughput[0] @ routes)
    built = float(committed_capacity(C, start)[0] @ routes)
    expected = (carried + CREDIT * built) / (1 + CREDIT) / float(C.capacity0 @ routes)
    assert corridor_term(start, "KZ") == pytest.approx(expected)


def test_shutting_a_rival_route_raises_a_share_but_not_a_volume() -> None:
    start = initial_state(C)
    shut = closed(start, "instc-sea")
    assert corridor_term(shut, "AZ") == pytest.approx(corridor_term(start, "AZ"))
    assert corridor_term(shut, "TR") == pytest.approx(corridor_term(start, "TR"))
    # Russia measures by share: the east-west routes' loss is its gain
    assert corridor_term(closed(start, "middle-corridor"), "RU") > corridor_term(start, "RU")


def test_shutting_one_s_own_route_lowers_its_volume() -> None:
    start = initial_state(C)
    assert corridor_term(closed(start, "middle-corridor"), "KZ") < corridor_term(start, "KZ")


def test_each_aktau_stage_counts_before_its_capacity_arrives() -> None:
    start = initial_state(C)
    aktau = C.assets.index("aktau-expansion")
    staged = start.copy()
    staged.asset_progress[0, aktau] = 1
    middle = C.corridors.index("middle-corridor")
    assert staged.capacity[0, middle] == start.capacity[0, middle]
    kz = C.actor_index("KZ")
    room = float(C.capacity0 @ C.scored_routes[kz])
    gain = C.asset_gain[aktau] / C.asset_stages[aktau]
    assert corridor_term(staged, "KZ") - corridor_term(start, "KZ") == pytest.approx(
        CREDIT * gain / (1 + CREDIT) / room)
    # once online, the asset's gain is in the capacity itself and not counted twice
    done = start.copy()
    done.asset_progress[0, aktau] = C.asset_stages[aktau]
    done.asset_online[0, aktau] = True
    done.capacity[0, middle] += C.asset_gain[aktau]
    assert np.allclose(committed_capacity(C, done), committed_capacity(C, staged)
                       + np.eye(len(C.corridors))[middle] * C.asset_gain[aktau] * 2 / 3)


def test_the_one_actor_and_general_paths_agree() -> None:
    state = initial_state(C, 3)
    state.asset_progress[:, C.assets.index("aktau-expansion")] = [0, 1, 2]
    state.blocked[1, C.corridors.index("instc-sea")] = 1
    every = term_values(C, state)
    for actor in C.actors:
        a = C.actor_index(actor)
        alone = term_values(C, state, actor=np.full(3, a))
        assert np.allclose(alone[:, 0, 1], every[:, a, 1])


def test_an_unknown_measure_and_a_negative_credit_are_located(
        tmp_path: Path, test_register: Register) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("      corridor: 1\n",
                        "      corridor: 1\n      corridor_measure: tonnes\n", 1)
    text = text.replace("  capital_max: 20\n", "  capital_max: 20\n  capacity_credit: -1\n", 1)
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, test_register, source="case.yaml")
    rendered = [p.render() for p in caught.value.problems]
    assert rendered == [
        "case.yaml:57:25: error: actors.RU.objectives.corridor_measure: "
        "input should be 'share' or 'volume', got 'tonnes'",
        "case.yaml:237:20: error: rules.capacity_credit: must be ≥ 0, got -1",
    ]
