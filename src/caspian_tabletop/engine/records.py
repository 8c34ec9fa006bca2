"""A game's history: one frozen record per step; replaying the records rebuilds the game exactly.

Each kind of step has its own type holding only its own fields; every type has a `turn` and
a `kind` (a class constant), so code can filter on `record.kind` and type checkers narrow
`Record` by it.  Records compare by value: a replay checks the records it makes against the
ones its file describes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal, TypeAlias


@dataclass(frozen=True, kw_only=True)
class EventsRecord:
    """A turn's start: the uniform draw, the deck event it chose, and the scheduled events."""

    kind: ClassVar[Literal["events"]] = "events"
    turn: int
    roll: float | None
    event: str | None = None
    scheduled: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class MoveRecord:
    """An actor's move: its roll if chance decided it, the partner's answer to a trade, an
    umpire's ruling and its reason, or why it fizzled (made illegal by earlier orders)."""

    kind: ClassVar[Literal["move"]] = "move"
    turn: int
    move: str
    roll: float | None = None
    accept: bool | None = None
    force: str | None = None
    reason: str | None = None
    fizzled: str | None = None


@dataclass(frozen=True, kw_only=True)
class UpkeepRecord:
    """A turn's end: income, effects expire, tension decays (it follows from the turn)."""

    kind: ClassVar[Literal["upkeep"]] = "upkeep"
    turn: int


@dataclass(frozen=True, kw_only=True)
class AdjustRecord:
    """The facilitator changed a value directly; `effect` says which, by how much."""

    kind: ClassVar[Literal["adjust"]] = "adjust"
    turn: int
    reason: str
    effect: dict[str, object]


@dataclass(frozen=True, kw_only=True)
class InjectRecord:
    """The facilitator played an event from the deck."""

    kind: ClassVar[Literal["inject"]] = "inject"
    turn: int
    reason: str
    event: str


@dataclass(frozen=True, kw_only=True)
class NoteRecord:
    """A facilitator's or player's note on the turn; it changes nothing."""

    kind: ClassVar[Literal["note"]] = "note"
    turn: int
    text: str


Record: TypeAlias = (EventsRecord | MoveRecord | UpkeepRecord | AdjustRecord | InjectRecord
                     | NoteRecord)
