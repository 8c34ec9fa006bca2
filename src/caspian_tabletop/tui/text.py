"""Words and styled text for engine values: resolutions, previews, seats, gauges.

Formatting only: every number shown comes from the engine (Game, Resolution, Preview).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from caspian_tabletop.domain.figures import figure
from caspian_tabletop.domain.moves import Move, MoveKind
from caspian_tabletop.domain.seats import Seat
from caspian_tabletop.engine.explain import FORCED, Resolution
from caspian_tabletop.engine.game import Preview
from caspian_tabletop.render.resolution import sentence

GAUGE_CELLS = 20


def seat_label(seat: Seat) -> str:
    if seat.kind == "human":
        return "you" if seat.detail == "player" else seat.detail
    if seat.kind == "ai":
        return f"AI {seat.detail[:4]}"
    return "off"


def describe_move(move: Move) -> str:
    """A move in words, for lists of choices (the words of its kind in the move table)."""
    spec = move.spec
    values = {f.name: getattr(move, f.name) for f in spec.fields}
    complete = all(v is not None for v in values.values())
    words = spec.words if complete or not spec.words_without else spec.words_without
    return words.format(**{f.name: f.show(values[f.name]) for f in spec.fields})


def preview_text(preview: Preview) -> Text:
    """Odds and both outcomes, before committing."""
    text = Text()
    move = preview.move
    if preview.probability is not None:
        p = preview.probability
        colour = "green" if p >= 0.6 else "yellow" if p >= 0.35 else "red"
        text.append("Chance of success ", Style(bold=True))
        text.append(f"{p:.0%}", Style(bold=True, color=colour))
        text.append(f"  {_bar(p, 10)}\n", Style(color=colour))
        text.append("If it succeeds: ", Style(bold=True, color="green"))
    elif move.asks:
        text.append("If the partner accepts: ", Style(bold=True, color="green"))
    else:
        text.append("Effect: ", Style(bold=True, color="green"))
    text.append(_effects(preview.success) + "\n")
    if preview.probability is None and preview.success.inputs:
        # What sizes a move without odds: a deal signed smaller under a risk premium.
        detail = "; ".join(f"{k} {v}" for k, v in preview.success.inputs.items())
        text.append(detail[:1].upper() + detail[1:] + "\n", Style(color="yellow"))
    if preview.failure is not None:
        refused = move.kind is MoveKind.DEMAND
        text.append("If refused: " if refused else "If it fails: ", Style(bold=True, color="red"))
        text.append(_effects(preview.failure) + "\n")
    if move.asks:
        text.append(_declined(move), Style(dim=True))
    return text


def _declined(move: Move) -> str:
    """What happens if the partner says no, for the kinds whose refusal is not shown above."""
    if move.spec.chance:
        return f"If {move.partner} stays out, {move.actor} goes ahead alone."
    if move.kind is MoveKind.DEMAND:
        return f"{move.partner} decides by its own interests."
    return "A declined offer costs nothing."


def _effects(res: Resolution) -> str:
    """The resolution's sentence without the head (move text, odds) the panel already shows."""
    line = sentence(res).strip("[]").replace(FORCED, "")
    _, _, rest = line.partition("; ")
    return rest or "no change"


def _bar(fraction: float, cells: int) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * cells)
    return "█" * filled + "░" * (cells - filled)


def tension_gauge(tension: float, threshold: float, start: float | None = None,
                  next_card: float = 0.0) -> Text:
    """A bar of the tension track, coloured by how close it is to the clash threshold, and
    the chance that the next turn's card starts a clash when there is any."""
    cells = GAUGE_CELLS
    filled = round(min(tension / threshold, 1.0) * cells) if threshold > 0 else 0
    ratio = tension / threshold if threshold > 0 else 1.0
    colour = "green" if ratio < 0.4 else "yellow" if ratio < 0.7 else "red"
    text = Text("tension ")
    text.append("█" * filled, Style(color=colour))
    text.append("░" * (cells - filled), Style(dim=True))
    text.append(f" {tension:.1f}/{threshold:g} clash", Style(bold=ratio >= 0.7, color=colour))
    if next_card >= 0.005:
        text.append(f" · next card {next_card:.0%} clash", Style(bold=True, color="red"))
    return text


def resolution_lines(res: Resolution) -> list[str]:
    """The full record of a resolution, one fact per line (the log's expanded view)."""
    lines = [f"turn {res.turn} · {res.step}" + (f" · {res.actor}" if res.actor else "")]
    lines += [f"input {k}: {v}" for k, v in res.inputs.items()]
    lines += [f"modifier {k}: {figure(v, '.0%', signed=True)}" for k, v in res.modifiers.items()]
    if res.probability is not None:
        lines.append(f"probability of success: {res.probability:.2f}")
    if res.roll is not None:
        lines.append(f"roll: {res.roll:.3f} (success if below the probability)")
    if res.outcome:
        lines.append(f"outcome: {res.outcome}")
    for d in res.deltas:
        lines.append(f"{d.what}: {d.before:.2f} → {d.after:.2f} "
                     f"({figure(d.change, '.2f', signed=True)})")
    for actor, terms in res.shift.items():
        detail = ", ".join(f"{t} {figure(v, '.2f', signed=True)}" for t, v in terms.items())
        total = figure(sum(terms.values()), ".2f", signed=True)
        lines.append(f"score shift {actor} {total}: {detail}")
    if res.facilitator:
        lines.append(f"facilitator's reason: {res.facilitator}")
    return lines
