"""The bots' forecast of a route's trade: the room built or under way, and there in time for a
deal, is taken by the game's end, the other seats taking their part of the deals made on it so
far, no faster than `PACE_GROWTH` times their pace so far, so that capacity is valued for what
it will carry; the actor's own part is left alone, but for its deal on the last turn, counted
on the turn before; the rules' state is left alone."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_tabletop.ai.advisor import advise
from caspian_tabletop.ai.foresight import (
    PACE_GROWTH,
    forecast,
    looks_ahead,
    project_in_place,
    usable_capacity,
)
from caspian_tabletop.ai.outlook import root_outlook
from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.assets import committed_capacity
from caspian_tabletop.engine.game import new_game
from caspian_tabletop.engine.resolve import resolve
from caspian_tabletop.engine.state import BatchState, initial_state
from shipped import compiled, played, scenario

C = compiled("caspian-2021")
LL = C.corridors.index("lapis-lazuli")


def action(text: str) -> int:
    found = C.action_of(parse_move(text))
    assert found is not None, text
    return found


def test_deals_are_recorded_for_their_proposer() -> None:
    start = initial_state(C)
    after, _ = resolve(C, start, np.array([action("TM trade AF lapis-lazuli 0.5")]),
                       np.array([0.5]), np.array([True]))
    tm, af = C.actor_index("TM"), C.actor_index("AF")
    assert after.traded[0, tm, LL] == 0.5
    assert after.throughput[0, LL] == pytest.approx(start.throughput[0, LL] + 0.5)
    assert after.traded[0, af].sum() == 0.0  # the partner proposed nothing
    refused, _ = resolve(C, start, np.array([action("TM trade AF lapis-lazuli 0.5")]),
                         np.array([0.5]), np.array([False]))
    assert refused.traded.sum() == 0.0
    assert start.traded.sum() == 0.0  # the rules return a new state


def test_the_recorded_deals_do_not_change_a_saved_game_s_digest() -> None:
    start = initial_state(C)
    dealt = start.copy()
    dealt.traded[0, 2, LL] = 3.0
    assert dealt.digest(C) == start.digest(C)


def test_the_forecast_gives_the_other_seats_their_part_of_the_deals() -> None:
    state = initial_state(C).copy()
    tm, af = C.actor_index("TM"), C.actor_index("AF")
    state.turn[0] = 5
    assert forecast(C, state, tm).share[0, LL] == 0.0  # nobody has traded on it yet
    state.traded[0, af, LL] = 2.0
    state.traded[0, tm, LL] = 7.0
    ahead = forecast(C, state, tm)
    assert ahead.share[0, LL] == pytest.approx(2.0 / 9)  # AF's part of the deals
    assert ahead.turns_left[0] == C.turns - 5
    # AF's 2 Mt/yr over the four turns played, PACE_GROWTH times as fast over the three left
    # and this one, in which AF has not moved yet
    assert ahead.reach[0, LL] == pytest.approx(PACE_GROWTH * 2.0 / 4 * (C.turns - 5 + 1))
    assert forecast(C, state, af).share[0, LL] == pytest.approx(7.0 / 9)
    state.turn[0] = C.turns
    state.acted[0, af] = True
    assert forecast(C, state, tm).reach[0, LL] == 0.0  # no turn left to fill it


def test_a_seat_still_to_move_this_turn_can_still_fill_a_route() -> None:
    """On the last turn the seats that move after the actor still trade: their move this
    turn counts as one more turn at their pace."""
    state = initial_state(C).copy()
    tm, af = C.actor_index("TM"), C.actor_index("AF")
    state.turn[0] = C.turns
    state.traded[0, af, LL] = 1.4  # over the seven turns played: 0.2 Mt/yr a turn
    assert forecast(C, state, tm).reach[0, LL] == pytest.approx(PACE_GROWTH * 0.2)
    state.acted[0, af] = True
    assert forecast(C, state, tm).reach[0, LL] == 0.0
    state.turn[0] = C.turns - 2  # two turns after this one, and AF has moved in this one
    assert forecast(C, state, tm).reach[0, LL] == pytest.approx(PACE_GROWTH * 1.4 / 5 * 2)


def test_capacity_that_comes_too_late_for_a_deal_is_not_room() -> None:
    """A deal needs its room when it is signed: capacity on order counts as room only if it
    arrives by the upkeep before the last turn."""
    state = initial_state(C).copy()
    state.turn[0] = C.turns - 1  # one turn after this one: this upkeep is in time, the next not
    state.pending[0, LL] = 0.0
    built = committed_capacity(C, state)[0, LL]
    for slot, in_time in ((0, True), (1, False), (state.pending.shape[2] - 1, False)):
        late = state.copy()
        late.pending[0, LL, slot] = 1.0
        assert committed_capacity(C, late)[0, LL] == pytest.approx(built + 1.0)
        assert usable_capacity(C, late, np.array([1.0]))[0, LL] == pytest.approx(
            built + (1.0 if in_time else 0.0))


def test_only_seats_that_judge_routes_by_volume_look_ahead() -> None:
    assert [a for a in C.actors if looks_ahead(C, C.actor_index(a))] == [
        "AZ", "KZ", "TM", "TR", "AF"]


@settings(max_examples=40, deadline=None)
@given(turns=st.integers(0, 6), seed=st.integers(0, 2**16), actor=st.integers(0, 6))
def test_a_projection_fills_the_others_part_of_the_room_and_never_past_it(
        turns: int, seed: int, actor: int) -> None:
    state = played(C, 4, turns, seed)
    ahead = forecast(C, state, actor)
    projected = state.copy()
    project_in_place(C, projected, ahead)
    committed = usable_capacity(C, state, ahead.turns_left)
    assert np.all(committed <= committed_capacity(C, state) + 1e-9)
    assert np.all(projected.throughput >= state.throughput)
    assert np.all(projected.throughput <= np.maximum(committed, state.throughput) + 1e-9)
    room = np.maximum(committed - state.throughput, 0.0)
    theirs = np.minimum(ahead.share * room, ahead.reach)
    expected = theirs + np.minimum(room - theirs, ahead.last_deal)
    assert np.allclose(projected.throughput, state.throughput + expected)
    assert np.all(ahead.last_deal[state.turn != C.turns - 1] == 0.0)


def invest_value(state: BatchState) -> float:
    """TM's one-step value of investing in Lapis Lazuli in `state`."""
    view = root_outlook(C, state, C.actor_index("TM"))
    return float(view.value[list(view.actions).index(action("TM invest lapis-lazuli"))])


