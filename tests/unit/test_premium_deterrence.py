"""Deals signed under a risk premium are smaller (`premium_deters`), and stay smaller once it
lifts; the bots count what a premium will have deterred as the part of it that lasts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.domain.moves import MoveKind, parse_move
from caspian_tabletop.engine.arrays import IntArr
from caspian_tabletop.engine.batch import play_to_end
from caspian_tabletop.engine.compiled import KIND_INDEX, Compiled
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.lasting import deterred, without_lapsing
from caspian_tabletop.engine.resolve import FORCE_SUCCESS, resolve
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import upkeep
from caspian_tabletop.render.resolution import sentence
from shipped import compiled, scenario, with_rules

C = compiled("caspian-2021")
MIDDLE = C.corridors.index("middle-corridor")
AZ, KZ, RU, IR = (C.actors.index(a) for a in ("AZ", "KZ", "RU", "IR"))
DEAL = "AZ trade KZ middle-corridor 0.5"


def deterring(share: float | None) -> Compiled:
    """caspian-2021 with `premium_deters` at `share` (None: the rule left out)."""
    return with_rules("caspian-2021", premium_deters=share)


def play(c: Compiled, state: BatchState, notation: str) -> BatchState:
    """`notation` played (accepted, its roll forced to succeed), the actor free to move
    again and its purse full, so that a table can chain moves within a turn."""
    action = c.action_of(parse_move(notation))
    assert action is not None
    after, outcome = resolve(c, state, np.array([action]), np.array([0.5]),
                             np.array([True]), np.array([FORCE_SUCCESS]))
    assert outcome.legal[0], notation
    after.acted[...] = False
    after.capital[...] = c.rules.capital_max
    return after


def signed(c: Compiled, before: list[str], upkeeps: int = 0) -> float:
    """Mt/yr the deal adds to the Middle Corridor after `before` and `upkeeps` upkeeps."""
    state = initial_state(c)
    for notation in before:
        state = play(c, state, notation)
    for _ in range(upkeeps):
        state = upkeep(c, state)
    return float(play(c, state, DEAL).throughput[0, MIDDLE] - state.throughput[0, MIDDLE])


@pytest.mark.parametrize(("share", "before", "upkeeps", "expected"), [
    (1.0, [], 0, 0.5),  # no premium: the deal in full
    (1.0, ["RU drill middle"], 0, 0.5 * 0.75),  # Russia's premium keeps a quarter away
    (1.0, ["RU drill middle", "IR drill middle"], 0, 0.5 * 0.75 * 0.75),  # each its share
    (0.5, ["RU drill middle"], 0, 0.5 * (1 - 0.5 * 0.25)),  # half the premium deters
    (None, ["RU drill middle"], 0, 0.5),  # the rule left out: signed in full
    (1.0, ["RU drill middle"], 1, 0.5 * 0.75),  # still standing after one upkeep
    (1.0, ["RU drill middle"], 2, 0.5),  # lifted: deals are signed in full again
    (1.0, ["RU drill south"], 0, 0.5),  # no premium on this route: nothing bypasses Iran there
])
def test_a_deal_signed_under_premiums(share: float | None, before: list[str], upkeeps: int,
                                      expected: float) -> None:
    assert signed(deterring(share), before, upkeeps) == pytest.approx(expected)


def test_the_smaller_deal_moves_sway_and_is_recorded_by_what_was_signed() -> None:
    full = play(C, initial_state(C), DEAL)
    drilled = play(C, initial_state(C), "RU drill middle")
    cut = play(C, drilled, DEAL)
    gain_full = full.influence[0, AZ, KZ] - initial_state(C).influence[0, AZ, KZ]
    gain_cut = cut.influence[0, AZ, KZ] - drilled.influence[0, AZ, KZ]
    assert gain_cut == pytest.approx(0.75 * gain_full)
    assert cut.traded[0, AZ, MIDDLE] == pytest.approx(0.375)


def test_what_was_not_signed_stays_unsigned_once_the_premium_lifts() -> None:
    state = play(C, play(C, initial_state(C), "RU drill middle"), DEAL)
    carried = float(state.throughput[0, MIDDLE])
    for _ in range(3):
        state = upkeep(C, state)
    assert state.premium[0, :, MIDDLE].sum() == 0
    assert state.throughput[0, MIDDLE] == pytest.approx(carried)


def test_the_explanation_names_what_was_signed() -> None:
    game = Game(scenario("caspian-2021"), seed=0)
    game.play(parse_move("RU drill middle"))
    game.play(parse_move("IR pass"))
    [res] = game.play(parse_move(DEAL), accept=True)
    assert res.inputs == {"signed": "0.375 of 0.5 Mt/yr under a 25% risk premium"}
    assert "(signed 0.375 of 0.5 Mt/yr under a 25% risk premium): accepted" in sentence(res)


def test_a_deal_under_no_premium_explains_nothing_more() -> None:
    game = Game(scenario("caspian-2021"), seed=0)
    game.play(parse_move("RU pass"))
    game.play(parse_move("IR pass"))
    [res] = game.play(parse_move(DEAL), accept=True)
    assert res.inputs == {}
    assert sentence(res).startswith(f"[{DEAL}: accepted;")


def opened(turn: int, traded: float) -> BatchState:
    """The opening on `turn`, with `traded` Mt/yr of deals made on the Middle Corridor."""
    state = initial_state(C)
    state.turn[...] = turn
    state.traded[0, AZ, MIDDLE] = traded
    return state


def test_the_bots_count_the_deals_a_premium_will_have_deterred() -> None:
    """At the pace of deals so far (2 Mt/yr over two turns played), Russia's two-upkeep
    premium keeps a quarter of two turns' deals unsigned."""
    state = play(C, opened(3, 2.0), "RU drill middle")
    assert deterred(C, state)[0, MIDDLE] == pytest.approx(0.25 * 1.0 * 2)
    seen = without_lapsing(C, state)
    assert seen.premium[0, RU, MIDDLE] == 0  # the premium itself lifts before the end
    assert seen.throughput[0, MIDDLE] == pytest.approx(state.throughput[0, MIDDLE] - 0.5)


