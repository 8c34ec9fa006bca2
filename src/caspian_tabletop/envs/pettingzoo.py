"""The game as PettingZoo environments (extra `[rl]`): turn by turn (AEC) and with the
orders of a turn given at once (parallel), over the same engine the game uses.

- Agents are the scenario's actors; in the AEC environment the agent to act is the one whose
  turn it is (initiative order), and trade partners answer by their own objectives.
- Observations are dicts of `observation` (float32, see `envs.observation`) and
  `action_mask` (int8): a discrete action is an index into the agent's rows of the compiled
  action table, and only masked-in actions may be taken; any other raises `ValueError`, or
  with `on_illegal="pass"` is played as a pass and named in the agent's info (for trainers,
  and PettingZoo's parallel seed test, that sample without the mask).
- Rewards: `reward="score"` (default) gives every agent the change of its score at each step;
  `reward="victory"` gives nothing until the end, then the victory level reached, from -2
  (decisive loss) to +2 (decisive gain).
- `reset(seed=...)` fixes the game's chance; `render()` returns the transcript as text.
"""

from __future__ import annotations

from typing import Any

import gymnasium
import numpy as np
from pettingzoo import AECEnv, ParallelEnv

from caspian_tabletop.domain.moves import Move, MoveKind
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.victory import LEVELS, judge
from caspian_tabletop.envs.observation import action_table, fields, masks, observe
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.render.transcript import transcript_lines
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.scenario.schema import Scenario

REWARDS = ("score", "victory")
ON_ILLEGAL = ("raise", "pass")
Observation = dict[str, np.ndarray]


class _Seats:
    """The scenario's game, its action spaces and observations: what both environments share."""

    def __init__(self, scenario: str | Scenario, reward: str, order: str,
                 on_illegal: str) -> None:
        if reward not in REWARDS:
            raise ValueError(f"reward must be one of {', '.join(REWARDS)}, not {reward!r}")
        if on_illegal not in ON_ILLEGAL:
            raise ValueError(f"on_illegal must be one of {', '.join(ON_ILLEGAL)}, not "
                             f"{on_illegal!r}")
        self.on_illegal = on_illegal
        self.refused: dict[str, str] = {}  # this step's illegal actions played as passes
        self.scenario = (scenario if isinstance(scenario, Scenario)
                         else load_scenario(resolve_scenario(scenario)))
        self.reward, self.order = reward, order
        self.game = Game(self.scenario, order=order)
        c = self.game.compiled
        self.actors = list(c.actors)
        self.rows = {a: action_table(c, i) for i, a in enumerate(self.actors)}
        size = fields(c).size
        self.spaces = {a: gymnasium.spaces.Dict({
            "observation": gymnasium.spaces.Box(-np.inf, np.inf, (size,), np.float32),
            "action_mask": gymnasium.spaces.Box(0, 1, (self.rows[a].size,), np.int8),
        }) for a in self.actors}
        self.action_spaces = {a: gymnasium.spaces.Discrete(self.rows[a].size)
                              for a in self.actors}

    def restart(self, seed: int | None) -> None:
        self.game = Game(self.scenario, seed=0 if seed is None else seed,
                         order=self.order, compiled=self.game.compiled)

    def observe(self, agent: str, may_act: bool) -> Observation:
        c, st = self.game.compiled, self.game.state
        a = self.actors.index(agent)
        mask = masks(c, st, a, self.rows[agent])[0]
        if not may_act or self.game.is_over:
            mask[:] = 0
        return {"observation": observe(c, st, a)[0], "action_mask": mask}

    def move(self, agent: str, action: Any, mask: np.ndarray) -> Move:
        """The Move of `agent`'s action index, refused unless the mask allows it."""
        rows = self.rows[agent]
        index = int(action)
        if not 0 <= index < rows.size:
            raise ValueError(f"{agent}: action {index} is outside its action space "
                             f"(0 to {rows.size - 1})")
        move = self.game.compiled.move_of(int(rows[index]))
        if not mask[index]:
            why = self.game.why_illegal(move) or "not its turn to move"
            problem = f"{agent}: action {index} ({move.notation()}) is masked out: {why}"
            if self.on_illegal == "raise":
                raise ValueError(problem)
            self.refused[agent] = problem
            return Move(MoveKind.PASS, agent)
        return move

    def scores(self) -> dict[str, float]:
        return self.game.scores()

    def rewards(self, before: dict[str, float]) -> dict[str, float]:
        if self.reward == "score":
            after = self.scores()
            return {a: after[a] - before[a] for a in self.actors}
        if not self.game.is_over:
            return dict.fromkeys(self.actors, 0.0)
        judged = judge(self.game.compiled, self.game.state)
        middle = len(LEVELS) // 2
        return {a: float(judged.level[0, i] - middle) for i, a in enumerate(self.actors)}

    def render(self) -> str:
        return "\n".join(transcript_lines(self.game))


