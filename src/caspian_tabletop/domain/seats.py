"""Seats: who plays each actor — a human team, an AI of some strength, or nobody.

Written in replay files as short text (`human Team Baku`, `ai normal`, `off`) so that a
facilitator can edit them by hand.  A domain notion: replays, sessions, the CLI and the AI
read it, and none of them needs another to do so.
"""

from __future__ import annotations

from dataclasses import dataclass

# The AI strengths a seat may name (the AI package makes a bot of each).
STRENGTHS = ("easy", "normal", "hard", "expert")


@dataclass(frozen=True)
class Seat:
    """`kind` is human, ai or off; `detail` is the team name or the AI strength."""

    kind: str
    detail: str = ""

    def text(self) -> str:
        return f"{self.kind} {self.detail}".strip()


def parse_seat(text: str) -> Seat:
    """Parse a seat's text; raises ValueError with the accepted forms."""
    kind, _, detail = text.strip().partition(" ")
    detail = detail.strip()
    if kind == "human" and detail:
        return Seat("human", detail)
    if kind == "ai" and detail in STRENGTHS:
        return Seat("ai", detail)
    if kind == "off" and not detail:
        return Seat("off")
    raise ValueError(f"seat {text!r} is not 'human TEAM NAME', "
                     f"'ai {'|'.join(STRENGTHS)}' or 'off'")


# The seat choices a start screen or a branch dialog offers, in this order.
SEAT_CHOICES = ("human", *(f"ai {strength}" for strength in STRENGTHS), "off")


def seat_of(actor: str, choice: str, mode: str) -> Seat:
    """A seat choice as a Seat; a human seat is 'player' solo, a team otherwise."""
    if choice == "human":
        return Seat("human", "player" if mode == "solo" else f"Team {actor}")
    if choice == "off":
        return Seat("off")
    return Seat("ai", choice.split()[1])
