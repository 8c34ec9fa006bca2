"""A trade's bridge and its destination (docs/rules.md, Trade): the whole effect of
`transit_influence_per_mt` and `onward_influence_per_mt` on an accepted trade is that every
member the route crosses between the two parties, and every member listed after both (where
the cargo goes on to), gains its rule's rate of sway per Mt signed over each party (kin
counted), kept within 0..100.  Checked against the same move resolved with both rules off, in
random positions of both shipped scenarios (the tutorial, given the rules for the test, has
only two-member routes: there they must change nothing)."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_tabletop.engine.compiled import TRADE, Compiled
from caspian_tabletop.engine.resolve import resolve, signed_volume
from shipped import compiled, played, with_rules

RATES = {"transit_influence_per_mt": 2.5, "onward_influence_per_mt": 1.5}  # for the tutorial


def route_of(c: Compiled, action: int) -> tuple[list[int], tuple[int, int]]:
    """A trade's corridor members in route order and its two parties."""
    members = [c.actors.index(m)
               for m in c.scenario.corridors[c.corridors[c.act_corridor[action]]].members]
    return members, (int(c.act_actor[action]), int(c.act_partner[action]))


def bridges(c: Compiled, action: int) -> list[int]:
    """The members strictly between a trade's two parties along its corridor's member list
    (none where a party is not a member: the trade is not legal)."""
    members, parties = route_of(c, action)
    if not set(parties) <= set(members):
        return []
    first, last = sorted(members.index(p) for p in parties)
    return members[first + 1:last]


def beyond(c: Compiled, action: int) -> list[int]:
    """The members listed after both parties: where the trade's cargo goes on to."""
    members, parties = route_of(c, action)
    if not set(parties) <= set(members):
        return []
    return members[max(members.index(p) for p in parties) + 1:]


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(["caspian-2021", "tutorial"]), seed=st.integers(0, 10_000),
       turns=st.integers(0, 6))
def test_the_rules_add_only_the_bridges_and_the_destinations_sway(name: str, seed: int,
                                                                   turns: int) -> None:
    on = compiled(name) if name == "caspian-2021" else with_rules(name, **RATES)
    off = with_rules(name, **dict.fromkeys(RATES))
    transit, onward = on.rules.transit_influence_per_mt, on.rules.onward_influence_per_mt
    assert transit and onward
    start = played(on, 32, turns, seed)
    trades = np.flatnonzero(on.act_kind == TRADE)
    rng = np.random.default_rng(seed)
    action = rng.choice(trades, size=start.size)
    roll = rng.random(start.size)
    yes = np.ones(start.size, dtype=bool)
    with_rule, outcome = resolve(on, start, action, roll, yes)
    without, _ = resolve(off, start, action, roll, yes)

    signed = signed_volume(on, start, np.arange(start.size), action)  # under any premium
    expected = without.influence.copy()
    for row in np.flatnonzero(outcome.accepted):
        a = int(action[row])
        gainers = [(m, transit) for m in bridges(on, a)] + [(m, onward) for m in beyond(on, a)]
        for member, rate in gainers:
            for party in (int(on.act_actor[a]), int(on.act_partner[a])):
                kin = 1.0 + on.rules.kinship_bonus * on.kin_pair[member, party]
                gain = rate * float(signed[row]) * kin
                expected[row, member, party] = min(expected[row, member, party] + gain, 100.0)
    assert np.allclose(with_rule.influence, expected, rtol=0, atol=1e-9)
    for f in fields(with_rule):
        if f.name != "influence":
            assert np.array_equal(getattr(with_rule, f.name), getattr(without, f.name)), f.name


def test_some_trades_cross_a_bridge_and_some_go_on_beyond() -> None:
    """The property above is not empty: the shipped routes have members between others and
    members after others."""
    c = compiled("caspian-2021")
    trades = [int(a) for a in np.flatnonzero(c.act_kind == TRADE)]
    assert any(bridges(c, a) for a in trades)
    assert any(beyond(c, a) for a in trades)
