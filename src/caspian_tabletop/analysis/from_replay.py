"""A played game as the starting point of a Monte Carlo run ("was our result likely?")."""

from __future__ import annotations

from dataclasses import dataclass

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.replay import load_replay, replay_game, resolve_replay, run_replay
from caspian_tabletop.scenario.schema import Scenario


@dataclass(frozen=True)
class Played:
    scenario: Scenario
    start: BatchState  # the game at the orders of the chosen turn
    actual: dict[str, float]  # the scores the class actually reached where it stopped
    stop: int | None  # the last whole turn of an unfinished game (None: played to the end)


def replayed_game(path: str, turn: int) -> Played:
    """The replay's game at `turn`'s orders, and the scores it actually reached.

    The replay must verify against the current scenario (same content hash, same digests).
    A game that stopped before its end (a class that ran out of time) is compared where it
    stopped: after its last whole turn, at the next turn's orders; a turn left half-played
    does not count.
    """
    replay = load_replay(resolve_replay(path))
    whole = run_replay(replay, verify=True).game
    stop = None if whole.is_over else whole.turn - 1
    last = replay.turns[-1].turn if stop is None and replay.turns else stop
    if not last:
        raise CaspianError(f"{path}: error: the replay stops before the end of turn 1, so it "
                           "has no outcome to compare yet")
    if not 1 <= turn <= last:
        raise CaspianError(f"{path}: error: --turn {turn} is outside the replay's whole "
                           f"turns (1 to {last})")
    reached = whole if stop is None else replay_game(replay, until_turn=stop,
                                                     scenario=whole.scenario)
    start = replay_game(replay, until_turn=turn - 1, scenario=whole.scenario)
    return Played(whole.scenario, start.state, reached.scores(), stop)


def replayed_position(path: str, scenario: Scenario) -> BatchState:
    """Where a replay (played on `scenario`) leaves the game, to be played on from there."""
    replay = load_replay(resolve_replay(path))
    game = run_replay(replay, verify=True, scenario=scenario).game
    if game.is_over:
        raise CaspianError(f"{path}: error: the replay already ends the game; nothing to play on")
    return game.state
