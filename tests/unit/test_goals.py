"""Plain goals: each kind of condition measured on a state and judged met or not, their
statuses in words, and scenario files with bad goals refused with located errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import TypeAdapter

from caspian_tabletop.domain.errors import ScenarioError
from caspian_tabletop.engine.goals import Reading, is_met, measure, met_counts, readings
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.render.victory import goal_status
from caspian_tabletop.scenario.judging import Condition, Goal
from caspian_tabletop.scenario.load import load_scenario
from shipped import compiled

CONDITION: TypeAdapter[Condition] = TypeAdapter(Condition)


def _two_games() -> BatchState:
    """The tutorial's opening twice; the second game is then changed by each test."""
    return initial_state(compiled("tutorial"), 2)


def _judge(raw: dict[str, Any], st: BatchState, owner: str = "KZ",
           ) -> tuple[np.ndarray, np.ndarray]:
    c = compiled("tutorial")
    condition = CONDITION.validate_python(raw)
    value = measure(c, st, c.actor_index(owner), condition)
    return value, is_met(condition, value, st, c)


def test_asset_online_counts_stages_and_is_met_when_complete() -> None:
    st = _two_games()
    st.asset_progress[1, 0] = 2
    st.asset_online[1, 0] = True
    value, met = _judge({"kind": "asset-online", "asset": "aktau-expansion"}, st)
    assert value.tolist() == [0.0, 2.0] and met.tolist() == [False, True]


def test_throughput_adds_the_open_corridors_and_a_blockade_carries_nothing() -> None:
    st = _two_games()
    st.blocked[1, 0] = 1  # the Middle Corridor closed in game 2
    raw = {"kind": "throughput", "corridors": ["middle-corridor", "instc-west"], "above": 2.5}
    value, met = _judge(raw, st)
    assert value == pytest.approx([2.78, 2.0]) and met.tolist() == [True, False]
    value, met = _judge({**raw, "above": None, "below": 2.5}, st)
    assert met.tolist() == [False, True]


def test_trade_share_is_the_share_of_open_trade_on_one_orientation() -> None:
    st = _two_games()
    st.throughput[1, 0] = 2.0  # Middle Corridor 2.0 against the north–south 2.0
    value, met = _judge({"kind": "trade-share", "orientation": "east-west", "above": 0.4}, st)
    assert value == pytest.approx([0.78 / 2.78, 0.5]) and met.tolist() == [False, True]


def test_sway_is_a_share_of_all_the_sway_over_the_target() -> None:
    st = _two_games()
    c = compiled("tutorial")
    st.influence[1, c.actor_index("AZ"), c.actor_index("KZ")] = 55.0  # level with Russia
    value, met = _judge({"kind": "sway", "over": "KZ", "above": 0.3}, st, owner="AZ")
    assert value == pytest.approx([15 / 70, 0.5]) and met.tolist() == [False, True]
    other, _ = _judge({"kind": "sway", "actor": "RU", "over": "KZ", "below": 0.6}, st,
                      owner="AZ")
    assert other == pytest.approx([55 / 70, 0.5])


def test_patron_share_is_the_largest_share_over_the_owner_and_names_the_patron() -> None:
    st = _two_games()
    value, met = _judge({"kind": "patron-share", "below": 0.7}, st)
    assert value == pytest.approx([55 / 70] * 2) and not met.any()
    c = compiled("tutorial")
    kazakh = next(r for r in readings(c, st, "KZ") if r.goal.condition.kind == "patron-share")
    assert kazakh.patron == "RU" and not kazakh.met


def test_tension_relations_and_no_clash() -> None:
    c = compiled("tutorial")
    st = _two_games()
    st.tension[1] = 7.0
    st.clash[1] = True
    st.relations[1, c.actor_index("KZ"), c.actor_index("RU")] = 60.0
    assert _judge({"kind": "tension", "below": 5}, st)[1].tolist() == [True, False]
    value, met = _judge({"kind": "relation", "partner": "RU", "above": 50}, st)
    assert value.tolist() == [45.0, 60.0] and met.tolist() == [False, True]
    value, met = _judge({"kind": "no-clash"}, st)
    assert value.tolist() == [0.0, 1.0] and met.tolist() == [True, False]


def test_a_bound_is_strict() -> None:
    st = _two_games()
    assert not _judge({"kind": "tension", "below": 3}, st)[1].any()  # the opening is 3.0
    assert not _judge({"kind": "tension", "above": 3}, st)[1].any()


def test_met_counts_agree_with_each_goals_reading() -> None:
    c = compiled("caspian-2021")
    st = initial_state(c, 1)
    counts = met_counts(c, st)[0]
    for a, actor in enumerate(c.actors):
        assert counts[a] == sum(r.met for r in readings(c, st, actor))


