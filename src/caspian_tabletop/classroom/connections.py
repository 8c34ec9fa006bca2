"""Caps on the class server's connections, so that no one device can use them all up.

Every connection passes a guard before aiohttp sees it: at most `per_address` open at once
from one address (this computer's own addresses, whose connections are the browsers' tabs,
count only towards the overall cap) and at most `overall` in all, which stays well below
the process's file handles, so joins keep working when someone opens thousands of sockets.
A connection over a cap is closed at once, and each address's refusals are logged at most
once a minute, never as a traceback.  So are requests aiohttp cannot parse or decode (a bad
chunk, an unknown Content-Encoding, a header line without a colon): `ClientErrors` makes
its tracebacks one short line per address a minute.

Half-sent requests do not hold a connection either: a connection must finish a request's
headers within `idle_seconds` of opening or of its last response (aiohttp's
`keepalive_timeout`, which also guards the first request), and a join must send its body
within `request_seconds` (see server); a websocket, once open, is the server's to watch
(its first frame is due within seconds, then heartbeats).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import WSCloseCode, web
from aiohttp.http_exceptions import HttpProcessingError

log = logging.getLogger("caspian_tabletop.classroom")

PER_ADDRESS = 24  # a browser opens a handful; a terminal client one websocket and a join
IDLE_SECONDS = 15.0
REQUEST_SECONDS = 15.0
LOG_EVERY = 60.0


def _overall_default() -> int:
    """Half the process's file handles (at most 1024): the rest stay for the store, the
    browsers' tabs and the log."""
    try:
        import resource
    except ImportError:  # Windows
        return 512
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if soft == resource.RLIM_INFINITY:
        return 1024
    return max(64, min(1024, soft // 2))


@dataclass(frozen=True)
class ConnectionLimits:
    """How many connections, from whom, and how long a request may take to arrive."""

    per_address: int = PER_ADDRESS
    overall: int = field(default_factory=_overall_default)
    idle_seconds: float = IDLE_SECONDS
    request_seconds: float = REQUEST_SECONDS
    own: frozenset[str] = frozenset()  # address keys that only the overall cap applies to


def address_key(address: str | None) -> str:
    """Whom a connection or a join counts against: its IP address, except that all of
    loopback is one (anyone on this computer can use any 127.x.y.z) and an IPv6 address
    counts as its /64 (which one device may own whole)."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return address or "unknown"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


class LogOnce:
    """Lets a message about one address through at most once per `every` seconds."""

    def __init__(self, every: float = LOG_EVERY) -> None:
        self.every = every
        self._last: dict[str, float] = {}

    def __call__(self, key: str) -> bool:
        now = time.monotonic()
        self._last = {k: t for k, t in self._last.items() if now - t < self.every}
        if key in self._last:
            return False
        self._last[key] = now
        return True


class ClientErrors(logging.Filter):
    """On aiohttp's loggers: an error a client's bad request caused is logged as one line,
    without its traceback, at most once a minute per address; any other error as it was."""

    def __init__(self) -> None:
        super().__init__()
        self._tell = LogOnce()

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not _client_caused(error):
            return True
        peer = record.args[0] if isinstance(record.args, tuple) and record.args else None
        if not isinstance(peer, str) and isinstance(error, web.RequestPayloadError):
            return False  # read after the response, to empty the connection: seen before
        key = address_key(peer if isinstance(peer, str) else None)
        if not self._tell(f"{record.name} {key}"):
            return False
        reason = " ".join(str(error).split())
        record.msg, record.args = "bad request from %s refused: %.120s", (key, reason)
        record.exc_info = record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def _client_caused(error: BaseException | None) -> bool:
    """Whether `error`, or one it came from, is aiohttp's word for a malformed request."""
    while error is not None:
        if isinstance(error, HttpProcessingError | web.RequestPayloadError):
            return True
        error = error.__cause__ or error.__context__
    return False


CLIENT_ERRORS = ClientErrors()
AIOHTTP_LOGGERS = ("aiohttp.server", "aiohttp.web")


class ConnectionGuard:
    """Counts open connections per address key and in all; see module docstring."""

    def __init__(self, limits: ConnectionLimits) -> None:
        self.limits = limits
        self.open: Counter[str] = Counter()
        self.total = 0
        self._tell = LogOnce()

    def admit(self, key: str) -> bool:
        """Whether one more connection from `key` fits; if it does, it is counted."""
        limits = self.limits
        if self.total >= limits.overall or (key not in limits.own
                                            and self.open[key] >= limits.per_address):
            if self._tell(key):
                log.warning("connections from %s refused: %d open from there, %d in all "
                            "(caps: %d per address, %d in all)", key, self.open[key],
                            self.total, limits.per_address, limits.overall)
            return False
        self.open[key] += 1
        self.total += 1
        return True

    def release(self, key: str) -> None:
        self.open[key] -= 1
        if self.open[key] <= 0:
            del self.open[key]
        self.total -= 1


class _Guarded(asyncio.Protocol):
    """One connection, handed to aiohttp's protocol only if the guard admits it."""

    def __init__(self, guard: ConnectionGuard, make: Callable[[], asyncio.Protocol]) -> None:
        self._guard = guard
        self._make = make
        self._inner: asyncio.Protocol | None = None
        self._key = ""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        key = address_key(peer[0] if isinstance(peer, tuple) else None)
        if not self._guard.admit(key):
            transport.close()
            return
        self._key = key
        self._inner = self._make()
        self._inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        if self._inner is not None:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return None if self._inner is None else self._inner.eof_received()

    def pause_writing(self) -> None:
        if self._inner is not None:
            self._inner.pause_writing()

    def resume_writing(self) -> None:
        if self._inner is not None:
            self._inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        inner, self._inner = self._inner, None
        if inner is not None:
            self._guard.release(self._key)
            inner.connection_lost(exc)


class GuardedSite(web.BaseSite):
    """aiohttp's TCP site, with each connection passing `guard` first."""

    __slots__ = ("_host", "_port", "_guard")

    def __init__(self, runner: web.BaseRunner, host: str, port: int,
                 guard: ConnectionGuard) -> None:
        super().__init__(runner)
        self._host = host
        self._port = port
        self._guard = guard

    @property
    def name(self) -> str:
        return f"http://{self._host}:{self._port}"

    async def start(self) -> None:
        await super().start()
        server = self._runner.server
        assert server is not None
        guard = self._guard
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(lambda: _Guarded(guard, server),
                                                bind_host(self._host), self._port)


async def close_all(sockets: set[web.WebSocketResponse], why: bytes) -> None:
    """Close every websocket in `sockets` as the server stops (1001, going away): aiohttp
    would otherwise wait for them, and a stopped class would stay locked for half a
    minute (both the class server and its browsers' tab server use it)."""
    await asyncio.gather(*(ws.close(code=WSCloseCode.GOING_AWAY, message=why)
                           for ws in list(sockets)))


def bind_host(host: str) -> str | None:
    """`::` asks for every interface, as `0.0.0.0` does for IPv4; bound as given, asyncio
    makes it an IPv6-only socket, and the IPv4 address `host` prints (and its browser tabs
    join) would refuse every connection.  None binds every interface of both families."""
    return None if host == "::" else host


async def listen(app: web.Application, host: str, port: int, guard: ConnectionGuard
                 ) -> web.AppRunner:
    """Serve `app` on `host:port` behind `guard` until the returned runner is cleaned up.
    The rest of a body that was not read (a refused join's) is waited for as long as a
    body is.  No access log: the class server logs what happens in the class, once per
    event; a malformed request is one line (`ClientErrors`)."""
    for name in AIOHTTP_LOGGERS:
        logging.getLogger(name).addFilter(CLIENT_ERRORS)  # once: a logger keeps no duplicate
    limits = guard.limits
    runner = web.AppRunner(app, keepalive_timeout=limits.idle_seconds,
                           lingering_time=limits.request_seconds, access_log=None)
    await runner.setup()
    try:
        await GuardedSite(runner, host, port, guard).start()
    except BaseException:
        await runner.cleanup()
        raise
    return runner
