"""Turn-by-turn transcripts of a replayed game, as text lines or as JSON-ready data.

The text follows a game's transcript (render/transcript.py) and adds the replay's notes
with their citations, so a replay reads as the story the facilitator recorded.
"""

from __future__ import annotations

from typing import Any

from caspian_tabletop.engine.explain import Resolution
from caspian_tabletop.render.resolution import sentence
from caspian_tabletop.render.transcript import scores_text, shift_line
from caspian_tabletop.replay.runner import Item, Run
from caspian_tabletop.replay.schema import Replay


def text_lines(replay: Replay, run: Run, until_turn: int | None = None) -> list[str]:
    """The transcript as lines: a heading, each turn's story and shift, then the scores."""
    game = run.game
    actors = game.compiled.actors
    shifts = game.turn_shifts()
    lines = [
        f"{replay.title or game.scenario.title} — {game.scenario.id}, seed {game.seed}, "
        f"{game.order} orders, {replay.mode}"]
    for turn, items in _by_turn(run, until_turn):
        lines.append(f"Turn {turn} — {game.scenario.calendar.label(turn)}")
        for item in items:
            if item.resolution is not None:
                lines.append(f"  {sentence(item.resolution)}")
            else:
                cites = f" [{', '.join(item.cites)}]" if item.cites else ""
                lines.append(f"  note: {item.note}{cites}")
        lines.append(f"  influence shift: {shift_line(shifts.get(turn, {}), actors)}")
    scores = game.scores()
    label = "Final scores" if game.is_over else f"Scores at turn {game.turn} ({game.date})"
    lines.append(f"{label}: {scores_text(scores)}")
    if game.clash:
        lines.append(f"Ended in ARMED CLASH on turn {game.turn}.")
    return lines


def json_data(replay: Replay, run: Run, until_turn: int | None = None) -> dict[str, Any]:
    """The same transcript as plain data for tools (`replay --json`)."""
    game = run.game
    shifts = game.turn_shifts()
    turns = []
    for turn, items in _by_turn(run, until_turn):
        turn_shift = shifts.get(turn, {})
        turns.append({
            "turn": turn,
            "date": game.scenario.calendar.label(turn),
            "steps": [_item_data(i) for i in items],
            "shift": {a: {"total": sum(t.values()), "terms": t} for a, t in turn_shift.items()},
            "digest": run.digests.get(turn),
        })
    return {
        "title": replay.title, "scenario": game.scenario.id, "seed": game.seed,
        "order": game.order, "mode": replay.mode, "turns": turns,
        "scores": game.scores(), "over": game.is_over, "clash": game.clash,
    }


def _by_turn(run: Run, until_turn: int | None) -> list[tuple[int, list[Item]]]:
    grouped: dict[int, list[Item]] = {}
    for item in run.items:
        if until_turn is None or item.turn <= until_turn:
            grouped.setdefault(item.turn, []).append(item)
    return sorted(grouped.items())


def _item_data(item: Item) -> dict[str, Any]:
    if item.resolution is None:
        return {"step": "note", "text": item.note, "cites": list(item.cites)}
    res: Resolution = item.resolution
    return {
        "step": res.step, "actor": res.actor, "text": res.text, "sentence": sentence(res),
        "probability": res.probability, "roll": res.roll, "outcome": res.outcome,
        "facilitator": res.facilitator,
        "deltas": [{"key": d.key, "what": d.what, "before": d.before, "after": d.after}
                   for d in res.deltas],
        "shift": res.shift,
    }
