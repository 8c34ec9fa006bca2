"""Join codes, the facilitator key and session tokens.

Codes are read aloud in a classroom, so they use an alphabet without look-alikes (no 0/O,
1/I/L, U/V) and a team prefix (`KZ-4Q7M2X`); a wrong guess costs a rate-limited attempt
(`limits` works out why six characters are enough).  Tokens are what a client keeps after
joining: long, random, and stored only as their SHA-256 digest, as are the codes themselves.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
CODE_LENGTH = 6  # 29**6: about 595 million codes per team
KEY_LENGTH = 8
PROJECTOR = "WALL"
FACILITATOR = "FAC"


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def team_code(actor: str) -> str:
    """A team's join code: its actor and six characters, e.g. `KZ-4Q7M2X`."""
    return f"{actor}-{_random(CODE_LENGTH)}"


def projector_code() -> str:
    return f"{PROJECTOR}-{_random(CODE_LENGTH)}"


def facilitator_key() -> str:
    """Longer than a team code: it opens every sealed order."""
    key = _random(KEY_LENGTH)
    return f"{FACILITATOR}-{key[:4]}-{key[4:]}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def normalise(code: str) -> str:
    """A code as typed (any case, spaces, O for 0 and so on are not guessed at)."""
    return "".join(code.split()).upper()


def digest(secret: str) -> str:
    """What the store keeps of a token (exactly as issued)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def code_digest(code: str) -> str:
    """What the store keeps of a join code (as typed, in any case or spacing)."""
    return digest(normalise(code))


def new_class_id() -> str:
    return f"class-{_random(6).lower()}"
