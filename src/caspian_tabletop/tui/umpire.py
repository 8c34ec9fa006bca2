"""The facilitator's state that lives beside a game: the turn timer, a waiting ruling, and the
count of wrong passphrases typed to open the panel.

Apart from the facilitator's panel, so a game screen holds it without loading the panel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from caspian_tabletop.domain.moves import Move
from caspian_tabletop.passphrase import TryGuard
from caspian_tabletop.tui.timer import TurnTimer


@dataclass(frozen=True)
class Ruling:
    """An override waiting for a sequential move to be committed."""

    move: Move
    force: str
    reason: str


@dataclass
class Umpire:
    """What the facilitator has set for the game on screen."""

    timer: TurnTimer = field(default_factory=TurnTimer)
    ruling: Ruling | None = None
    guard: TryGuard = field(default_factory=TryGuard)
