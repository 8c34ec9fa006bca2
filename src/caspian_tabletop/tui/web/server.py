"""textual-serve's Server, made fit for a class: a key, an Origin check, a cap on sessions,
a folder per browser, the facilitator passphrase passed to each game, no outside requests.

textual-serve starts one TUI process per websocket. This subclass keeps its routes and its
protocol, and adds: the access middleware (`access.Access`), its own page templates (the
package's page loads web fonts from another host; ours uses the bundled font), a count of
live sessions, and the environment each TUI gets (`tui.served`).

For `host`'s class tabs the key is no secret (the class port hands it to anyone who opens
it): the join code typed into the tab is the real gate. That code is typed into the TUI
process itself (the page is only a terminal), so the process cannot start later than the
tab opens; instead one device (its address as the class server counts it: loopback as one,
an IPv6 /64 as one) holds at most `per_address` tabs, and a tab whose
class client reports no accepted code (`JOINED_META`) within `join_within` seconds is
closed. Typing nothing thus cannot keep the class's tabs from the students.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server, to_int

from caspian_tabletop.classroom.connections import LogOnce, address_key, close_all
from caspian_tabletop.classroom.devices import DEVICE_ENV, SECRET_ENV
from caspian_tabletop.saves import HOME_ENV
from caspian_tabletop.tui.served import FACILITATOR_PASS_ENV, JOINED_META, LEFT_META, SERVED_ENV
from caspian_tabletop.tui.web.access import FOREIGN_ORIGIN, Access
from caspian_tabletop.tui.web.folders import BrowserFolders

TEMPLATES = Path(__file__).parent / "templates"
FULL_SOCKET = "503: the class is full; a session must end before another can start."
CROWDED_SOCKET = ("429: this device has as many tabs open as it may; close one before "
                  "opening another.")
QUIT_WITHIN = 10.0  # seconds a tab's process has to end once told to quit
NOT_JOINED = "no class joined in time: reload the page and type your code"

log = logging.getLogger("textual-serve")


@dataclass(frozen=True)
class ClassSettings:
    """What the teacher's `serve` command decided for this launch."""

    key: str
    facilitator_pass: str
    max_sessions: int
    folders: Path
    per_address: int | None = None  # tabs one network address may hold (None: no cap)
    join_within: float | None = None  # seconds a class tab has to join (None: no limit)
    device_secret: str | None = None  # given to class tabs with their browser's address


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
        self.joined = asyncio.Event()
        self.left = asyncio.Event()

    async def stop(self) -> None:
        """textual-serve's stop (it asks the process to quit), then wait for the process to
        end, killing it after `QUIT_WITHIN` s: a place counts as free only once its
        process, and the memory it holds, is gone."""
        await super().stop()
        process = self._process
        if process is None:
            return
        try:
            await asyncio.wait_for(process.wait(), QUIT_WITHIN)
        except TimeoutError:
            process.kill()
            await process.wait()

    async def on_meta(self, data: bytes) -> None:
        """Our class client's `JOINED_META` and `LEFT_META` are for the server alone; the
        rest as usual."""
        kind = json.loads(data).get("type")
        if kind == JOINED_META:
            self.left.clear()
            self.joined.set()
            return
        if kind == LEFT_META:
            self.joined.clear()
            self.left.set()
            return
        await super().on_meta(data)

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return {**super()._build_environment(width, height), **self.extra_environment}


