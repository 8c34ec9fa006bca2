"""A trade's bridge (docs/rules.md, Trade): the whole effect of `transit_influence_per_mt` on
an accepted trade is that every member the route crosses between the two parties, by the
order of the corridor's members, gains that much sway per Mt signed over each party (kin
counted), kept within 0..100.  Checked against the same move resolved with the rule off, in random
positions of both shipped scenarios (the tutorial, given the rule for the test, has only
two-member routes: there the rule must change nothing)."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_tabletop.engine.compiled import TRADE, Compiled
from caspian_tabletop.engine.resolve import resolve, signed_volume
from shipped import compiled, played, with_rules

RATE = 2.5  # for the tutorial, which does not set the rule


def compiled_with(name: str, rate: float | None) -> Compiled:
    """`name` with `transit_influence_per_mt` at `rate` (None: off; 0.0: the shipped value)."""
    return compiled(name) if rate == 0.0 else with_rules(name, transit_influence_per_mt=rate)


def bridges(c: Compiled, action: int) -> list[int]:
    """The members strictly between a trade's two parties along its corridor's member list
    (none where a party is not a member: the trade is not legal)."""
    members = [c.actors.index(m)
               for m in c.scenario.corridors[c.corridors[c.act_corridor[action]]].members]
    parties = (int(c.act_actor[action]), int(c.act_partner[action]))
    if not set(parties) <= set(members):
        return []
    first, last = sorted(members.index(p) for p in parties)
    return members[first + 1:last]


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(["caspian-2021", "tutorial"]), seed=st.integers(0, 10_000),
       turns=st.integers(0, 6))
def test_the_rule_adds_only_the_bridges_sway(name: str, seed: int, turns: int) -> None:
    on = compiled_with(name, 0.0 if name == "caspian-2021" else RATE)
    off = compiled_with(name, None)
    rate = on.rules.transit_influence_per_mt
    assert rate
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
        for bridge in bridges(on, a):
            for party in (int(on.act_actor[a]), int(on.act_partner[a])):
                kin = 1.0 + on.rules.kinship_bonus * on.kin_pair[bridge, party]
                gain = rate * float(signed[row]) * kin
                expected[row, bridge, party] = min(expected[row, bridge, party] + gain, 100.0)
    assert np.allclose(with_rule.influence, expected, rtol=0, atol=1e-9)
    for f in fields(with_rule):
        if f.name != "influence":
            assert np.array_equal(getattr(with_rule, f.name), getattr(without, f.name)), f.name


def test_some_trades_cross_a_bridge() -> None:
    """The property above is not empty: the shipped routes have members between others."""
    c = compiled_with("caspian-2021", 0.0)
    crossing = [a for a in np.flatnonzero(c.act_kind == TRADE) if bridges(c, int(a))]
    assert crossing
