"""The class server: one game on aiohttp, live to every client over a websocket.

A client joins with its code (`POST /api/join`), which gives it a token; it then opens
`/ws` and sends the token as its first frame.  From then on every frame is checked
(protocol), the room decides whether this client's role may do it, the class is stored, and
only then is the action acknowledged and every client sent its new view.  Join attempts are
rate-limited per address and overall (limits); connections are capped and half-sent
requests time out (connections); a request or websocket from a page that is not this
server's is refused; a client that floods is slowed, then cut off.  Nothing a client sends
can crash the server, name a file or put a traceback in the log.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web

from caspian_tabletop.classroom import codes, protocol
from caspian_tabletop.classroom.connections import (
    ConnectionGuard,
    ConnectionLimits,
    LogOnce,
    address_key,
    close_all,
    listen,
)
from caspian_tabletop.classroom.devices import device_of
from caspian_tabletop.classroom.limits import JoinLimiter
from caspian_tabletop.classroom.protocol import Message, ProtocolError
from caspian_tabletop.classroom.room import ClassRoom, Role
from caspian_tabletop.classroom.store import ClassStore
from caspian_tabletop.classroom.views import view_for
from caspian_tabletop.domain.errors import CaspianError

log = logging.getLogger("caspian_tabletop.classroom")

# Messages a connection may send in a burst, and per second after it; past the limit they
# are dropped with a warning, and a connection that keeps on is closed.
BURST = 30
PER_SECOND = 10.0
DROPS_BEFORE_CLOSE = 200
AUTH_SECONDS = 10.0


@dataclass
class _Client:
    ws: web.WebSocketResponse
    role: Role
    address: str
    allowance: float = BURST
    checked: float = field(default_factory=time.monotonic)
    dropped: int = 0
    warned: float = 0.0

    def admit(self) -> bool:
        """Whether one more message fits this client's rate (a token bucket)."""
        now = time.monotonic()
        self.allowance = min(BURST, self.allowance + (now - self.checked) * PER_SECOND)
        self.checked = now
        if self.allowance >= 1.0:
            self.allowance -= 1.0
            return True
        self.dropped += 1
        return False


