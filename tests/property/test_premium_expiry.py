"""Risk premiums expire (docs/rules.md §4 and §5), in the rules themselves rather than in the
bots' view of what lasts (tests/unit/test_risk_premiums.py): a drill's premium on the routes
that bypass its leader and cross its zone by sea, and a blockade's on the blockading side's
own routes, stand for `premium_turns` and `blockade_trade_turns` upkeeps, except that the last
turn's upkeep lifts nothing; and while one stands it keeps `risk_premium` of what the route
would otherwise carry out of revenue."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from caspian_tabletop.domain.moves import Move, MoveKind
from caspian_tabletop.engine.arrays import BoolArr
from caspian_tabletop.engine.batch import event_phase
from caspian_tabletop.engine.compiled import BLOCKADE, DRILL, Compiled, compile_scenario
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.legality import legal_mask
from caspian_tabletop.engine.resolve import FORCE_FAILURE, FORCE_SUCCESS, resolve
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import upkeep
from caspian_tabletop.scenario.schema import Scenario
from shipped import scenario

# Both shipped scenarios have drills and blockades that set premiums.
CASES = [(name, kind) for name in ("tutorial", "caspian-2021")
         for kind in (MoveKind.DRILL, MoveKind.BLOCKADE)]
# The moves before the show of force and after it, as indices into each position's legal
# moves (taken modulo their number; the quotient's parity answers any partner).
PICKS = st.lists(st.integers(0, 10_000), max_size=40)


@cache
def board(name: str, premium_turns: int, blockade_trade_turns: int
          ) -> tuple[Scenario, Compiled]:
    """The shipped scenario `name` with the two premiums' lengths set apart from the shipped
    ones (both 2), so that a premium that takes the other's length, or a fixed one, shows."""
    shipped = scenario(name)
    rules = shipped.rules.model_copy(update={"premium_turns": premium_turns,
                                             "blockade_trade_turns": blockade_trade_turns})
    changed = shipped.model_copy(update={"rules": rules})
    return changed, compile_scenario(changed)


def premium_routes(c: Compiled, move: Move, partner: int) -> BoolArr:
    """[C] the routes `move` puts its leader's premium on, `partner` (-1: none) joining: a
    drill's, those that bypass the leader (of the other orientation) and cross its zone by
    sea; a blockade's, the routes of the blockading side."""
    leader = c.actor_index(move.actor)
    if move.kind is MoveKind.DRILL:
        return np.asarray(c.sea_zone[:, c.zones.index(str(move.zone))] & c.rival[:, leader])
    side = c.member[:, leader] | (c.member[:, partner] if partner >= 0 else False)
    return np.asarray(side)


