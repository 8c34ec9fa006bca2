"""A TUI run by `serve` for one browser session: what it may read and write.

Whatever a browser sends reaches this process as keys, so in this mode no file is ever named
by what is typed: saves go, by a plain name, into the session's own folder (the server points
`$CASPIAN_TABLETOP_HOME` there), files are opened from lists of that folder (and the bundled
replays), and copies reach the student's computer as browser downloads.  The facilitator
passphrase is the server's, passed in the environment, never in a page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import App

from caspian_tabletop.paths import scenarios_dir

SERVED_ENV = "CASPIAN_TABLETOP_SERVED"
FACILITATOR_PASS_ENV = "CASPIAN_TABLETOP_FACILITATOR_PASS"
# The meta packet a served class client sends its tab server once a code was accepted: the
# server closes tabs that never send it (see `tui.web.server`).
JOINED_META = "caspian_class_joined"
# ... and once its token is refused (a resumed class revoked it): it has to join again.
LEFT_META = "caspian_class_left"
SUFFIX = ".yaml"
NAME_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,59}")
RESERVED_PREFIX = "autosave"

Entries = list[tuple[str, Path]]


@dataclass(frozen=True)
class Served:
    """Marks a served TUI; `facilitator_pass` None (never in practice) keeps the panel shut."""

    folder: Path
    facilitator_pass: str | None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Served | None:
        """Read once at launch: None unless the server marked this process as served."""
        if environ.get(SERVED_ENV) != "1":
            return None
        from caspian_tabletop import saves  # only served TUIs need it before the first game

        return cls(saves.saves_dir(), environ.get(FACILITATOR_PASS_ENV) or None)

    def save_path(self, name: str) -> Path:
        """The file a checked save name (`name_problem` said None) is written to."""
        return self.folder / f"{plain_name(name)}{SUFFIX}"

    def new_file(self, stem: str) -> Path:
        """A file of the folder that does not exist yet, named `stem` (ours, never typed) with
        `-2`, `-3`... added when needed: a served TUI replaces none of the folder's files."""
        path, number = self.folder / f"{stem}{SUFFIX}", 1
        while path.exists():
            number += 1
            path = self.folder / f"{stem}-{number}{SUFFIX}"
        return path

    def own_files(self) -> Entries:
        """The session folder's games and replays, newest first, labelled with their time."""
        if not self.folder.is_dir():
            return []
        found = [p for p in self.folder.glob(f"*{SUFFIX}")
                 if p.is_file() and not p.name.startswith(".")]
        found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        return [(f"{p.stem}   ({_stamp(p)})", p) for p in found]


def served_of(app: App[Any]) -> Served | None:
    """The serving context of the running app (None in a terminal)."""
    served = getattr(app, "served", None)
    return served if isinstance(served, Served) else None


def bundled_replays() -> Entries:
    return [(f"{p.stem}   (bundled replay)", p)
            for p in sorted((scenarios_dir() / "replays").glob(f"*{SUFFIX}"))]


def plain_name(typed: str) -> str:
    """The name without outer spaces and without a `.yaml` the student may have added."""
    name = typed.strip()
    return name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name


def name_problem(typed: str) -> str | None:
    """Why a typed save name is refused (None: it is a plain name inside the folder)."""
    name = plain_name(typed)
    if not name:
        return "Type a name for the save."
    if NAME_PATTERN.fullmatch(name) is None:
        return ("A save name is a plain name of up to 60 letters, digits, '-' and '_' "
                "(no folders, no dots, no spaces), e.g. team-baku-turn3.")
    if name.lower().startswith(RESERVED_PREFIX):
        return "Names starting with 'autosave' are kept for the automatic saves."
    return None


def _stamp(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
