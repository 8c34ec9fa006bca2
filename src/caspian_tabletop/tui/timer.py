"""The classroom turn timer: a per-turn countdown that can be paused, and never moves for anyone.

Plain Python with an injectable clock, so the screens only ask it what to show.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class TurnTimer:
    """Counts `minutes` down from the start of each turn; 0 minutes means no timer."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.minutes = 0.0
        self.turn: int | None = None
        self.deadline: float | None = None
        self.paused_left: float | None = None
        self.expired_seen = False

    def set(self, minutes: float, turn: int) -> None:
        """Set the length of every turn from now on, and restart this turn's countdown."""
        self.minutes = max(0.0, minutes)
        self.turn = None
        self.paused_left = None
        self.start_turn(turn)

    def start_turn(self, turn: int) -> None:
        """A new turn restarts the countdown (same turn: nothing changes)."""
        if turn == self.turn:
            return
        self.turn = turn
        self.expired_seen = False
        self.deadline = self.clock() + self.minutes * 60 if self.minutes > 0 else None
        if self.paused_left is not None and self.deadline is not None:
            self.paused_left = self.minutes * 60

    @property
    def running(self) -> bool:
        return self.deadline is not None

    @property
    def paused(self) -> bool:
        return self.paused_left is not None

    def left(self) -> float | None:
        """Seconds left this turn (never below 0), or None without a timer."""
        if self.paused_left is not None:
            return self.paused_left
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - self.clock())

    def pause(self) -> None:
        if self.paused_left is None:
            self.paused_left = self.left() or 0.0

    def resume(self) -> None:
        if self.paused_left is not None:
            if self.deadline is not None:
                self.deadline = self.clock() + self.paused_left
            self.paused_left = None

    def just_expired(self) -> bool:
        """True once, at the first check after the countdown reaches zero."""
        if self.expired_seen or self.paused or self.left() != 0.0:
            return False
        self.expired_seen = True
        return True

    def label(self) -> str:
        """What the header shows: `⏱ 07:42`, `⏱ time up`, `⏸ paused` or nothing."""
        left = self.left()
        if left is None:
            return ""
        if self.paused:
            return f"⏸ {_clock(left)} paused"
        return "⏱ time up" if left == 0.0 else f"⏱ {_clock(left)}"


def _clock(seconds: float) -> str:
    whole = int(seconds + 0.999)
    return f"{whole // 60:02d}:{whole % 60:02d}"
