"""Seats: who plays each actor — a human team, an AI of some strength, or nobody.

Written in replay files as short text (`human Team Baku`, `ai normal`, `off`) so that a
facilitator can edit them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from caspian_tabletop.ai.protocol import STRENGTHS


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
