"""The three bot strengths.  Personality comes only from each actor's scenario objectives.

- easy: uniform among *sensible* moves, those whose expected one-step gain for the actor
  (see `outlook`) is at least -`EASY_TOLERANCE` points, i.e. not clearly worse than passing;
- normal: the move with the highest expected one-step gain (greedy one-ply), with capital
  planned over `NORMAL_PLAN_TURNS` turns so that it can save for a dearer move (`budget`);
  like every bot's outlook, it sees routes judged by volume as the other seats' deals are
  expected to fill them by the game's end (`foresight`);
- hard and expert: the moves best one step ahead, those best with capital planned (saving
  included) and the best of every other kind of move, each played out to the game's end
  with every other seat replying as the normal bot would (`search.played_out_values`),
  `HARD_PLAYOUTS` or `EXPERT_ROLLOUTS` times.

Every bot answers trade offers as the engine's objective responder does: yes when the deal
does not lower its own score.  Each bot draws only from the generator it was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from caspian_tabletop.ai.budget import NORMAL_PLAN_TURNS, plan_choice_values, with_full_purse
from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.ai.outlook import pick_best, root_outlook
from caspian_tabletop.ai.protocol import ObjectiveAnswers
from caspian_tabletop.ai.search import played_out_values
from caspian_tabletop.domain.moves import Move
from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.state import BatchState

EASY_TOLERANCE = 0.5
HARD_PLAYOUTS = 16  # per candidate
EXPERT_CANDIDATES = 6  # by one-step value
EXPERT_PLANNED = 3  # by the normal bot's capital plan (a move worth saving for)
EXPERT_ROLLOUTS = 64  # per candidate


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
        actions, values = planned_choices(c, game.state, c.actor_index(actor))
        return c.move_of(int(actions[pick_best(values, self.rng)]))


def planned_choices(c: Compiled, st: BatchState, actor: int) -> tuple[IntArr, FloatArr]:
    """`actor`'s moves in game 0 of `st` (affordable or not) and their one-step values with
    capital planned (`budget`; -inf where unaffordable now): what the normal bot picks from."""
    view = root_outlook(c, with_full_purse(c, st, actor), actor)
    values = plan_choice_values(c, st, actor, view.actions, view.value[None, :],
                                NORMAL_PLAN_TURNS)[0]
    return view.actions, values


@dataclass
class HardBot(ObjectiveAnswers):
    """Plays each candidate out to the game's end a few times, every other seat replying as
    the normal bot would: the expert's search with a quarter of its rollouts, so that a
    decision takes well under a second."""

    rng: np.random.Generator
    strength: str = "hard"
    playouts: int = HARD_PLAYOUTS
    policy: GreedyPolicy | None = field(default=None, repr=False)
    rollouts: int = field(default=0, init=False)  # games its last decision played out

    def choose(self, game: Game, actor: str) -> Move:
        return played_out_choice(self, game, actor, self.playouts)


@dataclass
class ExpertBot(ObjectiveAnswers):
    """Plans against the other seats' likely replies: each candidate is played out to the
    end of the game with the normal bot in every seat, and the best mean final score wins."""

    rng: np.random.Generator
    strength: str = "expert"
    policy: GreedyPolicy | None = field(default=None, repr=False)
    rollouts: int = field(default=0, init=False)  # games its last decision played out

    def choose(self, game: Game, actor: str) -> Move:
        return played_out_choice(self, game, actor, EXPERT_ROLLOUTS)


def played_out_choice(bot: HardBot | ExpertBot, game: Game, actor: str, playouts: int) -> Move:
    """The candidate with the best mean final score over `playouts` games each, played out
    with the normal bot in every seat (`bot.policy`, made on first use)."""
    c = game.compiled
    if bot.policy is None:
        bot.policy = GreedyPolicy.for_scenario(c)
    action, bot.rollouts = searched_action(c, game.state, c.actor_index(actor), playouts,
                                           bot.policy, bot.rng)
    return c.move_of(action)


def searched_action(c: Compiled, st: BatchState, actor: int, playouts: int,
                    policy: GreedyPolicy, rng: np.random.Generator) -> tuple[int, int]:
    """The hard and expert bots' pick in game 0 of `st` (`expert_candidates` played out
    `playouts` times each with `policy` in every seat), and the games it played out: none
    when only one candidate is left."""
    top = expert_candidates(c, st, actor)
    if top.size == 1:
        return int(top[0]), 0
    values = played_out_values(c, st, actor, top, playouts, policy, rng)
    return int(top[pick_best(values, rng)]), top.size * playouts


def expert_candidates(c: Compiled, st: BatchState, actor: int) -> IntArr:
    """The legal moves best one step ahead, then those best with capital planned over the
    next turns (a pass that saves for an investment, say), then the best one step ahead of
    every kind of move not yet among them, without repeats.

    A search weighs only what it plays out, and one step ahead misjudges a move whose worth
    lies in the replies it forestalls: a blockade in the last quarters also shuts the rivals'
    last deals out of their route, which one step ahead cannot see (docs/balance.md,
    step 20).  One move of each kind keeps every kind of move in the search."""
    view = root_outlook(c, st, actor)
    order = np.argsort(-view.value, kind="stable")
    chosen = [int(view.actions[i]) for i in order[:EXPERT_CANDIDATES]]
    actions, planned = planned_choices(c, st, actor)
    legal = set(int(x) for x in view.actions)
    for i in np.argsort(-planned, kind="stable")[:EXPERT_PLANNED]:
        action = int(actions[i])
        if np.isfinite(planned[i]) and action in legal and action not in chosen:
            chosen.append(action)
    kinds = set(int(k) for k in c.act_kind[chosen])
    for i in order:
        action = int(view.actions[i])
        if int(c.act_kind[action]) not in kinds:
            chosen.append(action)
            kinds.add(int(c.act_kind[action]))
    return np.array(chosen, dtype=np.int64)
