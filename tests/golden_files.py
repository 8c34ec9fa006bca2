"""The type of the `golden` fixture (tests/conftest.py): `golden(path, text)` checks a text
against its golden file, rewritten only under `--snapshot-update`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Golden = Callable[[Path, str], None]