def test_the_others_fill_no_faster_than_their_pace_allows() -> None:
    """A seat that has made no deal on a route does not expect the others to take all the
    room it builds, only what their trading can reach by the end."""
    state = initial_state(C).copy()
    state.turn[0] = 3
    state.traded[0, C.actor_index("AF"), LL] = 0.05  # a slow start: 0.025 Mt/yr a turn
    projected = state.copy()
    project_in_place(C, projected, forecast(C, state, C.actor_index("TM")))
    reach = PACE_GROWTH * 0.05 / 2 * (C.turns - 3 + 1)  # AF has this turn's move to come
    room = committed_capacity(C, state)[0, LL] - state.throughput[0, LL]
    assert reach < room
    assert projected.throughput[0, LL] == pytest.approx(state.throughput[0, LL] + reach)


def test_capacity_the_others_will_fill_is_worth_more_than_idle_capacity() -> None:
    quiet = initial_state(C).copy()
    quiet.turn[0] = 2  # capacity ordered now arrives in time for the last turn's deals
    busy = quiet.copy()
    busy.traded[0, C.actor_index("AF"), LL] = 4.0  # Afghanistan's deals want more room
    own = quiet.copy()
    own.traded[0, C.actor_index("TM"), LL] = 4.0  # the same deals, but TM's own
    assert invest_value(busy) > invest_value(quiet) + 0.5
    assert invest_value(own) == pytest.approx(invest_value(quiet))


def test_a_deal_on_a_route_the_others_will_fill_adds_no_volume() -> None:
    """Trade the other seats would carry anyway is not the actor's gain: only the deal's
    sway and goodwill remain."""
    quiet = initial_state(C).copy()
    quiet.turn[0] = 3
    busy = quiet.copy()
    busy.traded[0, C.actor_index("AF"), LL] = 40.0
    deal = action("TM trade AF lapis-lazuli 0.5")
    corridor = 1  # SCORE_TERMS index

    def corridor_gain(state: BatchState) -> float:
        view = root_outlook(C, state, C.actor_index("TM"))
        return float(view.expected[list(view.actions).index(deal), corridor])

    assert corridor_gain(quiet) > 0.5  # half a Mt/yr more by the end
    assert corridor_gain(busy) == pytest.approx(0.0, abs=1e-9)


