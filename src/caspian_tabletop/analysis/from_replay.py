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
    actual: dict[str, float]  # the final scores the class actually reached


def replayed_game(path: str, turn: int) -> Played:
    """The replay's game at `turn`'s orders, and its actual final scores.

    The replay must verify against the current scenario (same content hash, same digests)
    and must run to the game's end, or there is no actual outcome to compare.
    """
    replay = load_replay(resolve_replay(path))
    whole = run_replay(replay, verify=True).game
    last = replay.turns[-1].turn if replay.turns else 1
    if not whole.is_over:
        raise CaspianError(f"{path}: error: the replay stops at turn {whole.turn} before the "
                           f"game's end, so it has no final outcome to compare")
    if not 1 <= turn <= last:
        raise CaspianError(f"{path}: error: --turn {turn} is outside the replay "
                           f"(turns 1 to {last})")
    start = replay_game(replay, until_turn=turn - 1, scenario=whole.scenario)
    return Played(whole.scenario, start.state, whole.scores())


def replayed_position(path: str, scenario: Scenario) -> BatchState:
    """Where a replay (played on `scenario`) leaves the game, to be played on from there."""
    replay = load_replay(resolve_replay(path))
    game = run_replay(replay, verify=True, scenario=scenario).game
    if game.is_over:
        raise CaspianError(f"{path}: error: the replay already ends the game; nothing to play on")
    return game.state
