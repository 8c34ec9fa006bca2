"""How many join attempts the class server evaluates, from one address and from everyone.

An attempt is counted the moment its request arrives, before its body is read: asyncio runs
one handler at a time, so the check and the count happen with nothing in between, and
hundreds of requests sent at once get no more attempts than hundreds sent one by one.  An
attempt whose code was right is given back; every other one (a wrong code, an unreadable
body, a body that never came) counts for `JOIN_WINDOW` seconds.

The caps, per window of a minute:

* one address: `PER_ADDRESS` attempts (10);
* everyone together: `OVERALL` attempts (60), but an address with no attempt in the window
  always gets its first one, so however many wrong codes others send, a student's first
  try with the right code is never refused (one address can only lock itself out).

Why this is enough: a team code is its actor and six characters of a 29-letter alphabet,
29**6 = 594,823,321 codes, one of which is right, so finding it takes about 297 million
guesses on average.  From one address (10 a minute) that is 29.7 million minutes, about 56
years; an 8-hour class allows 4,800 guesses, a chance of 1 in 124,000.  An attacker with A
addresses gets at most A + 60 guesses a minute (loopback counts as one address and an IPv6
/64 as one, so A is the number of IPv4 addresses it can claim on the classroom's network):
a whole /24 (254 addresses, 314 a minute) has 150,720 guesses in 8 hours, a chance of about
1 in 3,900 of hitting a team's code, and every wrong guess is logged.  The facilitator's key
has eight characters (29**8, about 5 * 10**11): hopeless at any of these rates.
"""

from __future__ import annotations

from collections import deque

JOIN_WINDOW = 60.0
PER_ADDRESS = 10
OVERALL = 60


class JoinLimiter:
    """Join attempts in a sliding window, per address key and in all; see module docstring."""

    def __init__(self, per_address: int = PER_ADDRESS, overall: int = OVERALL,
                 window: float = JOIN_WINDOW) -> None:
        self.per_address = per_address
        self.overall = overall
        self.window = window
        self._by_key: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()

    def reserve(self, key: str, now: float) -> bool:
        """Count an attempt from `key` at `now` if the caps allow one.  Call it before
        anything awaits, so that concurrent requests see each other's attempts."""
        self._expire(now)
        mine = self._by_key.get(key)
        if mine and (len(mine) >= self.per_address or len(self._all) >= self.overall):
            return False
        self._by_key.setdefault(key, deque()).append(now)
        self._all.append(now)
        return True

    def refund(self, key: str, at: float) -> None:
        """Give back the attempt `reserve` counted at `at`: its code was right."""
        for times in (self._by_key.get(key), self._all):
            if times is not None and at in times:
                times.remove(at)

    def _expire(self, now: float) -> None:
        start = now - self.window
        for times in (*self._by_key.values(), self._all):
            while times and times[0] <= start:
                times.popleft()
        self._by_key = {k: t for k, t in self._by_key.items() if t}
