"""The class key that signs saves (HMAC-SHA256, see replay/chain.py and the facilitator guide).

A teacher who sets a game as homework gives the key to the program, not to the students: in a
file named with `--key-file`, or in the `CASPIAN_TABLETOP_KEY` environment variable of the
machines the class plays on.  `replay --verify --key-file K` then tells a save played under the
key from one that was edited or made without it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.files import kind_of

KEY_ENV = "CASPIAN_TABLETOP_KEY"
MAX_KEY_BYTES = 4096  # a key file is a short secret, never a big file read by mistake
MIN_KEY_BYTES = 8


def class_key(key_file: Path | None) -> bytes | None:
    """The key from `key_file` if given, else from the environment, else None."""
    if key_file is not None:
        return _checked(_read_key_file(key_file).strip(), str(key_file))
    text = os.environ.get(KEY_ENV)
    if text is None:
        return None
    try:
        key = text.strip().encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8, kept by Python as surrogates
        raise CaspianError(f"${KEY_ENV}: error: the class key is not valid UTF-8 text; set "
                           "it to letters, digits and punctuation") from None
    return _checked(key, f"${KEY_ENV}")


def _read_key_file(key_file: Path) -> bytes:
    """The start of a key file, which must be a regular file: opened without waiting (a
    FIFO or a device would block the command), then checked before it is read."""
    try:
        fd = os.open(key_file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise CaspianError(f"{key_file}: error: cannot read the key file: "
                           f"{exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise CaspianError(f"{key_file}: error: not a key file: it is {kind_of(mode)}, "
                               "not a regular file")
        try:
            raw = handle.read(MAX_KEY_BYTES + 1)
        except OSError as exc:
            raise CaspianError(f"{key_file}: error: cannot read the key file: "
                               f"{exc.strerror or exc}") from None
    if len(raw) > MAX_KEY_BYTES:
        raise CaspianError(f"{key_file}: error: not a key file: longer than "
                           f"{MAX_KEY_BYTES} bytes")
    return raw


def _checked(key: bytes, where: str) -> bytes:
    if len(key) < MIN_KEY_BYTES:
        raise CaspianError(f"{where}: error: the class key must be at least {MIN_KEY_BYTES} "
                           "characters long")
    return key