@pytest.mark.parametrize(("raw", "value", "met", "words"), [
    ({"kind": "asset-online", "asset": "aktau-expansion"}, 1.0, False,
     "Port Aktau expansion: 1 of 2 stages invested (goal complete)"),
    ({"kind": "asset-online", "asset": "aktau-expansion"}, 2.0, True,
     "Port Aktau expansion complete"),
    ({"kind": "throughput", "corridors": ["middle-corridor"], "above": 2}, 2.4, True,
     "Middle Corridor 2.4 Mt/yr (goal over 2)"),
    ({"kind": "trade-share", "orientation": "north-south", "below": 0.5}, 0.62, False,
     "north–south trade 62% (goal under 50%)"),
    ({"kind": "sway", "over": "AZ", "above": 0.3}, 0.25, False,
     "sway over Azerbaijan 25% (goal over 30%)"),
    ({"kind": "sway", "actor": "RU", "over": "AZ", "below": 0.5}, 0.41, True,
     "Russia's sway over Azerbaijan 41% (goal under 50%)"),
    ({"kind": "patron-share", "below": 0.5}, 0.41, True, "Russia's sway 41% (goal under 50%)"),
    ({"kind": "patron-share", "below": 0.57}, 0.5698, True,  # never "57% (goal under 57%)"
     "Russia's sway 56.98% (goal under 57%)"),
    ({"kind": "throughput", "corridors": ["middle-corridor"], "above": 3}, 3.0004, True,
     "Middle Corridor 3.0004 Mt/yr (goal over 3)"),
    ({"kind": "tension", "below": 6}, 4.25, True, "tension 4.2 (goal under 6)"),
    ({"kind": "relation", "partner": "AZ", "above": 40}, 35.0, False,
     "relations with Azerbaijan +35 (goal over +40)"),
    ({"kind": "no-clash"}, 0.0, True, "no armed clash"),
])
def test_each_status_names_the_figure_and_the_goal(raw: dict[str, Any], value: float,
                                                   met: bool, words: str) -> None:
    goal = Goal(text="a goal", condition=CONDITION.validate_python(raw), cites=["EDM-15"])
    patron = "RU" if raw["kind"] == "patron-share" else None
    assert goal_status(compiled("tutorial").scenario, "KZ",
                       Reading(goal, value, met, patron)) == words


def _broken(tmp_path: Path, old: str, new: str) -> str:
    text = resolve_scenario("tutorial").read_text(encoding="utf-8")
    if old == KZ_CALIBRATION:  # whatever the last calibration wrote
        found = re.search(r"^    KZ: \{par: [^}]*\}\n", text, re.M)
        assert found is not None
        old = found.group(0)
    assert text.count(old) == 1
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, source="bad.yaml")
    return str(caught.value)


AKTAU_GOAL = "condition: {kind: asset-online, asset: aktau-expansion}"
KZ_CALIBRATION = "KZ's line of the victory block"


@pytest.mark.parametrize(("old", "new", "message"), [
    (AKTAU_GOAL, "condition: {kind: asset-onlin, asset: aktau-expansion}",
     "bad.yaml:201:22: error: actors.KZ.objectives.goals[0].condition: 'kind' must be one of "
     "'asset-online', 'throughput', 'trade-share', 'sway', 'patron-share', 'tension', "
     "'no-clash', 'relation', not 'asset-onlin'"),
    (AKTAU_GOAL, "condition: {kind: asset-online, asset: aktau-expanse}",
     "bad.yaml:201:50: error: actors.KZ.objectives.goals[0].condition.asset: unknown asset "
     "'aktau-expanse' (did you mean 'aktau-expansion'?)"),
    ("condition: {kind: patron-share, below: 0.57}",
     "condition: {kind: patron-share, below: 57}",
     "bad.yaml:207:22: error: actors.KZ.objectives.goals[2].condition: the bound must lie in "
     "[0, 1], got 57"),
    ("condition: {kind: patron-share, below: 0.57}",
     "condition: {kind: patron-share, below: 0.5, above: 0.1}",
     "bad.yaml:207:22: error: actors.KZ.objectives.goals[2].condition: give exactly one of "
     "'above' or 'below'"),
    ("condition: {kind: sway, over: KZ, above: 0.42}",
     "condition: {kind: sway, over: AZ, above: 0.42}",
     "bad.yaml:153:41: error: actors.AZ.objectives.goals[1].condition.over: AZ holds no sway "
     "over itself"),
    ("          condition: {kind: sway, over: KZ, above: 0.42}\n          cites: [EDM-05, EDM-28]",
     "          condition: {kind: sway, over: KZ, above: 0.42}",
     "bad.yaml:152:11: error: actors.AZ.objectives.goals[1]: cite at least one source id or "
     "give a rationale"),
    (KZ_CALIBRATION, "",
     "error: victory.actors: must give par and sd for every actor; missing KZ"),
])
def test_bad_goals_and_victory_blocks_are_located(tmp_path: Path, old: str, new: str,
                                                  message: str) -> None:
    assert message in _broken(tmp_path, old, new)
