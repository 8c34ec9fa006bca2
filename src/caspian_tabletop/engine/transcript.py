"""A game's text transcript: each turn's explanations, influence shifts and the final scores.

Used by golden playthrough tests, the headless `replay` command and reports, so every view
of a game tells the same story in the same words.
"""

from __future__ import annotations

from caspian_tabletop.engine.game import Game


def shift_line(shifts: dict[str, dict[str, float]], actors: tuple[str, ...]) -> str:
    """'RU +1.2 (influence +0.8), ...': each actor's score change and its largest term."""
    parts = []
    for actor in actors:
        terms = shifts.get(actor, {})
        total = sum(terms.values())
        if not terms:
            parts.append(f"{actor} +0.0")
            continue
        term, value = max(terms.items(), key=lambda kv: (abs(kv[1]), kv[0]))
        parts.append(f"{actor} {total:+.1f} ({term} {value:+.1f})")
    return ", ".join(parts)


def transcript_lines(game: Game, until_turn: int | None = None) -> list[str]:
    """The whole game so far (or up to `until_turn`) as lines of text."""
    c = game.compiled
    calendar = game.scenario.calendar
    shifts = game.turn_shifts()
    lines: list[str] = [f"{game.scenario.title} — seed {game.seed}, {game.order} orders"]
    turn = 0
    for res in game.explanations:
        if until_turn is not None and res.turn > until_turn:
            break
        if res.turn != turn:
            if turn:
                lines.append(f"  influence shift: {shift_line(shifts.get(turn, {}), c.actors)}")
            turn = res.turn
            lines.append(f"Turn {turn} — {calendar.label(turn)}")
        lines.append(f"  {res.sentence()}")
    if turn:
        lines.append(f"  influence shift: {shift_line(shifts.get(turn, {}), c.actors)}")
    scores = game.scores()
    lines.append("Scores: " + ", ".join(f"{a} {scores[a]:.1f}" for a in c.actors))
    if game.clash:
        lines.append(f"Ended in ARMED CLASH on turn {game.turn}.")
    elif game.is_over:
        lines.append(f"Game over after {c.turns} turns.")
    return lines