class ClassHost:
    """Serves one class's room to its clients; see module docstring."""

    def __init__(self, room: ClassRoom, store: ClassStore,
                 clock: Callable[[], float] = time.time, browser_url: str | None = None,
                 limits: ConnectionLimits | None = None,
                 device_secret: str | None = None) -> None:
        """`browser_url`: where browsers get the class client (its page asks for the code);
        the server's own address sends them there.  `device_secret`: what the tab server's
        class clients send with their browser's address (see devices)."""
        self.browser_url = browser_url
        self.device_secret = device_secret
        self.room = room
        self.store = store
        self.clock = clock
        self.limits = limits or ConnectionLimits()
        self.clients: list[_Client] = []
        # (host, port) of this server's own pages, set by `start`: the only Origin accepted.
        self.origins: frozenset[tuple[str, int]] = frozenset()
        self._sockets: set[web.WebSocketResponse] = set()  # open, authenticated or not
        self._joins = JoinLimiter()
        self._tell = LogOnce()
        self._timer: asyncio.TimerHandle | None = None

    async def start(self, host: str, port: int, *, shown: str | None = None,
                    guard: ConnectionGuard | None = None) -> web.AppRunner:
        """Listen on `host:port` (port 0: any free one) behind `guard` (default: one of
        this host's limits) until the returned runner is cleaned up.  `shown` is the
        address printed for the class, if it is not `host`."""
        runner = await listen(self.app(), host, port, guard or ConnectionGuard(self.limits))
        bound = int(runner.addresses[0][1])
        self.origins = own_origins(host, bound, shown)
        return runner

    def app(self) -> web.Application:
        app = web.Application(client_max_size=protocol.MAX_FRAME)
        app.router.add_get("/", self._page)
        app.router.add_post("/api/join", self._join)
        app.router.add_get("/ws", self._socket)
        app.on_shutdown.append(self._going_away)
        return app

    async def _going_away(self, app: web.Application) -> None:
        await close_all(self._sockets, b"the class server is stopping")

    # ----- joining ----------------------------------------------------------------------
    async def _page(self, request: web.Request) -> web.Response:
        if self.browser_url is not None:
            raise web.HTTPFound(self.browser_url)
        return web.Response(text=_PAGE, content_type="text/html")

    async def _join(self, request: web.Request) -> web.Response:
        """A code for a token.  The attempt is counted before anything is awaited (see
        limits) and given back only if the code is right."""
        if not self._same_origin(request):
            return _refuse(403, "this page may not join the class")
        device = device_of(request, self.device_secret)
        key, now = address_key(device), time.monotonic()
        if not self._joins.reserve(key, now):
            if self._tell(f"join {key}"):
                log.warning("joins from %s refused for a while: too many failed attempts", key)
            return _refuse(429, "too many wrong codes: wait a minute and try again")
        try:
            code = await self._code_in(request)
        except ProtocolError as exc:
            if self._tell(f"body {key}"):
                log.warning("join from %s refused: %s", device, exc)
            return _refuse(400, str(exc))
        role = self.store.role_of(self.room.class_id, codes.code_digest(code), "code")
        if role is None:
            log.warning("wrong join code from %s", device)
            return _refuse(403, "that code is not one of this class's codes")
        self._joins.refund(key, now)
        token = codes.new_token()
        self.store.add_token(self.room.class_id, codes.digest(token), role)
        log.info("%s joined from %s", role.label(), device)
        return web.json_response({"token": token, "role": role.kind, "actor": role.actor,
                                  "class": self.room.class_id})

    async def _code_in(self, request: web.Request) -> str:
        """The code a join sends, read within the limits' `request_seconds` (a body that
        never comes does not hold the connection); raises ProtocolError."""
        try:
            async with asyncio.timeout(self.limits.request_seconds):
                body = await request.read()
        except TimeoutError:
            raise ProtocolError("the request's body did not arrive in time") from None
        except ConnectionError:
            raise ProtocolError("the connection closed before the code arrived") from None
        except web.RequestPayloadError:  # a bad chunk or Content-Encoding
            raise ProtocolError("the request's body could not be read") from None
        return protocol.parse_join(body)

    # ----- the live connection ----------------------------------------------------------
    async def _socket(self, request: web.Request) -> web.StreamResponse:
        if not self._same_origin(request):
            if self._tell(f"origin {address_key(request.remote)}"):
                log.warning("websocket from another origin refused: %.100s",
                            request.headers.get("Origin"))
            return _refuse(403, "this page may not connect to the class")
        ws = web.WebSocketResponse(max_msg_size=protocol.MAX_FRAME, heartbeat=20.0)
        await ws.prepare(request)
        self._sockets.add(ws)
        try:
            return await self._session(ws, request)
        finally:
            self._sockets.discard(ws)

    async def _session(self, ws: web.WebSocketResponse, request: web.Request
                       ) -> web.WebSocketResponse:
        client = await self._authenticate(ws, request.remote or "unknown")
        if client is None:
            await ws.close()
            return ws
        self.clients.append(client)
        try:
            await self._send(client, {"type": "welcome", "role": client.role.kind,
                                      "actor": client.role.actor, "class": self.room.class_id})
            await self.broadcast()  # everyone sees who is connected
            async for frame in ws:
                if frame.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                    await self._frame(client, frame.data)
                elif frame.type == WSMsgType.ERROR:
                    log.warning("%s: connection error %s", client.role.label(),
                                ws.exception())
        finally:
            self.clients.remove(client)
            if not ws.closed:
                await ws.close()
            await self.broadcast()
        return ws

    async def _authenticate(self, ws: web.WebSocketResponse, address: str) -> _Client | None:
        try:
            frame = await ws.receive(timeout=AUTH_SECONDS)
        except TimeoutError:
            return None
        if frame.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
            return None
        try:
            token = protocol.parse_auth(frame.data).token
        except ProtocolError as exc:
            await _say(ws, {"type": "error", "message": str(exc)})
            return None
        role = self.store.role_of(self.room.class_id, codes.digest(token), "token")
        if role is None:
            log.warning("unknown token from %s", address)
            await _say(ws, {"type": "error", "message": "unknown token: join again with "
                            "your code"})
            return None
        return _Client(ws, role, address)

    async def _frame(self, client: _Client, data: str | bytes) -> None:
        if not client.admit():
            if client.dropped >= DROPS_BEFORE_CLOSE:
                log.warning("%s at %s closed for flooding", client.role.label(),
                            client.address)
                await client.ws.close(code=1008, message=b"too many messages")
            elif time.monotonic() - client.warned > 1.0:
                client.warned = time.monotonic()
                await self._error(client, "too many messages: slow down (some were dropped)")
            return
        try:
            message = protocol.parse_message(data)
            await self.apply(client, message)
        except CaspianError as exc:  # a bad frame, a refused action, a rule the room found
            log.warning("%s: refused: %s", client.role.label(), exc)
            await self._error(client, str(exc))
        except Exception:  # never let one client's message bring the class down
            log.exception("%s: message failed", client.role.label())
            await self._error(client, "the server could not do that (it is logged)")

    async def apply(self, client: _Client, message: Message) -> None:
        """Do what `message` asks if the client's role may, store it, acknowledge it, and
        send everyone the new state."""
        role = client.role
        if message.type == "export":
            text = self.room.export_text(role)
            await self._send(client, {"type": "export", "text": text,
                                      "name": f"{self.room.class_id}.yaml"})
            return
        what = self._act(role, message)
        self._store(role, what)
        await self._send(client, {"type": "ok", "for": message.type})
        await self.broadcast()
        if message.type == "reveal" and self.room.state.phase != "answers":
            # The results are out: now the AI seats seal the next turn's orders.
            self.room.seal_ai_orders()
            self._store(role, "AI seats sealed their orders")
            await self.broadcast()

    def _act(self, role: Role, m: Message) -> str:
        """Apply a checked message to the room; returns what to log."""
        room = self.room
        if m.type == "order":
            move = room.submit(role, m.move)
            return f"sealed an order ({move.kind.value})"  # never the order itself
        if m.type == "withdraw":
            room.withdraw(role)
            return "withdrew its order"
        if m.type == "answer":
            room.answer(role, m.offer_from, m.accept)
            return f"answered {m.offer_from}'s offer"
        if m.type == "reveal":
            room.reveal(role, m.turn, m.phase)
            return "revealed" if room.state.phase != "answers" else "closed the orders"
        if m.type == "override":
            room.override(role, m.actor, m.force, m.reason)
            return f"ruled {m.actor}'s order a {m.force}: {m.reason}"
        if m.type == "inject":
            room.inject(role, m.event, m.reason)
            return f"injected {m.event}: {m.reason}"
        if m.type == "adjust":
            room.adjust(role, m.kind, m.amount, m.reason, actor=m.actor, target=m.target,
                        corridor=m.corridor, turns=m.turns)
            return f"adjusted {m.kind} by {m.amount}: {m.reason}"
        if m.type == "note":
            room.note(role, m.text)
            return "added a note"
        if m.type == "undo_to_turn":
            room.undo_to_turn(role, m.turn)
            return f"went back to turn {m.turn}"
        if m.type == "pause":
            room.pause(role, m.paused)
            return "paused the game" if m.paused else "resumed the game"
        if m.type == "timer":
            room.set_timer(role, m.seconds, self.clock())
            self._schedule_timer()
            return f"set the timer to {m.seconds} s" if m.seconds else "stopped the timer"
        if m.type == "name_team":
            room.name_team(role, m.actor, m.name)
            return f"named team {m.actor}"
        raise ProtocolError(f"{m.type} is answered, not applied")

    def _store(self, role: Role, what: str) -> None:
        room = self.room
        self.store.record(room.class_id, room.state.to_json(), room.session.save_text(),
                          role.label(), what)
        log.info("%s %s", role.label(), what)

    # ----- sending ----------------------------------------------------------------------
    async def broadcast(self) -> None:
        """Every connected client gets its role's view of the class as it stands."""
        facilitator = any(c.role.kind == "facilitator" for c in self.clients)
        views: dict[Role, dict[str, Any]] = {}
        for client in self.clients:
            if client.role not in views:
                view = view_for(self.room, client.role)
                view["facilitator_connected"] = facilitator
                view["now"] = self.clock()
                views[client.role] = view
        await asyncio.gather(*(self._send(c, views[c.role]) for c in list(self.clients)))

    async def _send(self, client: _Client, message: dict[str, Any]) -> None:
        if not await _say(client.ws, message):
            log.info("%s went away", client.role.label())

    async def _error(self, client: _Client, text: str) -> None:
        await self._send(client, {"type": "error", "message": text})

    def _same_origin(self, request: web.Request) -> bool:
        """A browser names the page a request comes from; only this server's own pages may
        join or connect: the addresses it serves, never what the request's Host header
        claims (a page on another name that resolves here would match that).  Clients
        that are not browsers send no Origin."""
        origin = request.headers.get("Origin")
        return origin is None or _host_and_port(origin) in self.origins

    def _schedule_timer(self) -> None:
        """At the deadline, everyone is told that time is up."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        deadline = self.room.state.deadline
        if deadline is not None:
            loop = asyncio.get_running_loop()
            delay = max(0.0, deadline - self.clock())
            self._timer = loop.call_later(delay, lambda: asyncio.ensure_future(
                self.broadcast()))


def own_origins(host: str, port: int, shown: str | None = None
                ) -> frozenset[tuple[str, int]]:
    """Where this server's pages are: the address it listens on (unless every interface),
    the address it prints, and this computer's loopback names."""
    names = {host, "127.0.0.1", "localhost", "::1"} | ({shown} if shown else set())
    return frozenset((n.lower(), port) for n in names - {"", "0.0.0.0", "::"})


def _host_and_port(url: str) -> tuple[str, int] | None:
    try:
        parts = urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None
    if parts.hostname is None or port is None:
        return None
    return parts.hostname, port


async def _say(ws: web.WebSocketResponse, message: dict[str, Any]) -> bool:
    """Send `message` if the websocket is still open; whether it went."""
    if ws.closed:
        return False
    try:
        await ws.send_json(message)
    except (ConnectionError, RuntimeError):
        return False
    return True


def _refuse(status: int, text: str) -> web.Response:
    return web.json_response({"type": "error", "message": text}, status=status)


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Caspian Tabletop class</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>Caspian Tabletop class</h1>
<p>This computer is running a class. To take part from a terminal, run
<code>caspian-tabletop join ADDRESS</code> with this page's address, and type the code
your facilitator gave your team.</p>
</body></html>
"""
