"""The three bot strengths.  Personality comes only from each actor's scenario objectives.

- easy: uniform among *sensible* moves, those whose expected one-step gain for the actor
  (see `outlook`) is at least -`EASY_TOLERANCE` points, i.e. not clearly worse than passing;
- normal: the move with the highest expected one-step gain (greedy one-ply), with capital
  planned over `NORMAL_PLAN_TURNS` turns so that it can save for a dearer move (`budget`);
- hard: flat Monte Carlo search over the normal bot's top `HARD_CANDIDATES` moves, each
  rolled out `ceil(HARD_ROLLOUTS / K)` times for `HARD_HORIZON` turns on one batch.

Every bot answers trade offers as the engine's objective responder does: yes when the deal
does not lower its own score.  Each bot draws only from the generator it was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from caspian_tabletop.ai.budget import NORMAL_PLAN_TURNS, plan_choice_values, with_full_purse
from caspian_tabletop.ai.outlook import pick_best, root_outlook
from caspian_tabletop.ai.prior import root_prior
from caspian_tabletop.ai.protocol import ObjectiveAnswers
from caspian_tabletop.ai.search import rollout_values
from caspian_tabletop.domain.moves import Move
from caspian_tabletop.engine.game import Game

EASY_TOLERANCE = 0.5
HARD_CANDIDATES = 8
HARD_ROLLOUTS = 2048
HARD_HORIZON = 3


@dataclass
class EasyBot(ObjectiveAnswers):
    rng: np.random.Generator
    strength: str = "easy"

    def choose(self, game: Game, actor: str) -> Move:
        c = game.compiled
        view = root_outlook(c, game.state, c.actor_index(actor))
        sensible = np.flatnonzero(view.value >= -EASY_TOLERANCE)
        return c.move_of(int(view.actions[sensible[self.rng.integers(sensible.size)]]))


@dataclass
class NormalBot(ObjectiveAnswers):
    rng: np.random.Generator
    strength: str = "normal"

    def choose(self, game: Game, actor: str) -> Move:
        c = game.compiled
        a = c.actor_index(actor)
        view = root_outlook(c, with_full_purse(c, game.state, a), a)
        values = plan_choice_values(c, game.state, a, view.actions, view.value[None, :],
                                    NORMAL_PLAN_TURNS)[0]
        return c.move_of(int(view.actions[pick_best(values, self.rng)]))


@dataclass
class HardBot(ObjectiveAnswers):
    """Search bot; `rollouts` holds how many rollouts its last decision simulated."""

    rng: np.random.Generator
    strength: str = "hard"
    candidates: int = HARD_CANDIDATES
    budget: int = HARD_ROLLOUTS
    horizon: int = HARD_HORIZON
    rollouts: int = field(default=0, init=False)

    def choose(self, game: Game, actor: str) -> Move:
        c = game.compiled
        a = c.actor_index(actor)
        view = root_outlook(c, game.state, a)
        order = np.argsort(-view.value, kind="stable")[:self.candidates]
        top = view.actions[order]
        if top.size == 1:
            self.rollouts = 0
            return c.move_of(int(top[0]))
        per = -(-self.budget // top.size)
        values = rollout_values(c, game.state, a, top, per, self.horizon,
                                root_prior(c, game.state), self.rng)
        self.rollouts = per * top.size
        return c.move_of(int(top[pick_best(values, self.rng)]))
