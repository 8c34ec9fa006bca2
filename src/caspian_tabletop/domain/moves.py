"""Moves as values, the table of every move kind, and their text notation (round-trips exactly).

Notation, one move per line, actor first:

    AZ trade KZ middle-corridor 0.5      proposer, partner, corridor, volume (Mt/yr)
    RU drill south                       leader, zone
    RU drill south IR                    leader, zone, partner (asked)
    RU blockade middle-corridor middle   blockader, corridor, zone
    RU blockade middle-corridor middle IR    ... and a partner (asked)
    KZ invest aktau-expansion            investor, corridor or asset
    AZ summit TM                         host, guest (asked)
    RU demand KZ middle-corridor         claimant, the route's member asked, corridor
    AF pass

`MOVE_KINDS` is the one description of what each kind names.  Notation (printing and
parsing), the engine's action table, the move builder and the reasons a move is refused all
read it, so a new kind is one entry there plus its rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from caspian_tabletop.domain.errors import NotationError

# How a turn's orders are given: one after another, or sealed and revealed together.
ORDERS = ("sequential", "simultaneous")


class MoveKind(StrEnum):
    TRADE = "trade"
    DRILL = "drill"
    BLOCKADE = "blockade"
    INVEST = "invest"
    SUMMIT = "summit"
    DEMAND = "demand"
    PASS = "pass"


KIND_ORDER: tuple[MoveKind, ...] = tuple(MoveKind)

_ACTOR = re.compile(r"^[A-Z]{2,3}$")
_SLUG = re.compile(r"^[a-z][a-z0-9-]*$")


class Token(Enum):
    """How a field is written in notation."""

    ACTOR = "actor"  # two or three capitals
    SLUG = "slug"  # lower-case words with dashes
    NUMBER = "number"  # a positive, finite number


def format_volume(volume: float | None) -> str:
    """The shortest text that reads back as the same float ('1', '0.5', '0.1234567'); of
    two as short, the six-digit general format volumes have always been printed in."""
    if volume is None:
        return "?"
    texts = (f"{volume:g}", repr(volume).removesuffix(".0"))
    return min((t for t in texts if float(t) == volume), key=len)


@dataclass(frozen=True)
class Field:
    """A value a move can name: the `Move` attribute that holds it, and how it reads and shows.

    `unknown` says why a move is refused when the scenario lacks the value; it may use
    `{value}` and `{known}` (the scenario's values).  `itself` is the reason when the value
    names the moving actor, for fields that must name another one.
    """

    name: str
    placeholder: str
    what: str
    token: Token
    unknown: str
    itself: str | None = None
    unit: str = ""
    absent: str = "—"

    def show(self, value: object) -> str:
        """The value as notation writes it."""
        if self.token is Token.NUMBER and (value is None or isinstance(value, int | float)):
            return format_volume(None if value is None else float(value))
        return str(value)

    def label(self, value: object) -> str:
        """The value for a list of choices: with its unit, or what leaving it out means."""
        return self.absent if value is None else self.show(value) + self.unit

    def read(self, text: str, token: str) -> str | float:
        """The value of `token` in the move `text`; raises NotationError if it is not one."""
        if self.token is Token.NUMBER:
            try:
                number = float(token)
            except ValueError:
                raise NotationError(text, f"{self.what} {token!r} is not a number") from None
            if not number > 0 or number == float("inf"):
                raise NotationError(text, f"{self.what} {token!r} must be a positive number")
            return number
        if self.token is Token.ACTOR:
            return _actor(text, token)
        if not _SLUG.match(token):
            raise NotationError(text, f"{token!r} is not a {self.what} id "
                                      "(lower-case words with dashes)")
        return token


PARTNER = Field("partner", "PARTNER", "actor", Token.ACTOR,
                unknown="no actor {value!r} in this scenario",
                itself="{actor} cannot make a {kind} with itself", absent="alone")
CORRIDOR = Field("corridor", "CORRIDOR", "corridor", Token.SLUG,
                 unknown="no corridor {value!r} (corridors: {known})")
ZONE = Field("zone", "ZONE", "zone", Token.SLUG, unknown="no zone {value!r} (zones: {known})")
TARGET = Field("target", "CORRIDOR-OR-ASSET", "corridor or asset", Token.SLUG,
               unknown="no corridor or asset {value!r}")
VOLUME = Field("volume", "VOLUME", "volume", Token.NUMBER,
               unknown="volume {value} is not offered (volumes: {known})", unit=" Mt/yr")

# Every field, in the order a move's values are checked against a scenario.
FIELDS = (PARTNER, CORRIDOR, ZONE, TARGET, VOLUME)


@dataclass(frozen=True)
class Param:
    """A field in one kind's notation; optional ones come last and may be left out."""

    field: Field
    optional: bool = False


@dataclass(frozen=True)
class KindSpec:
    """One move kind: its fields in notation order and what the engine and screens need.

    `cost` names the scenario rule (a `Rules` attribute) that gives its capital cost, None
    when it is free.  `words` describes a move for lists of choices, with its fields in
    braces; `words_without` when its optional fields are left out.  A `chance` move is
    resolved by a roll; an `answered` one asks its partner, who says yes or no from its own
    objectives (nobody is committed to a deal, a summit, a drill or a blockade unasked).
    """

    kind: MoveKind
    params: tuple[Param, ...]
    cost: str | None
    words: str
    words_without: str = ""
    chance: bool = False
    answered: bool = False

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(p.field for p in self.params)

    @property
    def required(self) -> int:
        return sum(1 for p in self.params if not p.optional)

    @property
    def form(self) -> str:
        """The notation form, e.g. 'ACTOR drill ZONE [PARTNER]'."""
        names = [f"[{p.field.placeholder}]" if p.optional else p.field.placeholder
                 for p in self.params]
        return " ".join(["ACTOR", self.kind.value, *names])


MOVE_KINDS: dict[MoveKind, KindSpec] = {spec.kind: spec for spec in (
    KindSpec(MoveKind.TRADE, (Param(PARTNER), Param(CORRIDOR), Param(VOLUME)), "cost_trade",
             "trade {volume} Mt with {partner} via {corridor}", answered=True),
    KindSpec(MoveKind.DRILL, (Param(ZONE), Param(PARTNER, optional=True)), "cost_drill",
             "drill in {zone} with {partner}", "drill in {zone} alone", chance=True,
             answered=True),
    KindSpec(MoveKind.BLOCKADE, (Param(CORRIDOR), Param(ZONE), Param(PARTNER, optional=True)),
             "cost_blockade", "blockade {corridor} in {zone} with {partner}",
             "blockade {corridor} in {zone} alone", chance=True, answered=True),
    KindSpec(MoveKind.INVEST, (Param(TARGET),), "cost_invest", "invest in {target}"),
    KindSpec(MoveKind.SUMMIT, (Param(PARTNER),), "cost_summit", "summit with {partner}",
             answered=True),
    KindSpec(MoveKind.DEMAND, (Param(PARTNER), Param(CORRIDOR)), "cost_demand",
             "demand a stake in {corridor} from {partner}", answered=True),
    KindSpec(MoveKind.PASS, (), None, "pass (keep capital)"),
)}


@dataclass(frozen=True)
class Move:
    """One main move of one actor; fields its kind does not name stay None."""

    kind: MoveKind
    actor: str
    partner: str | None = None
    corridor: str | None = None
    zone: str | None = None
    volume: float | None = None
    target: str | None = None

    @property
    def spec(self) -> KindSpec:
        return MOVE_KINDS[self.kind]

    @property
    def asks(self) -> bool:
        """Whether the move waits on its partner's yes or no (a drill or blockade asks only
        when it names a partner)."""
        return self.spec.answered and self.partner is not None

    def notation(self) -> str:
        parts = [self.actor, self.kind.value]
        for param in self.spec.params:
            value = getattr(self, param.field.name)
            if value is not None or not param.optional:
                parts.append(param.field.show(value))
        return " ".join(parts)

    def __str__(self) -> str:
        return self.notation()


def _actor(text: str, token: str) -> str:
    if not _ACTOR.match(token):
        raise NotationError(text, f"{token!r} is not an actor id (two or three capitals, e.g. AZ)")
    return token


def parse_move(text: str) -> Move:
    """Parse notation into a Move; raises NotationError with the expected form.

    A number that does not read is reported before any name, then names in `FIELDS` order.
    """
    tokens = text.split()
    if len(tokens) < 2:
        raise NotationError(text, "expected 'ACTOR KIND ...', e.g. 'AZ pass'")
    actor = _actor(text, tokens[0])
    try:
        kind = MoveKind(tokens[1])
    except ValueError:
        known = ", ".join(k.value for k in MoveKind)
        raise NotationError(text, f"unknown move kind {tokens[1]!r} (known: {known})") from None
    spec = MOVE_KINDS[kind]
    args = tokens[2:]
    if not spec.required <= len(args) <= len(spec.params):
        raise NotationError(text, f"expected '{spec.form}'")
    given = sorted(zip(spec.fields, args, strict=False),
                   key=lambda pair: (pair[0].token is not Token.NUMBER, FIELDS.index(pair[0])))
    values: dict[str, Any] = {field.name: field.read(text, token) for field, token in given}
    return Move(kind, actor, **values)
