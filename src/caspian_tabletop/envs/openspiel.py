"""The game as an OpenSpiel Python game (extra `[openspiel]`), registered as
`python_caspian_tabletop` with a `scenario` parameter (default: the tutorial).

Declared as it is played with sealed orders, in their sequential equivalent:
- each turn opens with a chance node for the event drawn from the deck (explicit outcomes:
  0 for none, 1 + e for event e, with the deck's probabilities; scheduled events simply
  happen);
- every seat then gives its order in initiative order, and no seat sees another's order of
  the turn until all are in (imperfect information);
- the orders resolve in initiative order: a drill or blockade whose odds are neither 0 nor 1
  is a chance node (0 success, 1 failure, with its probability); a partner answers by its own
  objectives; an order made illegal by earlier ones is a pass; then upkeep;
- returns are every seat's final score (general-sum).

Actions are rows of the compiled action table (one id space for every seat); information
states hold the public log and the seat's own order of the turn.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyspiel

from caspian_tabletop.ai.greedy_policy import objective_answers
from caspian_tabletop.engine.compiled import BLOCKADE, DRILL, Compiled, compile_scenario
from caspian_tabletop.engine.events import (
    NO_EVENT,
    apply_events_in_place,
    deck_weights,
    scheduled_events,
)
from caspian_tabletop.engine.legality import is_legal
from caspian_tabletop.engine.resolve import FORCE_FAILURE, FORCE_SUCCESS, resolve_in_place
from caspian_tabletop.engine.scoring import scores
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import upkeep_in_place
from caspian_tabletop.envs.observation import fields, observe
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.scenario.load import load_scenario

SHORT_NAME = "python_caspian_tabletop"
UTILITY_BOUND = 1000.0  # scores stay far inside it
_ZERO, _ONE = np.array([0]), np.array([True])


def _compiled(scenario: str) -> Compiled:
    return compile_scenario(load_scenario(resolve_scenario(scenario)))


def game_type() -> pyspiel.GameType:
    return pyspiel.GameType(
        short_name=SHORT_NAME, long_name="Caspian Tabletop",
        dynamics=pyspiel.GameType.Dynamics.SEQUENTIAL,
        chance_mode=pyspiel.GameType.ChanceMode.EXPLICIT_STOCHASTIC,
        information=pyspiel.GameType.Information.IMPERFECT_INFORMATION,
        utility=pyspiel.GameType.Utility.GENERAL_SUM,
        reward_model=pyspiel.GameType.RewardModel.TERMINAL,
        max_num_players=7, min_num_players=2,
        provides_information_state_string=True, provides_information_state_tensor=True,
        provides_observation_string=True, provides_observation_tensor=True,
        parameter_specification={"scenario": "tutorial"})


class CaspianGame(pyspiel.Game):
    def __init__(self, params: dict[str, Any] | None = None) -> None:
        chosen = dict(params or {})
        self.compiled = _compiled(str(chosen.get("scenario", "tutorial")))
        c = self.compiled
        info = pyspiel.GameInfo(
            num_distinct_actions=len(c.act_kind), max_chance_outcomes=1 + len(c.events),
            num_players=len(c.actors), min_utility=-UTILITY_BOUND,
            max_utility=UTILITY_BOUND, utility_sum=None,
            max_game_length=c.turns * 2 * len(c.actors))
        super().__init__(game_type(), info, chosen or {"scenario": "tutorial"})

    def new_initial_state(self) -> CaspianState:
        return CaspianState(self)

    def make_py_observer(self, iig_obs_type: Any = None, params: Any = None) -> CaspianObserver:
        recall = iig_obs_type is None or iig_obs_type.perfect_recall
        return CaspianObserver(self.compiled, perfect_recall=recall)


class CaspianState(pyspiel.State):
    def __init__(self, game: CaspianGame) -> None:
        super().__init__(game)
        self.c = game.compiled
        self.st: BatchState = initial_state(self.c, 1)
        self.orders: dict[int, int] = {}  # this turn's sealed orders, by actor
        self.queue: list[int] = []  # actors whose orders are still to resolve
        self.rolling: int | None = None  # the order waiting on its roll
        self.rolling_odds = 0.0  # and its chance of success
        self.log: list[str] = []  # what every seat has seen
        self.in_events = True
        self._open_turn()

    # ----- the turn's phases ---------------------------------------------------------------
    def _open_turn(self) -> None:
        """Scheduled events happen; the deck's draw is a chance node unless it is empty."""
        turn = int(self.st.turn[0])
        for e in scheduled_events(self.c, turn):
            apply_events_in_place(self.c, self.st, np.array([e]))
            self.log.append(f"T{turn} event {self.c.events[e]}")
        self.in_events = len(self._event_outcomes()) > 1

    def _event_outcomes(self) -> list[tuple[int, float]]:
        p = self.c.rules.event_probability
        weights = deck_weights(self.c, self.st)[0]
        if p <= 0 or weights.sum() <= 0:
            return [(0, 1.0)]
        share = weights / weights.sum()
        return [(0, 1.0 - p)] + [(1 + int(e), float(p * share[e]))
                                 for e in np.flatnonzero(weights > 0)]

    def _resolve_queue(self) -> None:
        """Resolve orders until one waits on a roll, or all are done (then upkeep and the
        next turn)."""
        while self.queue:
            actor = self.queue[0]
            action = self.orders[actor]
            if not is_legal(self.c, self.st, np.array([[action]]))[0, 0]:
                action = self.c.pass_action(actor)
                self.orders[actor] = action
            if self.c.act_kind[action] in (DRILL, BLOCKADE):
                p = self._odds(action)
                if 0.0 < p < 1.0:
                    self.rolling, self.rolling_odds = action, p
                    return
                self._resolve(action, FORCE_SUCCESS if p >= 1.0 else FORCE_FAILURE)
            else:
                self._resolve(action, FORCE_SUCCESS)
        upkeep_in_place(self.c, self.st)
        self.orders = {}
        if not self.st.over[0]:
            self._open_turn()

    def _odds(self, action: int) -> float:
        trial = self.st.copy()
        out = resolve_in_place(self.c, trial, np.array([action]), np.array([0.5]),
                               self._answer(action), np.array([FORCE_SUCCESS]))
        return float(out.probability[0])

    def _answer(self, action: int) -> np.ndarray:
        return objective_answers(self.c, self.st, _ZERO, np.array([action]))

    def _resolve(self, action: int, force: int) -> None:
        resolve_in_place(self.c, self.st, np.array([action]), np.array([0.5]),
                         self._answer(action), np.array([force]))
        self.log.append(f"T{int(self.st.turn[0])} {self.c.move_of(action).notation()}"
                        + ("" if force == FORCE_SUCCESS else " (failed)"))
        self.queue.pop(0)

    # ----- the OpenSpiel API --------------------------------------------------------------
    def current_player(self) -> int:
        if self.st.over[0]:
            return int(pyspiel.PlayerId.TERMINAL)
        if self.in_events or self.rolling is not None:
            return int(pyspiel.PlayerId.CHANCE)
        return next(int(a) for a in self.c.initiative if int(a) not in self.orders)

    def _legal_actions(self, player: int) -> list[int]:
        rows = np.arange(self.c.act_start[player], self.c.act_stop[player])
        legal = is_legal(self.c, self.st, rows[None, :])[0]
        return [int(r) for r in rows[legal]]

    def chance_outcomes(self) -> list[tuple[int, float]]:
        if self.in_events:
            return self._event_outcomes()
        assert self.rolling is not None
        return [(0, self.rolling_odds), (1, 1.0 - self.rolling_odds)]

    def _apply_action(self, action: int) -> None:
        if self.in_events:
            self.in_events = False
            if action:
                apply_events_in_place(self.c, self.st, np.array([action - 1]))
                self.log.append(f"T{int(self.st.turn[0])} event {self.c.events[action - 1]}")
            return
        if self.rolling is not None:
            rolled, self.rolling = self.rolling, None
            self._resolve(rolled, FORCE_SUCCESS if action == 0 else FORCE_FAILURE)
            self._resolve_queue()
            return
        self.orders[self.current_player()] = int(action)
        if len(self.orders) == len(self.c.actors):
            self.queue = [int(a) for a in self.c.initiative]
            self._resolve_queue()

    def _action_to_string(self, player: int, action: int) -> str:
        if player == pyspiel.PlayerId.CHANCE:
            if self.in_events:
                return "no event" if action == NO_EVENT + 1 else f"event {action}"
            return "success" if action == 0 else "failure"
        return self.c.move_of(int(action)).notation()

    def is_terminal(self) -> bool:
        return bool(self.st.over[0])

    def returns(self) -> list[float]:
        if not self.st.over[0]:
            return [0.0] * len(self.c.actors)
        return [float(v) for v in scores(self.c, self.st)[0]]

    def __str__(self) -> str:
        return "\n".join(self.log) or "start"


