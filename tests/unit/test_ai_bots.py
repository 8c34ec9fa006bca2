"""Bots: strengths, determinism, objective answers, and a full solo game with six AI seats."""

from __future__ import annotations

import numpy as np
import pytest

from caspian_tabletop.ai.bots import (
    EXPERT_CANDIDATES,
    EXPERT_PLANNED,
    EXPERT_ROLLOUTS,
    HARD_PLAYOUTS,
    ExpertBot,
    HardBot,
    expert_candidates,
)
from caspian_tabletop.ai.budget import NORMAL_PLAN_TURNS, plan_choice_values, with_full_purse
from caspian_tabletop.ai.factory import bot_seed, make_bot
from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.ai.outlook import root_outlook
from caspian_tabletop.domain.moves import Move, MoveKind
from caspian_tabletop.engine.compiled import BLOCKADE
from caspian_tabletop.engine.game import Game, objective_responder
from shipped import scenario


def _position(name: str, seed: int, steps: int) -> Game:
    """A game after `steps` random legal moves."""
    game = Game(scenario(name), seed=seed)
    bot = make_bot("random", np.random.default_rng(seed))
    for _ in range(steps):
        if game.is_over:
            break
        actor = str(game.to_move)
        game.play(bot.choose(game, actor))
    return game


def test_make_bot_builds_each_strength() -> None:
    for strength in ("easy", "normal", "hard", "expert", "random"):
        assert make_bot(strength, np.random.default_rng(0)).strength == strength
    with pytest.raises(ValueError, match="unknown bot strength"):
        make_bot("grandmaster", np.random.default_rng(0))


@pytest.mark.parametrize("strength", ["easy", "normal", "hard"])
@pytest.mark.parametrize("name", ["tutorial", "caspian-2021"])
def test_same_seed_same_choice(name: str, strength: str) -> None:
    for steps in (0, 9):
        game = _position(name, 4, steps)
        actor = str(game.to_move)
        first = make_bot(strength, bot_seed(11, 2)).choose(game, actor)
        again = make_bot(strength, bot_seed(11, 2)).choose(game, actor)
        assert first == again
        assert first in game.legal_moves(actor)


@pytest.mark.parametrize(("steps", "short"), [(5, False), (17, False), (23, True)])
def test_normal_plays_the_best_planned_move_as_the_batch_policy_does(
        steps: int, short: bool) -> None:
    game = _position("caspian-2021", 2, steps)
    actor = str(game.to_move)
    if short:  # left with 1 capital: what to save for is the question
        game.adjust("capital", 1 - game.capital(actor), "test", actor=actor)
    c = game.compiled
    a = c.actor_index(actor)
    view = root_outlook(c, with_full_purse(c, game.state, a), a)
    planned = plan_choice_values(c, game.state, a, view.actions, view.value[None, :],
                                 NORMAL_PLAN_TURNS)[0]
    move = make_bot("normal", np.random.default_rng(0)).choose(game, actor)
    chosen = int(np.flatnonzero(view.actions == c.action_of(move))[0])
    assert planned[chosen] == pytest.approx(planned.max(), abs=1e-9)
    batch = GreedyPolicy.for_scenario(c).choose(c, game.state, a, np.random.default_rng(0))
    assert planned[int(np.flatnonzero(view.actions == batch[0])[0])] == pytest.approx(
        planned.max(), abs=1e-9)


def test_easy_only_plays_sensible_moves() -> None:
    game = _position("tutorial", 3, 4)
    actor = str(game.to_move)
    c = game.compiled
    view = root_outlook(c, game.state, c.actor_index(actor))
    worth = {c.move_of(int(a)): float(v) for a, v in zip(view.actions, view.value, strict=True)}
    bot = make_bot("easy", np.random.default_rng(1))
    for _ in range(20):
        assert worth[bot.choose(game, actor)] >= -0.5


def test_the_hard_bot_plays_out_the_experts_candidates_a_quarter_as_often() -> None:
    game = _position("caspian-2021", 1, 0)
    bot = make_bot("hard", np.random.default_rng(0))
    assert isinstance(bot, HardBot)
    move = bot.choose(game, "RU")
    assert move in game.legal_moves("RU")
    c = game.compiled
    candidates = expert_candidates(c, game.state, c.actor_index("RU"))
    assert candidates.size > 1
    assert bot.rollouts == candidates.size * HARD_PLAYOUTS == candidates.size * EXPERT_ROLLOUTS / 4


