"""Facilitator passphrases: random codes people can type, the salted hash a save keeps, and
the pause after repeated wrong tries.

A save holds only a lock (a slow salted hash, never the passphrase), so a resumed classroom
game still asks for it, and reading the file does not tell a student what to type.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

# Lower-case letters and digits without the look-alikes 0/o, 1/l/i: read off a board or a
# terminal and typed without mistakes.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
MIN_LENGTH = 4

# scrypt's cost (about 16 MiB and a few tens of milliseconds per try). The lock names the
# parameters; only these are accepted, so a crafted save cannot make a check run for minutes.
_N, _R, _P = 2**14, 8, 1
_PREFIX = f"scrypt${_N}${_R}${_P}$"
LOCK_PATTERN = rf"^scrypt\${_N}\${_R}\${_P}\$[0-9a-f]{{32}}\$[0-9a-f]{{64}}$"

FREE_TRIES = 3
FIRST_PAUSE = 5.0
LONGEST_PAUSE = 60.0


def random_code(length: int) -> str:
    """A random code from `ALPHABET` (about 5 bits a character), from `secrets`."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalised(passphrase: str) -> str:
    """The text compared: outer spaces dropped, Unicode in one form (accents typed either way)."""
    return unicodedata.normalize("NFC", passphrase.strip())


def problem_with(passphrase: str) -> str | None:
    """Why a chosen passphrase is refused, or None."""
    if len(normalised(passphrase)) < MIN_LENGTH:
        return f"The passphrase needs at least {MIN_LENGTH} characters."
    return None


def _derive(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(normalised(passphrase).encode("utf-8"), salt=salt, n=_N, r=_R, p=_P,
                          maxmem=64 * 1024 * 1024, dklen=32)


def make_lock(passphrase: str) -> str:
    """The text a save keeps for `passphrase`: the scrypt parameters, a fresh salt, the hash."""
    salt = secrets.token_bytes(16)
    return f"{_PREFIX}{salt.hex()}${_derive(passphrase, salt).hex()}"


def opens(lock: str, passphrase: str) -> bool:
    """Whether `passphrase` is the one `lock` was made from (False for a malformed lock)."""
    if re.fullmatch(LOCK_PATTERN, lock) is None:
        return False
    salt_hex, hash_hex = lock[len(_PREFIX):].split("$")
    return hmac.compare_digest(_derive(passphrase, bytes.fromhex(salt_hex)),
                               bytes.fromhex(hash_hex))


def same_text(typed: str, expected: str) -> bool:
    """Compare a typed passphrase with a known one in constant time."""
    return hmac.compare_digest(normalised(typed).encode("utf-8"),
                               normalised(expected).encode("utf-8"))


@dataclass
class TryGuard:
    """Counts wrong passphrases in a row: after `FREE_TRIES` of them, each further try waits
    (5 s, doubling to a minute), so guessing at the keyboard gets nowhere."""

    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    _until: float = field(default=0.0, repr=False)

    def wait_left(self) -> float:
        """Seconds before the next try is accepted (0 when it may be made now)."""
        return max(0.0, self._until - self.clock())

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= FREE_TRIES:
            pause = FIRST_PAUSE * 2 ** (self.failures - FREE_TRIES)
            self._until = self.clock() + min(LONGEST_PAUSE, pause)

    def succeeded(self) -> None:
        self.failures = 0
        self._until = 0.0