class CaspianObserver:
    """Observation tensors from `envs.observation`, with the seat's own sealed order of the
    turn (one-hot over the action table); strings are the public log and that order (an
    information state) or the present board (an observation)."""

    def __init__(self, c: Compiled, perfect_recall: bool) -> None:
        self.c, self.perfect_recall = c, perfect_recall
        size = fields(c).size
        self.tensor = np.zeros(size + len(c.act_kind), np.float32)
        self.dict = {"observation": self.tensor[:size], "own_order": self.tensor[size:]}

    def set_from(self, state: CaspianState, player: int) -> None:
        self.tensor.fill(0.0)
        self.dict["observation"][:] = observe(self.c, state.st, player)[0]
        if player in state.orders:
            self.dict["own_order"][state.orders[player]] = 1.0

    def string_from(self, state: CaspianState, player: int) -> str:
        own = state.orders.get(player)
        order = "" if own is None else f"\nmy order: {self.c.move_of(own).notation()}"
        if self.perfect_recall:
            return f"seat {self.c.actors[player]}\n{state}{order}"
        board = ", ".join(f"{a} {v:.1f}" for a, v in zip(self.c.actors,
                                                          scores(self.c, state.st)[0],
                                                          strict=True))
        return (f"seat {self.c.actors[player]}; turn {int(state.st.turn[0])}; tension "
                f"{float(state.st.tension[0]):.2f}; scores {board}{order}")


def register() -> None:
    """Make `pyspiel.load_game("python_caspian_tabletop")` work (once per process)."""
    if SHORT_NAME not in pyspiel.registered_names():
        pyspiel.register_game(game_type(), CaspianGame)
