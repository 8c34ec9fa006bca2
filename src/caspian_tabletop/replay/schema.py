"""Strict pydantic models of a replay file (format `caspian-replay`, version 2).

A replay is a scenario reference, a seed and, per turn, the chance outcomes, the moves, the
facilitator's actions and notes, and a digest that chains the turn to everything before it
(replay/chain.py).  A saved game is a replay, so there is one format.
docs/replay-format.md describes every field.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from caspian_tabletop.domain.seats import parse_seat
from caspian_tabletop.passphrase import LOCK_PATTERN
from caspian_tabletop.scenario.limits import (
    MAX_TURNS,
    SEED_LIMIT,
    amount_problem,
    turns_problem,
)

FORMAT = "caspian-replay"
VERSION = 2

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=40)]
ActorId = Annotated[str, Field(pattern=r"^[A-Z]{2,3}$")]
Digest = Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
Probability = Annotated[float, Field(ge=0.0, lt=1.0)]


class Strict(BaseModel):
    """Base: unknown keys are rejected, types are not coerced, NaN and inf are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)


class ScenarioRef(Strict):
    """Which scenario the game was played on; `hash` pins its exact content."""

    id: Slug
    hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    file: str | None = None


class Events(Strict):
    """A turn's event phase: the uniform draw, the deck event it chose, the scheduled ones."""

    draw: Probability | None = None
    event: Slug | None = None
    scheduled: list[Slug] = Field(default_factory=list)


class Adjustment(Strict):
    """A facilitator's direct change of one value (same fields as `Game.adjust`).

    The bounds are those `Game.adjust` applies, checked here too so that a file's error
    names its line; only the scenario's capital_max and length are left to the game.
    """

    kind: Slug
    amount: float
    actor: ActorId | None = None
    target: ActorId | None = None
    corridor: Slug | None = None
    turns: int | None = None

    @field_validator("amount")
    @classmethod
    def _amount(cls, amount: float, info: ValidationInfo) -> float:
        problem = amount_problem(info.data.get("kind", ""), amount)
        if problem is not None:
            raise ValueError(problem)
        return amount

    @field_validator("turns")
    @classmethod
    def _turns(cls, turns: int | None) -> int | None:
        problem = None if turns is None else turns_problem(turns)
        if problem is not None:
            raise ValueError(problem)
        return turns


class Step(Strict):
    """One committed action: exactly one of `move`, `adjust`, `inject` or `note`."""

    move: str | None = None
    roll: Probability | None = None
    accept: bool | None = None
    force: Literal["success", "failure"] | None = None
    fizzled: str | None = None
    adjust: Adjustment | None = None
    inject: Slug | None = None
    note: str | None = None
    cites: list[str] = Field(default_factory=list)
    reason: str | None = None

    @model_validator(mode="after")
    def _one_action(self) -> Step:
        chosen = [k for k in ("move", "adjust", "inject", "note") if getattr(self, k) is not None]
        if len(chosen) != 1:
            raise ValueError("a step has exactly one of move, adjust, inject or note"
                             + (f" (found {', '.join(chosen)})" if chosen else ""))
        if self.move is None and any(v is not None for v in
                                     (self.roll, self.accept, self.force, self.fizzled)):
            raise ValueError("roll, accept, force and fizzled belong to a move")
        if self.note is None and self.cites:
            raise ValueError("cites belong to a note")
        if self.note is not None and self.reason is not None:
            raise ValueError("a note has no reason: its text is the note")
        if (self.adjust is not None or self.inject is not None or self.force is not None) \
                and not self.reason:
            raise ValueError("facilitator actions and overrides need a reason")
        return self


class Order(Strict):
    """A secret order given but not yet revealed (simultaneous orders, saved mid-turn)."""

    move: str
    accept: bool | None = None
    force: Literal["success", "failure"] | None = None
    reason: str | None = None


class Turn(Strict):
    """One turn: its event phase, then every step, then its digest.

    `digest` seals the turn (replay/chain.py): it covers the header, the turns before, this
    turn's records, and the state after the turn's last step and what that step set off (the
    turn's upkeep and the next turn's event phase, i.e. where the next turn's orders start).
    """

    turn: Annotated[int, Field(ge=1, le=MAX_TURNS)]
    date: str | None = None
    events: Events
    steps: list[Step] = Field(default_factory=list)
    pending: list[Order] = Field(default_factory=list)
    digest: Digest | None = None


class Replay(Strict):
    """A whole replay or saved game."""

    format: Literal["caspian-replay"]
    version: Literal[2]
    title: str | None = None
    description: str | None = None
    scenario: ScenarioRef
    seed: Annotated[int, Field(ge=0, lt=SEED_LIMIT)]
    order: Literal["sequential", "simultaneous"] = "sequential"
    mode: Literal["solo", "classroom", "replay"]
    seats: dict[ActorId, str] = Field(default_factory=dict)
    facilitator_lock: Annotated[str, Field(pattern=LOCK_PATTERN)] | None = None
    finished: Literal[True] | None = None
    turns: list[Turn]
    signature: Annotated[str, Field(pattern=r"^hmac-sha256:[0-9a-f]{64}$")] | None = None
    end: Literal[True]
    _source: str = PrivateAttr(default="<replay>")
    _lines: dict[tuple[object, ...], int] = PrivateAttr(default_factory=dict)
    # Files of format version 1 or older carry plain state digests, not a chain.
    _chained: bool = PrivateAttr(default=True)

    @field_validator("seats")
    @classmethod
    def _seats(cls, seats: dict[str, str]) -> dict[str, str]:
        for text in seats.values():
            parse_seat(text)
        return seats

    @field_validator("turns")
    @classmethod
    def _consecutive(cls, turns: list[Turn]) -> list[Turn]:
        for i, turn in enumerate(turns, start=1):
            if turn.turn != i:
                raise ValueError(f"turns must be numbered 1, 2, 3, ...: entry {i} is turn "
                                 f"{turn.turn}")
        return turns

    @property
    def source(self) -> str:
        """The file name used in error messages."""
        return self._source

    def line_of(self, *loc: object) -> int | None:
        """The line in the source file of a path such as ('turns', 2, 'steps', 0)."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self._lines:
                return self._lines[loc[:end]]
        return None

    @property
    def chained(self) -> bool:
        """Whether the turn digests form a chain (format 2) or are plain state digests."""
        return self._chained

    def located(self, source: str, lines: dict[tuple[object, ...], int],
                chained: bool = True) -> Replay:
        """This replay, remembering the file and lines it was read from."""
        self._source = source
        self._lines = lines
        self._chained = chained
        return self