def test_nothing_is_deterred_on_the_last_turn_past_the_end_or_without_deals() -> None:
    last = play(C, opened(C.turns, 2.0), "RU drill middle")
    pace = 2.0 / (C.turns - 1)
    assert deterred(C, last)[0, MIDDLE] == pytest.approx(0.25 * pace)  # the last turn alone
    assert deterred(C, play(C, opened(3, 0.0), "RU drill middle"))[0, MIDDLE] == 0
    assert not deterred(deterring(None), last).any()


@settings(max_examples=60, deadline=None)
@given(turn=st.integers(1, C.turns), traded=st.floats(0, 6),
       left=st.lists(st.integers(0, 3), min_size=2, max_size=2))
def test_deterred_trade_is_bounded_by_the_pace_and_the_premiums(turn: int, traded: float,
                                                                 left: list[int]) -> None:
    """What the bots count as deterred is never negative, none without a premium, and at
    most the whole pace for each turn the longest premium still stands."""
    state = opened(turn, traded)
    state.premium[0, RU, MIDDLE], state.premium[0, IR, MIDDLE] = left
    kept = deterred(C, state)[0]
    pace = traded / max(turn - 1, 1)
    turns = min(max(left), C.turns - turn + 1)
    assert kept.min() >= 0
    assert kept[MIDDLE] <= pace * turns + 1e-9
    assert np.delete(kept, MIDDLE).sum() == 0
    if max(left) == 0:
        assert kept[MIDDLE] == 0


def early_drill_share(c: Compiled, games: int = 100) -> float:
    """Share of normal-bot games in which Russia drills before the last two turns."""
    early = np.zeros(games, dtype=bool)
    drill = c.act_kind == KIND_INDEX[MoveKind.DRILL]

    class Watch:
        def decided(self, c: Compiled, st: BatchState, actor: int, action: IntArr,
                    games: IntArr) -> None:
            if actor == RU:
                early[games[drill[action] & ~st.over & (st.turn < c.turns - 1)]] = True

    policy = GreedyPolicy.for_scenario(c)
    play_to_end(c, initial_state(c, games), [policy] * len(c.actors),
                np.random.default_rng(4), observer=Watch())
    return float(early.mean())


def test_russia_signals_early_because_deals_remember_it() -> None:
    """With the rule, a drill early in the game buys what lasts, and Russia's normal bot
    drills before the last two turns in most games; without it, in none: what lapses
    before the final score buys nothing (docs/balance.md, step 28)."""
    assert early_drill_share(C) > 0.5
    assert early_drill_share(deterring(None)) == 0.0