def test_the_advisor_says_what_an_investment_is_expected_to_carry() -> None:
    game = new_game(scenario("caspian-2021"), seed=1)
    game.state.turn[0] = 2
    game.state.traded[0, C.actor_index("AF"), LL] = 4.0
    advice = {str(a.move): a for a in advise(game, "TM", 60)}
    invest = advice["TM invest lapis-lazuli"]
    assert invest.terms["corridor"] > 0.5
    assert "the trade Lapis Lazuli corridor can carry by the game's end" in invest.reason


def test_on_the_turn_before_the_last_a_seat_counts_its_own_last_deal() -> None:
    """A seat cannot put a deal off past the last turn, so on the turn before it expects to
    make that deal then; earlier it counts on no deal of its own."""
    state = initial_state(C).copy()
    tm = C.actor_index("TM")
    members = C.member[:, tm]
    for turn, counted in ((C.turns - 2, 0.0), (C.turns - 1, max(C.rules.trade_volumes)),
                          (C.turns, 0.0)):
        state.turn[0] = turn
        last = forecast(C, state, tm).last_deal[0]
        assert np.all(last[members] == counted) and np.all(last[~members] == 0.0)


def test_a_deal_the_seat_would_make_on_the_last_turn_anyway_adds_no_volume_now() -> None:
    """Kazakhstan's trap (docs/balance.md, step 24): with room for one deal left, a deal on
    the turn before the last takes the room its own last-turn deal would fill."""
    deal = action("TM trade AF lapis-lazuli 1")
    corridor = 1  # SCORE_TERMS index

    def corridor_gain(turn: int) -> float:
        state = initial_state(C).copy()
        state.turn[0] = turn
        state.pending[0, LL] = 0.0
        state.capacity[0, LL] = state.throughput[0, LL] + 1.0  # room for one 1 Mt/yr deal
        view = root_outlook(C, state, C.actor_index("TM"))
        return float(view.expected[list(view.actions).index(deal), corridor])

    assert corridor_gain(C.turns - 2) > 1.0  # nobody else trades there: it is all the deal's
    assert corridor_gain(C.turns - 1) == pytest.approx(0.0, abs=1e-9)
    assert corridor_gain(C.turns) > 1.0  # the last turn: no later deal to wait for


def test_the_advisor_says_why_such_a_deal_adds_no_trade() -> None:
    game = new_game(scenario("caspian-2021"), seed=1)
    ll = C.corridors.index("lapis-lazuli")
    game.state.turn[0] = C.turns - 1
    game.state.pending[0, ll] = 0.0
    game.state.capacity[0, ll] = game.state.throughput[0, ll] + 1.0
    advice = {str(a.move): a for a in advise(game, "TM", 80)}
    deal = advice["TM trade AF lapis-lazuli 1"]
    assert abs(deal.terms["corridor"]) < 1e-9
    assert "your own deal next turn, the last, can take this room" in deal.reason
    game.state.turn[0] = C.turns - 2  # two turns left: no such deal is counted on
    earlier = {str(a.move): a for a in advise(game, "TM", 80)}["TM trade AF lapis-lazuli 1"]
    assert earlier.terms["corridor"] > 1.0
    assert "the last" not in earlier.reason



def test_the_advisor_says_when_capacity_comes_too_late_for_any_deal() -> None:
    """In caspian-2021 capacity takes six upkeeps: ordered on turn 2 it arrives in time for
    the last turn's deals, ordered on turn 3 only after them."""
    assert C.rules.invest_delay == 6
    game = new_game(scenario("caspian-2021"), seed=1)
    game.state.traded[0, C.actor_index("AF"), LL] = 4.0
    for turn, late in ((2, False), (3, True)):
        game.state.turn[0] = turn
        reason = {str(a.move): a for a in advise(game, "TM", 60)}[
            "TM invest lapis-lazuli"].reason
        assert ("arrives too late for any deal" in reason) is late, reason
        assert ("can carry by the game's end" in reason) is not late, reason
