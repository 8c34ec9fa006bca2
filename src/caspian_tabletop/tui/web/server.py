"""textual-serve's Server, made fit for a class: a key, an Origin check, a cap on sessions,
a folder per browser, the facilitator passphrase passed to each game, no outside requests.

textual-serve starts one TUI process per websocket. This subclass keeps its routes and its
protocol, and adds: the access middleware (`access.Access`), its own page templates (the
package's page loads web fonts from another host; ours uses the bundled font), a count of
live sessions, and the environment each TUI gets (`tui.served`).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server, to_int

from caspian_tabletop.saves import HOME_ENV
from caspian_tabletop.tui.served import FACILITATOR_PASS_ENV, SERVED_ENV
from caspian_tabletop.tui.web.access import FOREIGN_ORIGIN, Access
from caspian_tabletop.tui.web.folders import BrowserFolders

TEMPLATES = Path(__file__).parent / "templates"
FULL_SOCKET = "503: the class is full; a session must end before another can start."

log = logging.getLogger("textual-serve")


@dataclass(frozen=True)
class ClassSettings:
    """What the teacher's `serve` command decided for this launch."""

    key: str
    facilitator_pass: str
    max_sessions: int
    folders: Path


class SessionService(AppService):
    """One browser session's TUI process, with the served marker, its own data folder and the
    facilitator passphrase in its environment (never in a page or an address)."""

    def __init__(self, command: str, extra_environment: dict[str, str], *,
                 websocket: web.WebSocketResponse, download_manager: DownloadManager,
                 debug: bool) -> None:
        async def close() -> None:
            await websocket.close()

        super().__init__(command, write_bytes=websocket.send_bytes,
                         write_str=websocket.send_str, close=close,
                         download_manager=download_manager, debug=debug)
        self.extra_environment = extra_environment

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return {**super()._build_environment(width, height), **self.extra_environment}


class ClassServer(Server):
    """See module docstring; `sessions` counts the TUI processes running now."""

    def __init__(self, command: str, settings: ClassSettings, *, host: str, port: int,
                 public_url: str | None) -> None:
        super().__init__(command, host=host, port=port, title="Caspian Tabletop",
                         public_url=public_url, templates_path=TEMPLATES)
        self.settings = settings
        self.access = Access.for_server(settings.key, self.public_url)
        self.folders = BrowserFolders(settings.folders, secure=self.access.secure)
        self.sessions = 0

    @property
    def address(self) -> str:
        """What the teacher gives the class: the served address with the key."""
        return f"{self.public_url.rstrip('/')}/?key={self.settings.key}"

    @property
    def full(self) -> bool:
        return self.sessions >= self.settings.max_sessions

    async def make_app(self) -> web.Application:
        """The app, for a caller that runs it beside another (the class host)."""
        return await self._make_app()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.access.middleware())
        return app

    async def on_startup(self, app: web.Application) -> None:
        """The command printed the address, the passphrase and the cap already."""
        self.console.print("[cyan]Ready. Press Ctrl+C to stop the server.")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.full:
            return aiohttp_jinja2.render_template(
                "class_full.html", request,
                {"max_sessions": self.settings.max_sessions}, status=503)
        response: web.StreamResponse = await super().handle_index(request)
        self.folders.give_id(request, response)
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.access.same_origin(request):
            raise web.HTTPForbidden(text=FOREIGN_ORIGIN)
        if self.full:
            raise web.HTTPServiceUnavailable(text=FULL_SOCKET)
        self.sessions += 1  # counted before any await, so the cap holds under a rush
        try:
            return await self._run_session(request)
        finally:
            self.sessions -= 1

    async def _run_session(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's websocket handler, with `SessionService` for the process."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: SessionService | None = None
        try:
            await websocket.prepare(request)
            service = SessionService(self.command, self._environment(request),
                                     websocket=websocket,
                                     download_manager=self.download_manager, debug=self.debug)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a broken session must not take the server down
            log.exception(error)
        finally:
            if service is not None:
                await service.stop()
        return websocket

    def _environment(self, request: web.Request) -> dict[str, str]:
        return {SERVED_ENV: "1", HOME_ENV: str(self.folders.home_for(request)),
                FACILITATOR_PASS_ENV: self.settings.facilitator_pass}
