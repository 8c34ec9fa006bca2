"""The hard bot on a batch: the single-game hard bot's choice in every running game, drawn
from its own generator only."""

from __future__ import annotations

import numpy as np

from caspian_tabletop.ai.bots import HardBot
from caspian_tabletop.ai.factory import make_bot
from caspian_tabletop.ai.hard_policy import HardPolicy
from caspian_tabletop.engine.game import Game
from shipped import scenario


def _games(seeds: list[int], steps: int) -> list[Game]:
    """Tutorial games after `steps` random legal moves each."""
    games = []
    for seed in seeds:
        game = Game(scenario("tutorial"), seed=seed)
        bot = make_bot("random", np.random.default_rng(seed))
        for _ in range(steps):
            game.play(bot.choose(game, str(game.to_move)))
        games.append(game)
    return games


def test_each_running_game_gets_the_hard_bots_choice_and_the_runs_draws_are_untouched(
) -> None:
    games = _games([1, 2, 3], 5)
    actor = str(games[0].to_move)
    assert all(g.to_move == actor for g in games)
    c = games[0].compiled
    batch = games[0].state.blank(len(games))
    for i, g in enumerate(games):
        batch.place(i, g.state)
    run_rng = np.random.default_rng(7)
    before = run_rng.bit_generator.state
    chosen = HardPolicy(np.random.default_rng(11), playouts=3).choose(
        c, batch, c.actor_index(actor), run_rng)
    assert run_rng.bit_generator.state == before
    # The single-game hard bot, fed the same generator, decides the same in each game.
    own = np.random.default_rng(11)
    bot = HardBot(own, playouts=3)
    expected = [c.action_of(bot.choose(g, actor)) for g in games]
    assert chosen.tolist() == expected


def test_a_finished_game_gets_a_pass() -> None:
    (game,) = _games([4], 0)
    c = game.compiled
    finished = game.state.copy()
    finished.over[...] = True
    actor = c.actor_index(str(game.to_move))
    chosen = HardPolicy(np.random.default_rng(0), playouts=2).choose(
        c, finished, actor, np.random.default_rng(0))
    assert chosen.tolist() == [c.pass_action(actor)]
