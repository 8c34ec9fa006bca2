"""Moves as values, and their text notation (round-trips exactly).

Notation, one move per line, actor first:

    AZ trade KZ middle-corridor 0.5      proposer, partner, corridor, volume (Mt/yr)
    RU drill south                       leader, zone
    RU drill south IR                    leader, zone, partner
    RU blockade middle-corridor middle   blockader, corridor, zone
    KZ invest aktau-expansion            investor, corridor or asset
    AZ summit TM                         host, guest
    AF pass
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from caspian_tabletop.domain.errors import NotationError

# How a turn's orders are given: one after another, or sealed and revealed together.
ORDERS = ("sequential", "simultaneous")

class MoveKind(StrEnum):
    TRADE = "trade"
    DRILL = "drill"
    BLOCKADE = "blockade"
    INVEST = "invest"
    SUMMIT = "summit"
    PASS = "pass"


KIND_ORDER: tuple[MoveKind, ...] = tuple(MoveKind)

_ACTOR = re.compile(r"^[A-Z]{2,3}$")
_SLUG = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Move:
    """One main move of one actor; unused fields stay None."""

    kind: MoveKind
    actor: str
    partner: str | None = None
    corridor: str | None = None
    zone: str | None = None
    volume: float | None = None
    target: str | None = None

    def notation(self) -> str:
        parts = [self.actor, self.kind.value]
        if self.kind is MoveKind.TRADE:
            parts += [str(self.partner), str(self.corridor), format_volume(self.volume)]
        elif self.kind is MoveKind.DRILL:
            parts += [str(self.zone)] + ([self.partner] if self.partner else [])
        elif self.kind is MoveKind.BLOCKADE:
            parts += [str(self.corridor), str(self.zone)]
        elif self.kind is MoveKind.INVEST:
            parts += [str(self.target)]
        elif self.kind is MoveKind.SUMMIT:
            parts += [str(self.partner)]
        return " ".join(parts)

    def __str__(self) -> str:
        return self.notation()


def format_volume(volume: float | None) -> str:
    return f"{volume:g}" if volume is not None else "?"


def _actor(text: str, token: str) -> str:
    if not _ACTOR.match(token):
        raise NotationError(text, f"{token!r} is not an actor id (two or three capitals, e.g. AZ)")
    return token


def _slug(text: str, token: str, what: str) -> str:
    if not _SLUG.match(token):
        raise NotationError(text, f"{token!r} is not a {what} id (lower-case words with dashes)")
    return token


_ARITY = {
    MoveKind.TRADE: (3, 3, "ACTOR trade PARTNER CORRIDOR VOLUME"),
    MoveKind.DRILL: (1, 2, "ACTOR drill ZONE [PARTNER]"),
    MoveKind.BLOCKADE: (2, 2, "ACTOR blockade CORRIDOR ZONE"),
    MoveKind.INVEST: (1, 1, "ACTOR invest CORRIDOR-OR-ASSET"),
    MoveKind.SUMMIT: (1, 1, "ACTOR summit PARTNER"),
    MoveKind.PASS: (0, 0, "ACTOR pass"),
}


def parse_move(text: str) -> Move:
    """Parse notation into a Move; raises NotationError with the expected form."""
    tokens = text.split()
    if len(tokens) < 2:
        raise NotationError(text, "expected 'ACTOR KIND ...', e.g. 'AZ pass'")
    actor = _actor(text, tokens[0])
    try:
        kind = MoveKind(tokens[1])
    except ValueError:
        known = ", ".join(k.value for k in MoveKind)
        raise NotationError(text, f"unknown move kind {tokens[1]!r} (known: {known})") from None
    args = tokens[2:]
    low, high, form = _ARITY[kind]
    if not low <= len(args) <= high:
        raise NotationError(text, f"expected '{form}'")
    if kind is MoveKind.TRADE:
        try:
            volume = float(args[2])
        except ValueError:
            raise NotationError(text, f"volume {args[2]!r} is not a number") from None
        if not volume > 0 or volume == float("inf"):
            raise NotationError(text, f"volume {args[2]!r} must be a positive number")
        return Move(kind, actor, partner=_actor(text, args[0]),
                    corridor=_slug(text, args[1], "corridor"), volume=volume)
    if kind is MoveKind.DRILL:
        partner = _actor(text, args[1]) if len(args) == 2 else None
        return Move(kind, actor, zone=_slug(text, args[0], "zone"), partner=partner)
    if kind is MoveKind.BLOCKADE:
        return Move(kind, actor, corridor=_slug(text, args[0], "corridor"),
                    zone=_slug(text, args[1], "zone"))
    if kind is MoveKind.INVEST:
        return Move(kind, actor, target=_slug(text, args[0], "corridor or asset"))
    if kind is MoveKind.SUMMIT:
        return Move(kind, actor, partner=_actor(text, args[0]))
    return Move(kind, actor)
