"""Each browser's own folder of saves on the serving computer, found again after a reload.

A browser gets a random id in a cookie the first time it opens the page; its sessions keep
their saves in a folder named after that id. So a reload, a closed tab or a restarted server
finds the student's games again, while other browsers never see them (the id is 128 random
bits, sent only to this server, unreadable by scripts). A browser that refuses the cookie
still plays, in a fresh folder per session.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

COOKIE = "caspian_browser"
ID_PATTERN = re.compile(r"[0-9a-f]{32}")
KEEP_FOR = 180 * 24 * 3600  # seconds: a school term and then some


@dataclass(frozen=True)
class BrowserFolders:
    """Folders under `root`, one per browser id."""

    root: Path
    secure: bool = False

    def id_of(self, request: web.Request) -> str | None:
        """The browser's id if it sent a well-formed one (never a path of its choosing)."""
        given = request.cookies.get(COOKIE, "")
        return given if ID_PATTERN.fullmatch(given) else None

    def give_id(self, request: web.Request, response: web.StreamResponse) -> None:
        """Hand a browser without an id a new one."""
        if self.id_of(request) is None:
            response.set_cookie(COOKIE, secrets.token_hex(16), max_age=KEEP_FOR, httponly=True,
                                samesite="Strict", secure=self.secure, path="/")

    def home_for(self, request: web.Request) -> Path:
        """The data folder of the session this request opens."""
        return self.root / (self.id_of(request) or secrets.token_hex(16))
