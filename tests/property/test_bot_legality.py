"""Bots only ever return legal moves, from many seeded positions of both shipped scenarios."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_tabletop.ai.bots import EasyBot, HardBot, NormalBot
from caspian_tabletop.ai.factory import make_bot
from caspian_tabletop.engine.game import Game
from shipped import scenario


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(["tutorial", "caspian-2021"]), seed=st.integers(0, 10_000),
       steps=st.integers(0, 60), order=st.sampled_from(["sequential", "simultaneous"]))
def test_every_bot_returns_a_legal_move(name: str, seed: int, steps: int, order: str) -> None:
    game = Game(scenario(name), seed=seed, order=order)
    steps %= len(game.compiled.actors) * game.compiled.turns
    walker = make_bot("random", np.random.default_rng(seed))
    for _ in range(steps):
        if game.is_over:
            return
        actor = str(game.to_move if order == "sequential" else game.waiting_for[0])
        game.play(walker.choose(game, actor))
    if game.is_over:
        return
    actor = str(game.to_move if order == "sequential" else game.waiting_for[0])
    legal = game.legal_moves(actor)
    rng = np.random.default_rng(seed)
    # The hard bot runs its real search, on a budget small enough for many examples.
    for bot in (EasyBot(rng), NormalBot(rng), HardBot(rng, budget=96)):
        assert bot.choose(game, actor) in legal