def position(sc: Scenario, c: Compiled, seed: int, picks: list[int], quiet: int,
             kind: MoveKind) -> tuple[BatchState, list[Move]]:
    """The state of a game (chance from `seed`) after the legal moves `picks` points at and
    `quiet` turns (or the turns before the last) of passes, so that late turns come up too,
    then passes until the seat to move has a legal move of `kind` that puts a premium on some
    route; those moves (none if the game ended first)."""
    game = Game(sc, seed=seed, compiled=c)
    for pick in picks:
        if game.is_over:
            break
        options = game.legal_moves(str(game.to_move))
        game.play(options[pick % len(options)], accept=(pick // len(options)) % 2 == 0)
    for _ in range(quiet):
        turn = game.turn
        if turn >= c.turns:
            break
        while game.turn == turn and not game.is_over:
            game.play(Move(MoveKind.PASS, str(game.to_move)))
    for _ in range(2 * len(c.actors)):
        if game.is_over:
            break
        actor = str(game.to_move)
        shows = [m for m in game.legal_moves(actor)
                 if m.kind is kind and premium_routes(c, m, -1).any()]
        if shows:
            return game.state.copy(), shows
        game.play(Move(MoveKind.PASS, actor))
    return game.state, []


def rest_of_turn(c: Compiled, s: BatchState, leader: int, picks: Iterator[int],
                 rng: np.random.Generator) -> BatchState:
    """`s` after every seat still to move this turn has played the legal move its next pick
    points at (a pass once the picks run out); the `leader` neither drills nor blockades."""
    for actor in map(int, c.initiative):
        if s.over[0]:
            break
        if s.acted[0, actor]:
            continue
        actions = np.asarray(c.actions_of(actor))[legal_mask(c, s, actor)[0]]
        if actor == leader:
            actions = actions[~np.isin(c.act_kind[actions], (DRILL, BLOCKADE))]
        pick = next(picks, None)
        if pick is None:
            action, accept = c.pass_action(actor), False
        else:
            action, accept = int(actions[pick % actions.size]), (pick // actions.size) % 2 == 0
        s, out = resolve(c, s, np.array([action]), np.array([rng.random()]), np.array([accept]))
        assert out.legal[0]
    return s


def revenue_kept_out(c: Compiled, s: BatchState, leader: int, route: int) -> None:
    """At the upkeep of `s`, `leader`'s premium standing on `route` keeps `risk_premium` of
    what the route would pay without it out of revenue.  Revenue is linear in what a route
    carries, so it must be the revenue with the route carrying nothing plus 1 - risk_premium
    of what the route adds to it without this premium (other states' premiums stay)."""
    assert s.premium[0, leader, route] > 0
    without = s.copy()
    without.premium[0, leader, route] = 0
    empty = without.copy()
    empty.throughput[0, route] = 0.0
    paid, unpremiumed, nothing = (upkeep(c, x).revenue[0] for x in (s, without, empty))
    kept = 1.0 - c.rules.risk_premium
    np.testing.assert_allclose(paid, nothing + kept * (unpremiumed - nothing), atol=1e-9)


@settings(max_examples=100, deadline=None)
@given(case=st.sampled_from(CASES), seed=st.integers(0, 10_000), picks=PICKS,
       quiet=st.integers(0, 7), premium_turns=st.integers(1, 3),
       blockade_trade_turns=st.integers(1, 3), choice=st.integers(0, 10_000),
       accept=st.booleans(), force=st.sampled_from([FORCE_SUCCESS, FORCE_FAILURE]),
       later=PICKS)
def test_a_show_of_force_s_premium_lifts_after_its_upkeeps(
    case: tuple[str, MoveKind], seed: int, picks: list[int], quiet: int, premium_turns: int,
    blockade_trade_turns: int, choice: int, accept: bool, force: int, later: list[int]
) -> None:
    """After a drill or a blockade on turn t (its roll ruled, any partner's answer drawn),
    while the other seats play on and the leader neither drills nor blockades again, the
    leader's premium on each route the move sets stands at the move's length (renewing, not
    deepening, one already there) less the upkeeps before the last turn's: gone after that
    many upkeeps if they all come before it.  At every upkeep where it stands it keeps its
    share of the route's trade out of revenue.  The move touches no other premium."""
    name, kind = case
    sc, c = board(name, premium_turns, blockade_trade_turns)
    s, shows = position(sc, c, seed, picks, quiet, kind)
    assume(shows)
    move = shows[choice % len(shows)]
    leader = c.actor_index(move.actor)
    partner = -1 if move.partner is None or not accept else c.actor_index(move.partner)
    routes = premium_routes(c, move, partner)
    length = premium_turns if kind is MoveKind.DRILL else blockade_trade_turns
    before, turn = s.premium.copy(), int(s.turn[0])
    action = c.action_of(move)
    assert action is not None
    s, out = resolve(c, s, np.array([action]), np.array([0.5]), np.array([accept]),
                     np.array([force]))
    assert out.legal[0]
    start = np.where(routes, np.maximum(before[0, leader], length), before[0, leader])
    expected = before.copy()
    expected[0, leader] = start
    assert np.array_equal(s.premium, expected), (s.premium, expected)

    rng = np.random.default_rng(seed)
    picks_after = iter(later)
    for upkeeps in range(1, length + 2):
        s = rest_of_turn(c, s, leader, picks_after, rng)
        if s.over[0]:  # an armed clash ended the game: nothing counts down any more
            break
        for route in np.flatnonzero(routes & (s.premium[0, leader] > 0)):
            revenue_kept_out(c, s, leader, int(route))
        s = upkeep(c, s)
        lifted = min(upkeeps, c.turns - turn)  # the last turn's upkeep lifts nothing
        left = s.premium[0, leader][routes]
        assert np.array_equal(left, np.maximum(start[routes] - lifted, 0)), (upkeeps, left)
        if upkeeps >= length and turn + length - 1 < c.turns:  # all before the last turn's
            assert not left[start[routes] == length].any()
        if s.over[0]:
            break
        event_phase(c, s, rng)