def test_every_seats_hard_and_expert_bots_make_legal_moves() -> None:
    """A whole first round: each seat in turn asks the hard bot (with few playouts) and, in
    the three-seat tutorial, the expert, then plays the normal bot's move."""
    for name in ("caspian-2021", "tutorial"):
        game = Game(scenario(name), seed=5)
        strengths = [HardBot(np.random.default_rng(1), playouts=2)]
        if name == "tutorial":
            strengths.append(ExpertBot(np.random.default_rng(1)))
        for _ in game.compiled.actors:
            actor = str(game.to_move)
            for bot in strengths:
                assert bot.choose(game, actor) in game.legal_moves(actor), (name, actor, bot)
            game.play(make_bot("normal", np.random.default_rng(0)).choose(game, actor))


def test_the_expert_weighs_the_normal_bots_choice_within_its_budget() -> None:
    """Its candidates hold the best one-step move and the normal bot's planned choice; it
    plays out each a fixed number of times, which bounds its work per decision."""
    game = _position("caspian-2021", 2, 23)
    actor = str(game.to_move)
    c = game.compiled
    a = c.actor_index(actor)
    game.adjust("capital", 1 - game.capital(actor), "test", actor=actor)  # saving matters
    candidates = set(int(x) for x in expert_candidates(c, game.state, a))
    view = root_outlook(c, game.state, a)
    assert int(view.actions[int(np.argmax(view.value))]) in candidates
    normal = make_bot("normal", np.random.default_rng(0)).choose(game, actor)
    assert c.action_of(normal) in candidates
    assert len(candidates) <= EXPERT_CANDIDATES + EXPERT_PLANNED + len(set(c.act_kind))
    bot = ExpertBot(np.random.default_rng(0))
    assert bot.choose(game, actor) in game.legal_moves(actor)
    assert bot.rollouts == len(candidates) * EXPERT_ROLLOUTS


def test_bots_answer_trades_by_objectives() -> None:
    game = _position("caspian-2021", 6, 3)
    actor = str(game.to_move)
    trades = [m for m in game.legal_moves(actor) if m.kind is MoveKind.TRADE]
    assert trades
    for strength in ("easy", "normal", "hard"):
        bot = make_bot(strength, np.random.default_rng(0))
        for move in trades[:10]:
            assert bot.answer(game, move) == objective_responder(game, move)


def test_solo_game_with_six_ai_seats_runs_within_seconds() -> None:
    """One scripted human seat (first legal move, accepts every deal), six mixed bots."""
    s = scenario("caspian-2021")
    human = "AZ"
    mix = {"RU": "hard", "IR": "normal", "KZ": "easy", "TM": "normal", "TR": "easy",
           "AF": "normal"}
    actors = list(s.actors)
    bots = {a: make_bot(level, bot_seed(7, actors.index(a))) for a, level in mix.items()}

    def respond(game: Game, move: Move) -> bool:
        return True if move.partner == human else bots[str(move.partner)].answer(game, move)

    game = Game(s, seed=7, responder=respond)
    while not game.is_over:
        actor = str(game.to_move)
        move = game.legal_moves(actor)[0] if actor == human else bots[actor].choose(game, actor)
        game.play(move)
    assert game.turn > game.compiled.turns or game.clash  # timings: benchmarks/ai.py
    assert all(np.isfinite(v) for v in game.scores().values())


def test_the_search_plays_out_every_kind_of_legal_move() -> None:
    """One step ahead, a blockade late in the game ranks far below a trade: the search must
    still play it out, or it could never find what the blockade forestalls."""
    game = Game(scenario("caspian-2021"), seed=3)
    normal = make_bot("normal", np.random.default_rng(3))
    while not (game.turn == 7 and game.to_move == "RU"):
        game.play(normal.choose(game, str(game.to_move)))
    c = game.compiled
    ru = c.actor_index("RU")
    game.adjust("capital", 8 - game.capital("RU"), "test", actor="RU")
    view = root_outlook(c, game.state, ru)
    candidates = expert_candidates(c, game.state, ru)
    assert set(c.act_kind[candidates]) == set(c.act_kind[view.actions])
    assert BLOCKADE in set(c.act_kind[candidates])
    for kind in set(c.act_kind[view.actions]):
        best = view.actions[c.act_kind[view.actions] == kind][
            int(np.argmax(view.value[c.act_kind[view.actions] == kind]))]
        assert int(best) in set(candidates.tolist())
    assert len(set(candidates.tolist())) == candidates.size