class _SeatsEnv:
    """What the turn-by-turn and the parallel environment share: their seats, spaces,
    rendering and the infos that name an illegal action played as a pass."""

    seats: _Seats
    render_mode: str | None

    def _seat(self, scenario: str | Scenario, reward: str, order: str, on_illegal: str,
              render_mode: str | None) -> None:
        self.seats = _Seats(scenario, reward, order, on_illegal)
        self.render_mode = render_mode
        self.possible_agents = list(self.seats.actors)
        self.observation_spaces = dict(self.seats.spaces)
        self.action_spaces = dict(self.seats.action_spaces)

    def observation_space(self, agent: str) -> gymnasium.spaces.Space[Any]:
        return self.observation_spaces[agent]

    def action_space(self, agent: str) -> gymnasium.spaces.Space[Any]:
        return self.action_spaces[agent]

    def _infos(self, agents: list[str]) -> dict[str, dict[str, Any]]:
        refused = self.seats.refused
        return {a: ({"illegal": refused[a]} if a in refused else {}) for a in agents}

    def render(self) -> str | None:
        text = self.seats.render()
        if self.render_mode == "human":
            print(text)
            return None
        return text

    def close(self) -> None:
        """Nothing to release: the game lives in memory."""


class CaspianEnv(_SeatsEnv, AECEnv[str, Observation, int]):
    """Sequential orders, one agent at a time (`env()` wraps nothing around it)."""

    metadata = {"name": "caspian_tabletop_v0", "render_modes": ["ansi", "human"],
                "is_parallelizable": True}

    def __init__(self, scenario: str | Scenario = "tutorial", reward: str = "score",
                 render_mode: str | None = None, on_illegal: str = "raise") -> None:
        super().__init__()
        self._seat(scenario, reward, "sequential", on_illegal, render_mode)
        self._begin()

    def reset(self, seed: int | None = None, options: dict[str, Any] | None = None) -> None:
        self.seats.restart(seed)
        self._begin()

    def _begin(self) -> None:
        self.agents = list(self.possible_agents)
        self.rewards = dict.fromkeys(self.agents, 0.0)
        self._cumulative_rewards = dict.fromkeys(self.agents, 0.0)
        self.terminations = dict.fromkeys(self.agents, False)
        self.truncations = dict.fromkeys(self.agents, False)
        self.infos: dict[str, dict[str, Any]] = {a: {} for a in self.agents}
        self.agent_selection = str(self.seats.game.to_move)

    def observe(self, agent: str) -> Observation:
        return self.seats.observe(agent, agent == self.seats.game.to_move)

    def step(self, action: int | None) -> None:
        agent = self.agent_selection
        if self.terminations[agent] or self.truncations[agent]:
            self._was_dead_step(action)
            return
        self.seats.refused.clear()
        move = self.seats.move(agent, action, self.observe(agent)["action_mask"])
        self.infos = self._infos(self.agents)
        before = self.seats.scores()
        self.seats.game.play(move)
        self._cumulative_rewards[agent] = 0.0
        self.rewards = self.seats.rewards(before)
        if self.seats.game.is_over:
            self.terminations = dict.fromkeys(self.agents, True)
            self.agent_selection = self.agents[0]
        else:
            self.agent_selection = str(self.seats.game.to_move)
        self._accumulate_rewards()
        if self.render_mode == "human":
            self.render()

class CaspianParallelEnv(_SeatsEnv, ParallelEnv[str, Observation, int]):
    """Simultaneous orders: every agent's order of a turn at once, revealed together."""

    metadata = {"name": "caspian_tabletop_parallel_v0", "render_modes": ["ansi", "human"]}

    def __init__(self, scenario: str | Scenario = "tutorial", reward: str = "score",
                 render_mode: str | None = None, on_illegal: str = "raise") -> None:
        self._seat(scenario, reward, "simultaneous", on_illegal, render_mode)
        self.agents = list(self.possible_agents)

    def reset(self, seed: int | None = None, options: dict[str, Any] | None = None
              ) -> tuple[dict[str, Observation], dict[str, dict[str, Any]]]:
        self.seats.restart(seed)
        self.agents = list(self.possible_agents)
        return self._observations(), {a: {} for a in self.agents}

    def _observations(self) -> dict[str, Observation]:
        return {a: self.seats.observe(a, True) for a in self.agents}

    def step(self, actions: dict[str, int]) -> tuple[
            dict[str, Observation], dict[str, float], dict[str, bool], dict[str, bool],
            dict[str, dict[str, Any]]]:
        seen = self._observations()
        self.seats.refused.clear()
        moves = [self.seats.move(a, actions[a], seen[a]["action_mask"]) for a in self.agents]
        before = self.seats.scores()
        for move in moves:  # the last order reveals the turn
            self.seats.game.play(move)
        rewards = self.seats.rewards(before)
        over = self.seats.game.is_over
        agents = list(self.agents)
        observations = self._observations()
        if over:
            self.agents = []
        if self.render_mode == "human":
            self.render()
        return (observations, {a: rewards[a] for a in agents}, dict.fromkeys(agents, over),
                dict.fromkeys(agents, False), self._infos(agents))

def env(**kwargs: Any) -> CaspianEnv:
    return CaspianEnv(**kwargs)


def parallel_env(**kwargs: Any) -> CaspianParallelEnv:
    return CaspianParallelEnv(**kwargs)
