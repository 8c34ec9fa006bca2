"""Making bots by strength name, each with its own seeded generator."""

from __future__ import annotations

import numpy as np

from caspian_tabletop.ai.bots import EasyBot, ExpertBot, HardBot, NormalBot
from caspian_tabletop.ai.protocol import Bot
from caspian_tabletop.ai.random_bot import RandomBot
from caspian_tabletop.domain.seats import STRENGTHS


def bot_seed(game_seed: int, actor_index: int) -> np.random.Generator:
    """A seat's own generator: independent of other seats, fixed by the game seed."""
    return np.random.Generator(np.random.PCG64([game_seed, actor_index]))


def make_bot(strength: str, rng: np.random.Generator) -> Bot:
    if strength == "easy":
        return EasyBot(rng)
    if strength == "normal":
        return NormalBot(rng)
    if strength == "hard":
        return HardBot(rng)
    if strength == "expert":
        return ExpertBot(rng)
    if strength == "random":
        return RandomBot(rng)
    raise ValueError(f"unknown bot strength {strength!r} (known: {', '.join(STRENGTHS)})")
