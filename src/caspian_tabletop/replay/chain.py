"""The digest chain that seals a replay, and the class key's signature over it.

Each turn's digest covers the file's header (the seed, the scenario hash, the seats, the
mode...), the chain of every turn before it, the turn's own records and the state the replay
reaches at its end. So an edit to anything a game depends on (a seed, a seat, a roll, a move,
a note, a digest) breaks the chain at the first turn it touches, and a reader can name that
turn. Anyone with this program can compute a chain; only a holder of the class key can make
the HMAC signature over its last link, which is how a teacher tells a save played under the
class key from one edited by hand (see docs/replay-format.md).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from caspian_tabletop.replay.schema import Replay, Turn

_GENESIS = b"caspian-replay chain v2\n"
_SIGNED = b"caspian-replay signature v2\n"
SIGNATURE_PREFIX = "hmac-sha256:"
# What the header is: every top-level field but these (`end` is a constant trailer).
NOT_HEADER = frozenset({"turns", "end", "signature"})


def canonical(data: Any) -> bytes:
    """One byte string per value: sorted keys, no spaces, no NaN; floats as Python prints
    them, which is also how the YAML writer and reader round-trip them."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def header_of(replay: Replay) -> dict[str, Any]:
    return replay.model_dump(mode="json", exclude_none=True, exclude=set(NOT_HEADER))


def turn_content(turn: Turn) -> dict[str, Any]:
    """What a turn's digest covers of the turn itself: all of it but the digest."""
    return turn.model_dump(mode="json", exclude_none=True, exclude={"digest"})


def genesis(header: dict[str, Any]) -> bytes:
    return hashlib.sha256(_GENESIS + canonical(header)).digest()


def link(previous: bytes, content: dict[str, Any], state_digest: str) -> bytes:
    """The chain's link for one turn, from the link before it."""
    return hashlib.sha256(previous + canonical(content) + state_digest.encode("ascii")).digest()


def short(chain_link: bytes) -> str:
    """The 16 hexadecimal digits written as a turn's `digest`."""
    return chain_link.hex()[:16]


def sign(key: bytes, last_link: bytes) -> str:
    return SIGNATURE_PREFIX + hmac.new(key, _SIGNED + last_link, hashlib.sha256).hexdigest()


def signed_with(key: bytes, last_link: bytes, signature: str | None) -> bool:
    """Whether `signature` was made with `key` over a chain ending in `last_link`."""
    return signature is not None and hmac.compare_digest(sign(key, last_link), signature)
