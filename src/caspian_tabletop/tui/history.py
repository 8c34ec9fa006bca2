"""Score over time, read back from the game's explanations (each carries its own shift)."""

from __future__ import annotations

from caspian_tabletop.engine.game import Game


def score_history(game: Game) -> dict[str, list[float]]:
    """Each actor's score at the start and after every turn so far (last point: now)."""
    now = game.scores()
    shifts = game.turn_shifts()
    total = {a: sum(sum(row.get(a, {}).values()) for row in shifts.values()) for a in now}
    history = {a: [now[a] - total[a]] for a in now}
    for turn in sorted(shifts):
        for a in now:
            history[a].append(history[a][-1] + sum(shifts[turn].get(a, {}).values()))
    return history


def last_turn_shift(game: Game) -> dict[str, float]:
    """Each actor's score change over the most recent turn with any change."""
    shifts = game.turn_shifts()
    if not shifts:
        return {a: 0.0 for a in game.compiled.actors}
    row = shifts[max(shifts)]
    return {a: sum(row.get(a, {}).values()) for a in game.compiled.actors}
