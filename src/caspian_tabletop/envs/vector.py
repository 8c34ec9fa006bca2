"""N games stepped at once on the batch axis, for training loops that need many steps a second.

The games move in lockstep with sequential orders: at each step the same actor (in initiative
order) acts in every game, with the same observation and action spaces as the PettingZoo
environments (`envs.observation`).  Trade partners answer by their own objectives; after the
last actor come the upkeep and the next turn's events.

Chance is drawn per game from a counter-based stream (game index, step, purpose), so game i
plays out the same whatever the number of games beside it: a batch of N equals N single
environments given game indices 0..N-1.  Games that end (armed clash, or the last turn) stay
ended, with empty masks, until `reset`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from caspian_tabletop.ai.greedy_policy import objective_answers
from caspian_tabletop.engine.arrays import BoolArr, FloatArr, IntArr
from caspian_tabletop.engine.compiled import Compiled, compile_scenario
from caspian_tabletop.engine.events import apply_events_in_place, draw_events, scheduled_events
from caspian_tabletop.engine.resolve import resolve_in_place
from caspian_tabletop.engine.scoring import scores
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import upkeep_in_place
from caspian_tabletop.envs.observation import Float32Arr, Int8Arr, action_table, masks, observe
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.scenario.schema import Scenario

_ROLL, _EVENT = 1, 2  # the purposes a game draws a uniform for
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def uniforms(seed: int, games: IntArr, step: int, purpose: int) -> FloatArr:
    """[n] one uniform in [0, 1) per game, a pure function of (seed, game, step, purpose):
    splitmix64 over the four, so any game's stream is the same in any batch."""
    with np.errstate(over="ignore"):
        x = (np.uint64(seed) * np.uint64(0x9E3779B97F4A7C15)
             + games.astype(np.uint64) * np.uint64(0xBF58476D1CE4E5B9)
             + np.uint64(step) * np.uint64(0x94D049BB133111EB) + np.uint64(purpose)) & _MASK64
        for shift, factor in ((30, 0xBF58476D1CE4E5B9), (27, 0x94D049BB133111EB)):
            x = ((x ^ (x >> np.uint64(shift))) * np.uint64(factor)) & _MASK64
        x ^= x >> np.uint64(31)
    drawn: FloatArr = (x >> np.uint64(11)).astype(np.float64) / float(1 << 53)
    return drawn


@dataclass
class Step:
    """What a step (or reset) returns: the next actor's view of every game."""

    agent: str  # who acts next, in every game still going
    observation: Float32Arr  # [N, D]
    action_mask: Int8Arr  # [N, n_agent]; all 0 in an ended game
    rewards: FloatArr  # [N, A] each actor's score change over the step (0 at reset)
    terminated: BoolArr  # [N]


class VectorEnv:
    """`num_envs` games of one scenario; game indices `first_game`.. (for their chance)."""

    def __init__(self, scenario: str | Scenario = "tutorial", num_envs: int = 1024,
                 first_game: int = 0) -> None:
        if num_envs < 1:
            raise ValueError("num_envs must be at least 1")
        loaded = (scenario if isinstance(scenario, Scenario)
                  else load_scenario(resolve_scenario(scenario)))
        self.compiled: Compiled = compile_scenario(loaded)
        c = self.compiled
        self.num_envs = num_envs
        self.games = np.arange(first_game, first_game + num_envs, dtype=np.int64)
        self.agents = list(c.actors)
        self.rows = {a: action_table(c, i) for i, a in enumerate(self.agents)}
        self.order = [int(a) for a in c.initiative]
        self.seed = 0
        self.steps = 0
        self.position = 0  # index into `order` of the actor to act
        self.state: BatchState = initial_state(c, num_envs)
        self.last: Step | None = None  # what the last step showed: its scores and mask
        self.points = scores(c, self.state)

    @property
    def agent(self) -> str:
        return self.agents[self.order[self.position]]

    def reset(self, seed: int = 0) -> Step:
        self.seed, self.steps, self.position = seed, 0, 0
        self.state = initial_state(self.compiled, self.num_envs)
        self._events()
        self.points = scores(self.compiled, self.state)
        return self._view(np.zeros((self.num_envs, len(self.agents))))

    def step(self, actions: IntArr) -> Step:
        """`actions[i]`: the acting agent's action index in game i (ignored where it ended);
        a masked-out action raises ValueError naming the first game it happened in."""
        c, st = self.compiled, self.state
        actor = self.order[self.position]
        rows = self.rows[self.agents[actor]]
        chosen = np.asarray(actions, dtype=np.int64)
        if chosen.shape != (self.num_envs,):
            raise ValueError(f"expected {self.num_envs} actions, got shape {chosen.shape}")
        live = ~st.over
        outside = live & ((chosen < 0) | (chosen >= rows.size))
        if outside.any():
            game = int(np.flatnonzero(outside)[0])
            raise ValueError(f"game {game}: action {int(chosen[game])} is outside "
                             f"{self.agent}'s action space (0 to {rows.size - 1})")
        action = np.where(live, rows[np.clip(chosen, 0, rows.size - 1)], c.pass_action(actor))
        shown = self.last.action_mask if self.last is not None else masks(c, st, actor, rows)
        allowed = shown[np.arange(self.num_envs), np.clip(chosen, 0, rows.size - 1)]
        refused = live & (allowed == 0)
        if refused.any():
            game = int(np.flatnonzero(refused)[0])
            move = c.move_of(int(action[game])).notation()
            raise ValueError(f"game {game}: action {int(chosen[game])} ({move}) is masked "
                             f"out for {self.agent}")
        before = self.points
        accept = np.ones(self.num_envs, dtype=bool)
        asked = np.flatnonzero(c.act_asks[action] & live)
        accept[asked] = objective_answers(c, st, asked, action[asked])
        resolve_in_place(c, st, action, uniforms(self.seed, self.games, self.steps, _ROLL),
                         accept)
        self.steps += 1
        self.position += 1
        if self.position == len(self.order):
            upkeep_in_place(c, st)
            self.position = 0
            self._events()
        self.points = scores(c, st)
        return self._view(self.points - before)

    def _events(self) -> None:
        """The turn's scheduled events, then one draw from the deck, in games still going."""
        c, st = self.compiled, self.state
        if st.over.all():
            return
        turn = int(st.turn[~st.over].max())
        for e in scheduled_events(c, turn):
            apply_events_in_place(c, st, np.where((st.turn == turn) & ~st.over, e, -1))
        drawn = draw_events(c, st, uniforms(self.seed, self.games, self.steps, _EVENT))
        apply_events_in_place(c, st, np.where(st.over, -1, drawn))

    def _view(self, rewards: FloatArr) -> Step:
        c, st = self.compiled, self.state
        actor = self.order[self.position]
        mask = masks(c, st, actor, self.rows[self.agents[actor]])
        mask[st.over] = 0
        self.last = Step(self.agents[actor], observe(c, st, actor, self.points), mask, rewards,
                         st.over.copy())
        return self.last
