"""Mapping between a game's `Record` list (engine/records.py) and a replay's turns and steps.

Upkeep records are left out of files: they follow from the turn structure.  Notes carry
their citations inside the record text as a trailing `[cites: A, B]`, so they survive a
round trip through a live game.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from caspian_tabletop.engine.records import (
    AdjustRecord,
    EventsRecord,
    InjectRecord,
    MoveRecord,
    NoteRecord,
    Record,
)
from caspian_tabletop.replay.schema import Events, Step, Turn

_CITES = re.compile(r"^(?P<text>.*?)\s*\[cites: (?P<ids>[^\]]*)\]$", re.DOTALL)
_EFFECT_KEYS = ("kind", "amount", "actor", "target", "corridor", "turns")


def note_text(text: str, cites: tuple[str, ...]) -> str:
    """A note record's text: the note, then its citations if any."""
    return f"{text} [cites: {', '.join(cites)}]" if cites else text


def split_note(text: str) -> tuple[str, tuple[str, ...]]:
    """Inverse of `note_text`."""
    found = _CITES.match(text)
    if found is None:
        return text, ()
    return found["text"], tuple(i.strip() for i in found["ids"].split(",") if i.strip())


def step_of(record: MoveRecord | AdjustRecord | InjectRecord | NoteRecord) -> Step:
    """The file step of a move, adjust, inject or note record."""
    fields: dict[str, object]
    if record.kind == "move":
        fields = {"move": record.move, "roll": record.roll, "accept": record.accept,
                  "force": record.force, "fizzled": record.fizzled, "reason": record.reason}
    elif record.kind == "adjust":
        effect = {k: v for k, v in record.effect.items() if v is not None}
        fields = {"adjust": effect, "reason": record.reason}
    elif record.kind == "inject":
        fields = {"inject": record.event, "reason": record.reason}
    else:
        text, cites = split_note(record.text)
        fields = {"note": text, "cites": list(cites)}
    return Step.model_validate({k: v for k, v in fields.items() if v is not None}, strict=False)


def record_of(step: Step, turn: int) -> Record:
    """The record that applying `step` on `turn` should produce."""
    if step.move is not None:
        return MoveRecord(turn=turn, move=step.move, roll=step.roll, accept=step.accept,
                          force=step.force, reason=step.reason, fizzled=step.fizzled)
    if step.adjust is not None:
        effect = {k: getattr(step.adjust, k) for k in _EFFECT_KEYS}
        return AdjustRecord(turn=turn, reason=step.reason or "", effect=effect)
    if step.inject is not None:
        return InjectRecord(turn=turn, reason=step.reason or "", event=step.inject)
    return NoteRecord(turn=turn, text=note_text(step.note or "", tuple(step.cites)))


def events_record(turn: Turn) -> EventsRecord:
    return EventsRecord(turn=turn.turn, roll=turn.events.draw, event=turn.events.event,
                        scheduled=tuple(turn.events.scheduled))


@dataclass(frozen=True)
class Expected:
    """A record the file says the replay must produce, and where the file says it."""

    record: Record
    loc: tuple[object, ...]


def expected_records(turns: list[Turn]) -> Iterator[Expected]:
    """Every non-upkeep record of the file, in the order a replay produces them."""
    for i, turn in enumerate(turns):
        yield Expected(events_record(turn), ("turns", i, "events"))
        for j, step in enumerate(turn.steps):
            yield Expected(record_of(step, turn.turn), ("turns", i, "steps", j))


Steps = list[MoveRecord | AdjustRecord | InjectRecord | NoteRecord]


def group_turns(records: list[Record]) -> list[tuple[EventsRecord, Steps]]:
    """Records split into turns: each turn's events record and the steps that follow it."""
    turns: list[tuple[EventsRecord, Steps]] = []
    for record in records:
        if record.kind == "events":
            turns.append((record, []))
        elif record.kind != "upkeep" and turns:
            turns[-1][1].append(record)
    return turns


def opening(record: Record) -> EventsRecord:
    """The record that opens a turn: always its event phase."""
    if record.kind != "events":
        raise ValueError(f"a turn opens with its event phase, not a {record.kind} record")
    return record


def steps_of(records: list[Record]) -> Steps:
    """The records of file steps among `records` (upkeep and event phases left out)."""
    return [r for r in records if r.kind != "upkeep" and r.kind != "events"]


def events_of(record: EventsRecord) -> Events:
    return Events(draw=record.roll, event=record.event, scheduled=list(record.scheduled))
