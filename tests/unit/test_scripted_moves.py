"""Scripted moves as data: a move on the tutorial's opening position in, exact deltas out.

Expected numbers are worked by hand from the tutorial's rule coefficients (see docs/rules.md):
trade_influence_per_mt 6, trade_relations_per_mt 8, bypass_influence_per_mt 3, drill_tension 1,
drill_influence 3, drill_backfire_influence 4, drill_lead_full 3, premium_turns 2, blockade
tension 3/2, influence gain 5, prestige loss 4, relations drop 25, blockade_hedger_loss 6,
blockade_trade_turns 2, invest_influence 1.5, summit relations 10, influence 1.5, tension relief
0.5, stake_turns 3, demand_influence 3, demand tension relief 0.2 and refused 0.5, relations 10,
grievance_turns 2, grievance_cost_factor 0.5, kinship_bonus 0.5 (AZ and KZ are kin); and its
opening position: zone strengths RU 6.22 north and middle, AZ 1.87 middle, KZ 1.06 north and
1.58 middle; KZ the one hedging state; the Middle Corridor (AZ, KZ) crosses the middle zone by
sea, and bypasses RU; RU is a member of the INSTC western branch.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.explain import diff
from caspian_tabletop.engine.legality import legal_mask
from caspian_tabletop.engine.resolve import FORCE_FAILURE, FORCE_SUCCESS, NO_FORCE, resolve
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.scenario.naval import naval_strength
from shipped import compiled, scenario

FORCE = {None: NO_FORCE, "success": FORCE_SUCCESS, "failure": FORCE_FAILURE}

# (notation, forced outcome, partner accepts, expected change per delta key)
CASES = [
    # Kin trade: sway grows by half again (6 × 0.5 × 1.5); RU, the rival, loses 1.5 over each.
    ("AZ trade KZ middle-corridor 0.5", None, True, {
        "throughput:middle-corridor": 0.5, "influence:AZ:KZ": 4.5, "influence:KZ:AZ": 4.5,
        "relations:AZ:KZ": 4, "influence:RU:AZ": -1.5, "influence:RU:KZ": -1.5,
        "capital:AZ": -1}),
    ("AZ trade KZ middle-corridor 0.5", None, False, {}),
    ("RU trade AZ instc-west 1", None, True, {
        "throughput:instc-west": 1, "influence:RU:AZ": 6, "influence:AZ:RU": 6,
        "relations:RU:AZ": 8, "capital:RU": -1}),
    # No route crosses the north by sea: no premium.  KZ watches; RU's lead there is 5.9,
    # past drill_lead_full (3), so the full 3.
    ("RU drill north", "success", None, {
        "tension": 1, "influence:RU:KZ": 3, "capital:RU": -2}),
    ("RU drill north", "failure", None, {
        "tension": 1, "influence:RU:KZ": -4, "influence:AZ:KZ": 4, "capital:RU": -2}),
    # In the middle: the Middle Corridor carries a risk premium; lead 6.22 / 1.58 = 3.9.
    ("RU drill middle", "success", None, {
        "tension": 1, "premium:RU:middle-corridor": 2, "influence:RU:KZ": 3, "capital:RU": -2}),
    # With KZ joining there is no hedger left to watch; KZ staying out leaves RU alone.
    ("RU drill middle KZ", "success", True, {
        "tension": 1, "premium:RU:middle-corridor": 2, "capital:RU": -2}),
    ("RU drill middle KZ", "success", False, {
        "tension": 1, "premium:RU:middle-corridor": 2, "influence:RU:KZ": 3, "capital:RU": -2}),
    # Coercion of the members (AZ, KZ) and the wider reaction: RU loses 6 over KZ, the
    # hedger (5 - 6 = -1), and RU's own route carries a premium for 2 turns.
    ("RU blockade middle-corridor middle", "success", None, {
        "tension": 3, "blocked:middle-corridor": 2, "premium:RU:instc-west": 2,
        "throughput:instc-west": -0.2,  # the backlash: a tenth of Russia's route's 2 Mt/yr
        "influence:RU:AZ": 5, "influence:RU:KZ": -1, "relations:RU:AZ": -25,
        "relations:RU:KZ": -25, "capital:RU": -3}),
    ("RU blockade middle-corridor middle", "failure", None, {
        "tension": 2, "premium:RU:instc-west": 2, "throughput:instc-west": -0.2,
        "influence:RU:AZ": -4, "influence:RU:KZ": -10,
        "relations:RU:AZ": -12.5, "relations:RU:KZ": -12.5, "capital:RU": -3}),
    ("KZ invest aktau-expansion", None, None, {
        "progress:aktau-expansion": 1, "capital:KZ": -2}),
    ("AZ invest middle-corridor", None, None, {"influence:AZ:KZ": 1.5, "capital:AZ": -2}),
    ("RU summit AZ", None, True, {
        "relations:RU:AZ": 10, "influence:RU:AZ": 1.5, "influence:AZ:RU": 1.5,
        "tension": -0.5, "capital:RU": -1}),
    ("RU summit AZ", None, False, {}),
    ("AZ summit KZ", None, True, {  # kin: 1.5 × 1.5
        "relations:AZ:KZ": 10, "influence:AZ:KZ": 2.25, "influence:KZ:AZ": 2.25,
        "tension": -0.5, "capital:AZ": -1}),
    ("RU demand AZ middle-corridor", None, True, {
        "stake:RU:middle-corridor": 3, "influence:RU:AZ": 3, "tension": -0.2,
        "capital:RU": -1}),
    ("RU demand AZ middle-corridor", None, False, {
        "grievance:RU:middle-corridor": 2, "relations:RU:AZ": -10, "tension": 0.5,
        "capital:RU": -1}),
    ("KZ pass", None, None, {}),
]


def play(state: BatchState, notation: str, force: str | None = None,
         accept: bool | None = None) -> BatchState:
    c = compiled("tutorial")
    action = c.action_of(parse_move(notation))
    assert action is not None
    after, outcome = resolve(c, state, np.array([action]), np.array([0.5]),
                             np.array([bool(accept)]), np.array([FORCE[force]]))
    assert outcome.legal[0], notation
    return after


@pytest.mark.parametrize(("notation", "force", "accept", "expected"), CASES)
def test_move_deltas(notation: str, force: str | None, accept: bool | None,
                     expected: dict[str, float]) -> None:
    c = compiled("tutorial")
    start = initial_state(c)
    changes = {d.key: d.change for d in diff(c, start, play(start, notation, force, accept))}
    assert changes == pytest.approx(expected)


def test_blockade_probability_is_logistic_in_log_strength_ratio() -> None:
    c, s = compiled("tutorial"), scenario("tutorial")
    strength = {a: naval_strength(s.actors[a], s.naval_formula).value for a in s.actors}
    attack = strength["RU"] * s.actors["RU"].presence["middle"]
    defence = (strength["AZ"] * s.actors["AZ"].presence["middle"]
               + strength["KZ"] * s.actors["KZ"].presence["middle"])
    r = s.rules
    logit = r.blockade_bias + r.blockade_slope * math.log(attack / defence)
    expected = 1 / (1 + math.exp(-logit))
    action = c.action_of(parse_move("RU blockade middle-corridor middle"))
    _, outcome = resolve(c, initial_state(c), np.array([action]), np.array([0.99]),
                         np.array([False]))
    assert outcome.probability[0] == pytest.approx(min(max(expected, r.blockade_p_min),
                                                       r.blockade_p_max))
    assert outcome.attack[0] == pytest.approx(attack)
    assert outcome.defence[0] == pytest.approx(defence)


def test_drilled_blockader_gets_the_drill_bonus() -> None:
    c = compiled("tutorial")
    drilled = play(initial_state(c), "RU drill middle", "success")
    drilled.acted[...] = False  # a later turn: RU may move again, with fresh capital
    drilled.capital[...] = 4.0
    action = c.action_of(parse_move("RU blockade middle-corridor middle"))
    plain = resolve(c, initial_state(c), np.array([action]), np.array([0.5]),
                    np.array([False]))[1]
    boosted = resolve(c, drilled, np.array([action]), np.array([0.5]), np.array([False]))[1]
    assert boosted.attack[0] == pytest.approx(plain.attack[0] * (1 + c.rules.drill_bonus))
    assert boosted.probability[0] > plain.probability[0]


def test_a_refused_demand_halves_the_wider_cost_of_a_blockade_of_that_route() -> None:
    c = compiled("tutorial")
    refused = play(initial_state(c), "RU demand AZ middle-corridor", accept=False)
    refused.acted[...] = False  # a later turn: RU may move again, with fresh capital
    refused.capital[...] = 4.0
    after = play(refused, "RU blockade middle-corridor middle", "success")
    changes = {d.key: d.change for d in diff(c, refused, after)}
    assert changes["influence:RU:KZ"] == pytest.approx(5 - 6 * 0.5)


def test_second_investment_completes_the_asset_and_adds_capacity() -> None:
    c = compiled("tutorial")
    once = play(initial_state(c), "KZ invest aktau-expansion")
    once.acted[...] = False  # a later turn: KZ may move again
    twice = play(once, "KZ invest aktau-expansion")
    changes = {d.key: d.change for d in diff(c, once, twice)}
    assert changes["capacity:middle-corridor"] == pytest.approx(1.0)
    assert "online:aktau-expansion" in changes


# Legal-move counts (perft-style) at fixed positions of the tutorial, worked by hand:
# RU: 3 trades (AZ on instc-west) + 4 drills (solo north/middle, with KZ north/middle; AZ is
# below the drill relation threshold) + 1 blockade (alone: its possible partners are members)
# + 1 invest + 2 summits + 2 demands (a stake in the Middle Corridor, of AZ or KZ) + pass = 14.
# AZ: 6 trades + 2 drills (solo and with KZ, middle only) + 2 invests + 2 summits + pass = 13
# (a member of both routes, it has nothing to demand).
# KZ: 3 trades + 5 drills + 2 invests (corridor and Aktau) + 2 summits + pass = 13.
PERFT = [
    ((), {"RU": 14, "AZ": 13, "KZ": 13}),
    ((("RU blockade middle-corridor middle", "success"),), {"RU": 0, "AZ": 10, "KZ": 10}),
    ((("RU summit AZ", None),), {"RU": 0, "AZ": 14, "KZ": 13}),
]


@pytest.mark.parametrize(("prelude", "counts"), PERFT)
def test_legal_move_counts(prelude: tuple[tuple[str, str | None], ...],
                           counts: dict[str, int]) -> None:
    c = compiled("tutorial")
    state = initial_state(c)
    for notation, force in prelude:
        state = play(state, notation, force, accept=True)
    got = {a: int(legal_mask(c, state, c.actor_index(a)).sum()) for a in counts}
    assert got == counts
