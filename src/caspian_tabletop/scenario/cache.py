"""A disk cache of checked scenarios, so launching the game skips YAML parsing and checks.

Loading a scenario is deterministic in the bytes of its file, in what the semantic checks are
given from the source register, and in the code that reads and checks it.  `entry_key` hashes
all three, so an entry can only be found by a load that would produce the same scenario; the
scenario package's own sources stand in for "the code", so editing a check in a checkout
misses the cache without a version bump.

An entry is the model's JSON without unset fields (so a hit has the same `model_fields_set`
as a fresh load), read back with `model_validate_json`: about 3 ms for the 2021 scenario
against about 60 ms for the YAML reader, validation and checks.  That is as fast as pickle,
yet loading an entry can never run code: a tampered one yields at worst a rejected or wrong
scenario, as a tampered scenario file would.  Any entry that cannot be read or validated is
ignored (the caller loads normally and stores a fresh one).  Only successful loads are
stored, so errors always come from the full path, located exactly as before.

Entries live under the user cache folder, or `$CASPIAN_TABLETOP_CACHE`; setting
`$CASPIAN_TABLETOP_NO_CACHE=1` turns the cache off (the test suite does, see tests/conftest.py).
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

import platformdirs
import pydantic
from pydantic import ValidationError

from caspian_tabletop import __version__, files
from caspian_tabletop.files import OutputError
from caspian_tabletop.scenario.files import MAX_BYTES
from caspian_tabletop.scenario.schema import Scenario

CACHE_ENV = "CASPIAN_TABLETOP_CACHE"
NO_CACHE_ENV = "CASPIAN_TABLETOP_NO_CACHE"


def cache_dir() -> Path | None:
    """The folder holding entries, or None when the cache is turned off."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    override = os.environ.get(CACHE_ENV)
    base = Path(override) if override else platformdirs.user_cache_path("caspian-tabletop")
    return base / "scenarios"


@cache
def _code_digest() -> bytes:
    """What the loading code is: versions plus the source of every scenario module."""
    digest = hashlib.sha256(f"{__version__} pydantic {pydantic.VERSION}".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.digest()


def entry_key(scenario_bytes: bytes, register_basis: bytes) -> str:
    """The entry name for a scenario file's bytes checked against `register_basis`.

    `register_basis` is whatever determines the register ids the checks see: the register
    file's bytes, or the ids themselves when the caller passes a register model.
    """
    digest = hashlib.sha256(_code_digest())
    for part in (scenario_bytes, register_basis):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def lookup(key: str) -> Scenario | None:
    """The cached scenario for `key`, or None if absent, unreadable, invalid or turned off."""
    folder = cache_dir()
    if folder is None:
        return None
    entry = folder / f"{key}.json"
    try:
        # Only a regular file of a sane size: a pipe here would block the launch for ever.
        if not entry.is_file() or entry.stat().st_size > MAX_BYTES:
            return None
        return Scenario.model_validate_json(entry.read_bytes())
    except (OSError, ValidationError):
        return None


def store(key: str, scenario: Scenario) -> None:
    """Write the entry atomically (`files.write_text`: the cache folder is the program's own,
    made if missing); a failure only costs the speed-up."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        files.write_text(folder / f"{key}.json", scenario.model_dump_json(exclude_unset=True),
                         replace=True, make_parents=True)
    except OutputError:
        return
