"""Bots only ever return legal moves, from many seeded positions of both shipped scenarios."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from caspian_tabletop.ai.bots import EasyBot, HardBot, NormalBot
from caspian_tabletop.engine.game import Game
from shipped import scenario


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(["tutorial", "caspian-2021"]), seed=st.integers(0, 10_000),
       picks=st.lists(st.integers(0, 10_000), max_size=60),
       order=st.sampled_from(["sequential", "simultaneous"]))
def test_every_bot_returns_a_legal_move(name: str, seed: int, picks: list[int], order: str
                                        ) -> None:
    """At a position reached by the legal moves `picks` points at (drawn by Hypothesis, so a
    failure shrinks to a short game), every bot's choice is legal."""
    game = Game(scenario(name), seed=seed, order=order)
    for pick in picks:
        if game.is_over:
            break
        actor = str(game.to_move if order == "sequential" else game.waiting_for[0])
        options = game.legal_moves(actor)
        game.play(options[pick % len(options)])
    assume(not game.is_over)
    actor = str(game.to_move if order == "sequential" else game.waiting_for[0])
    legal = game.legal_moves(actor)
    rng = np.random.default_rng(seed)
    # The hard bot runs its real search, on a budget small enough for many examples.
    for bot in (EasyBot(rng), NormalBot(rng), HardBot(rng, playouts=2)):
        assert bot.choose(game, actor) in legal
