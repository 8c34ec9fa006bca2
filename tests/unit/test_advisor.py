"""The advisor's expected values against a brute-force, one-move-at-a-time evaluation."""

from __future__ import annotations

import numpy as np
import pytest

from caspian_tabletop import paths
from caspian_tabletop.ai.advisor import advise
from caspian_tabletop.ai.factory import make_bot
from caspian_tabletop.domain.moves import Move, MoveKind
from caspian_tabletop.engine.decisions import partner_accepts
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.lasting import without_lapsing
from caspian_tabletop.engine.resolve import FORCE_FAILURE, FORCE_SUCCESS, resolve
from caspian_tabletop.engine.scoring import contributions
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import upkeep
from caspian_tabletop.scenario.load import load_scenario


def lasting_upkeep(game: Game, st: BatchState) -> BatchState:
    """The end of the turn as the bots see it: without what lifts before the final score."""
    return upkeep(game.compiled, without_lapsing(game.compiled, st))


def brute_force(game: Game, actor: str) -> dict[Move, tuple[float, float | None]]:
    """Each legal move's expected end-of-turn score change against passing, and its odds."""
    c = game.compiled
    a = c.actor_index(actor)
    st = game.state
    base = contributions(c, lasting_upkeep(game, st))[0, a].sum()
    out: dict[Move, tuple[float, float | None]] = {}
    for move in game.legal_moves(actor):
        action = np.array([c.action_of(move)])
        accept = bool(partner_accepts(c, st, action)[0]) if move.asks else True
        chance = move.kind in (MoveKind.DRILL, MoveKind.BLOCKADE)
        worth, odds = [], None
        for force in (FORCE_SUCCESS, FORCE_FAILURE) if chance else (FORCE_SUCCESS,):
            after, outcome = resolve(c, st, action, np.array([0.5]), np.array([accept]),
                                     np.array([force]))
            worth.append(contributions(c, lasting_upkeep(game, after))[0, a].sum() - base)
            if chance:
                odds = float(outcome.probability[0])
        p = 1.0 if odds is None else odds
        out[move] = (p * worth[0] + (1.0 - p) * (worth[-1]), odds)
    return out


@pytest.fixture(scope="module")
def positions() -> list[Game]:
    """Tutorial positions after random play, from the opening to the last turn."""
    scenario = load_scenario(paths.resolve_scenario("tutorial"))
    games = []
    for seed in range(6):
        game = Game(scenario, seed=seed)
        bot = make_bot("random", np.random.default_rng(seed))
        for _ in range(seed * 2):
            game.play(bot.choose(game, str(game.to_move)))
        games.append(game)
    return games


def test_expected_values_match_brute_force(positions: list[Game]) -> None:
    chance_seen = 0
    for game in positions:
        actor = str(game.to_move)
        expected = brute_force(game, actor)
        advice = advise(game, actor, n=len(expected))
        assert {x.move for x in advice} == set(expected)
        for item in advice:
            value, odds = expected[item.move]
            assert item.expected == pytest.approx(value, abs=1e-9)
            assert sum(item.terms.values()) == pytest.approx(value, abs=1e-9)
            if odds is None:
                assert item.probability is None
            else:
                chance_seen += 1
                assert item.probability == pytest.approx(odds, abs=1e-12)
                assert game.preview(item.move).probability == pytest.approx(odds, abs=1e-12)
    assert chance_seen > 0


def test_top_three_are_best_first_with_reasons(positions: list[Game]) -> None:
    for game in positions:
        actor = str(game.to_move)
        advice = advise(game, actor)
        assert len(advice) == 3
        values = [x.expected for x in advice]
        assert values == sorted(values, reverse=True)
        best = max(v for v, _ in brute_force(game, actor).values())
        assert values[0] == pytest.approx(best, abs=1e-9)
        for item in advice:
            assert item.reason and "\n" not in item.reason


def test_reason_names_terms_and_targets() -> None:
    game = Game(load_scenario(paths.resolve_scenario("caspian-2021")), seed=1)
    top = advise(game, "AZ", n=1)[0]
    assert top.reason.startswith("raises your ")
    assert "share of Caspian trade (" in top.reason


def test_no_advice_when_the_actor_cannot_move() -> None:
    game = Game(load_scenario(paths.resolve_scenario("tutorial")), seed=0)
    game.play(Move(MoveKind.PASS, "RU"))
    assert advise(game, "RU") == []


def _drill_advice(game: Game, actor: str) -> list[str]:
    """The advisor's reasons for each of `actor`'s drills now."""
    return [x.reason for x in advise(game, actor, n=len(game.legal_moves(actor)))
            if x.move.kind is MoveKind.DRILL]


def test_reason_says_when_a_premium_lifts_before_the_final_score() -> None:
    game = Game(load_scenario(paths.resolve_scenario("caspian-2021")), seed=1)
    early = _drill_advice(game, "RU")
    # A drill on turn 1 puts a two-turn premium on the routes it crosses: it lifts with the
    # second upkeep, long before the score at the end reads the routes.
    crossing = [r for r in early if "risk premium" in r]
    assert crossing
    assert all(r.endswith("its risk premium lifts at the end of 2021 Q2, before the final "
                          "score, but deals signed under it stay smaller") for r in crossing)
    def advice_on(turn: int) -> list[str]:
        while game.turn < turn:
            game.play(Move(MoveKind.PASS, str(game.to_move)))
        return _drill_advice(game, "RU")

    # On turn 6 the premium lifts with turn 7's upkeep, one quarter before the end.
    assert any(r.endswith("lifts at the end of 2022 Q3, before the final score, but deals "
                          "signed under it stay smaller") for r in advice_on(6))
    # From turn 7 on it is still in force in the last quarter, which the final score reads:
    # the last upkeep lifts nothing.
    for turn in (7, 8):
        late = advice_on(turn)
        assert late and not any("lifts" in r for r in late)
