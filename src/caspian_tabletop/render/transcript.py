"""A game's text transcript: each turn's resolutions, influence shifts and the scores.

Used by golden playthrough tests, the headless `replay` command and reports, so every view
of a game tells the same story in the same words.
"""

from __future__ import annotations

from collections.abc import Mapping

from caspian_tabletop.domain.figures import tenths
from caspian_tabletop.engine.game import Game
from caspian_tabletop.render.resolution import sentence


def shift_line(shifts: Mapping[str, Mapping[str, float]], actors: tuple[str, ...]) -> str:
    """'RU +1.2 (influence +0.8), ...': each actor's score change and its largest term."""
    parts = []
    for actor in actors:
        terms = shifts.get(actor, {})
        if not terms:
            parts.append(f"{actor} {tenths(0.0, signed=True)}")
            continue
        term, value = max(terms.items(), key=lambda kv: (abs(kv[1]), kv[0]))
        total = sum(terms.values())
        parts.append(f"{actor} {tenths(total, signed=True)} ({term} {tenths(value, signed=True)})")
    return ", ".join(parts)


def scores_text(figures: Mapping[str, float]) -> str:
    """'RU 47.8, IR 41.0, ...': a figure per actor, in the mapping's order (a game's
    scores follow the scenario's actors)."""
    return ", ".join(f"{actor} {tenths(value)}" for actor, value in figures.items())


def transcript_lines(game: Game, until_turn: int | None = None) -> list[str]:
    """The whole game so far (or up to `until_turn`) as lines of text."""
    actors = game.compiled.actors
    calendar = game.scenario.calendar
    shifts = game.turn_shifts()
    lines: list[str] = [f"{game.scenario.title} — seed {game.seed}, {game.order} orders"]
    turn = 0
    for res in game.explanations:
        if until_turn is not None and res.turn > until_turn:
            break
        if res.turn != turn:
            if turn:
                lines.append(f"  influence shift: {shift_line(shifts.get(turn, {}), actors)}")
            turn = res.turn
            lines.append(f"Turn {turn} — {calendar.label(turn)}")
        lines.append(f"  {sentence(res)}")
    if turn:
        lines.append(f"  influence shift: {shift_line(shifts.get(turn, {}), actors)}")
    lines.append(f"Scores: {scores_text(game.scores())}")
    if game.clash:
        lines.append(f"Ended in ARMED CLASH on turn {game.turn}.")
    elif game.is_over:
        lines.append(f"Game over after {game.compiled.turns} turns.")
    return lines
