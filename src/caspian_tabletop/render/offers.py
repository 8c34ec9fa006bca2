"""An offer put to a human partner, with what each answer would do to it, in words: the same
lines in `play`'s prompt, the hot-seat dialog and a class team's offer."""

from __future__ import annotations

from caspian_tabletop.domain.figures import tenths
from caspian_tabletop.engine.game import OfferOutcomes


def change_words(changes: dict[str, float]) -> str:
    """'score +6.5 (corridor +5.6, influence +0.8, autonomy +0.1)', largest change first;
    'no change' when nothing moves by a tenth."""
    moved = sorted(((t, v) for t, v in changes.items() if tenths(v) != tenths(0.0)),
                   key=lambda item: -abs(item[1]))
    if not moved:
        return "no change"
    parts = ", ".join(f"{t} {tenths(v, signed=True)}" for t, v in moved)
    return f"score {tenths(sum(changes.values()), signed=True)} ({parts})"


def outcome_lines(o: OfferOutcomes) -> list[str]:
    """What accepting and declining would do to the partner's score by the end of the turn,
    against not being asked."""
    return [f"If {o.partner} accepts: {change_words(o.accept)}",
            f"If {o.partner} declines: {change_words(o.decline)}"]