class ClassServer(Server):
    """See module docstring; `sessions` counts the TUI processes running now, `by_address`
    those of each network address."""

    def __init__(self, command: str, settings: ClassSettings, *, host: str, port: int,
                 public_url: str | None) -> None:
        super().__init__(command, host=host, port=port, title="Caspian Tabletop",
                         public_url=public_url, templates_path=TEMPLATES)
        self.settings = settings
        self.access = Access.for_server(settings.key, self.public_url)
        self.folders = BrowserFolders(settings.folders, secure=self.access.secure)
        self.sessions = 0
        self.by_address: Counter[str] = Counter()
        self._tell = LogOnce()
        self._sockets: set[web.WebSocketResponse] = set()  # the open tabs

    @property
    def address(self) -> str:
        """What the teacher gives the class: the served address with the key."""
        return f"{self.public_url.rstrip('/')}/?key={self.settings.key}"

    @property
    def full(self) -> bool:
        return self.sessions >= self.settings.max_sessions

    def crowded(self, request: web.Request) -> bool:
        """Whether the request's address holds as many sessions as one address may."""
        cap = self.settings.per_address
        return cap is not None and self.by_address[_address(request)] >= cap

    async def make_app(self) -> web.Application:
        """The app, for a caller that runs it beside another (the class host)."""
        return await self._make_app()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.access.middleware())
        return app

    async def on_shutdown(self, app: web.Application) -> None:
        """Closing a tab ends its process (see `close_all`)."""
        await close_all(self._sockets, b"the class server is stopping")

    async def on_startup(self, app: web.Application) -> None:
        """The command printed the address, the passphrase and the cap already."""
        self.console.print("[cyan]Ready. Press Ctrl+C to stop the server.")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.full or self.crowded(request):
            return aiohttp_jinja2.render_template(
                "class_full.html", request,
                {"max_sessions": self.settings.max_sessions,
                 "per_address": None if self.full else self.settings.per_address},
                status=503 if self.full else 429)
        response: web.StreamResponse = await super().handle_index(request)
        self.folders.give_id(request, response)
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.access.same_origin(request):
            raise web.HTTPForbidden(text=FOREIGN_ORIGIN)
        if self.full:
            raise web.HTTPServiceUnavailable(text=FULL_SOCKET)
        if self.crowded(request):
            raise web.HTTPTooManyRequests(text=CROWDED_SOCKET)
        address = _address(request)
        self.sessions += 1  # counted before any await, so the caps hold under a rush
        self.by_address[address] += 1
        try:
            return await self._run_session(request)
        finally:
            self.sessions -= 1
            self.by_address[address] -= 1
            if not self.by_address[address]:
                del self.by_address[address]

    async def _run_session(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's websocket handler, with `SessionService` for the process and, for
        class tabs, the deadline to join."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: SessionService | None = None
        deadline: asyncio.Task[None] | None = None
        try:
            await websocket.prepare(request)
            self._sockets.add(websocket)
            service = SessionService(self.command, self._environment(request),
                                     websocket=websocket,
                                     download_manager=self.download_manager, debug=self.debug)
            await service.start(width, height)
            if self.settings.join_within is not None:
                deadline = asyncio.create_task(_close_unless_joined(
                    service, websocket, self.settings.join_within))
            try:
                await self._process_messages(websocket, service)
            except Exception as error:  # the browser's message, not ours: one line, no trace
                if self._tell(_address(request)):
                    log.warning("browser tab from %s closed: it sent a message that is not "
                                "textual-serve's (%s)", _address(request),
                                type(error).__name__)
                await websocket.close(code=WSCloseCode.UNSUPPORTED_DATA,
                                      message=b"unreadable message")
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a broken session must not take the server down
            log.exception(error)
        finally:
            self._sockets.discard(websocket)
            if deadline is not None:
                deadline.cancel()
            if service is not None:
                await service.stop()
        return websocket

    def _environment(self, request: web.Request) -> dict[str, str]:
        environment = {SERVED_ENV: "1", HOME_ENV: str(self.folders.home_for(request)),
                       FACILITATOR_PASS_ENV: self.settings.facilitator_pass}
        if self.settings.device_secret is not None and request.remote:
            environment |= {DEVICE_ENV: request.remote,
                            SECRET_ENV: self.settings.device_secret}
        return environment


def _address(request: web.Request) -> str:
    """The device a tab counts against, as the class server counts joins: all of loopback
    as one, an IPv6 /64 as one (see `address_key`)."""
    return address_key(request.remote)


async def _close_unless_joined(service: SessionService, websocket: web.WebSocketResponse,
                               within: float) -> None:
    """End the tab unless its class client reports an accepted code within `within` s, and
    again each time its token is refused (it has to join anew)."""
    while True:
        try:
            await asyncio.wait_for(service.joined.wait(), within)
        except TimeoutError:
            log.info("closing a browser tab that joined no class within %.0f s", within)
            await websocket.close(code=WSCloseCode.POLICY_VIOLATION,
                                  message=NOT_JOINED.encode())
            return
        await service.left.wait()
