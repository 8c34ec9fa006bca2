"""Real protocol clients for class-server tests: join over HTTP, then a websocket."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from caspian_tabletop.classroom.connections import ConnectionLimits
from caspian_tabletop.classroom.hosting import Hosted, new_class, store_path
from caspian_tabletop.classroom.room import ClassRoom
from caspian_tabletop.classroom.server import ClassHost
from caspian_tabletop.classroom.store import ClassStore
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.saves import HOME_ENV

LAUNCHER = "from caspian_tabletop.cli import main; main()"
CODE = re.compile(r"^\s+([A-Z]{2,3})\s+.*\s([A-Z]{2,3}-[0-9A-Z]{6})\s*$")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_host(home: Path, port: int, *args: str) -> tuple[subprocess.Popen[str], dict[str, str]]:
    """A `host` process and what it printed: class, codes, facilitator key."""
    process = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, "host", "--port", str(port), *args],
        env={**os.environ, HOME_ENV: str(home)}, stderr=subprocess.PIPE, text=True,
        stdout=subprocess.DEVNULL)
    assert process.stderr is not None
    printed: dict[str, str] = {}
    for line in process.stderr:
        if m := CODE.match(line):
            printed[m.group(1)] = m.group(2)
        elif m := re.search(r"facilitator key: (FAC-\S+)", line):
            printed["facilitator"] = m.group(1)
        elif m := re.search(r"host --resume (class-\S+)", line):
            printed["class"] = m.group(1)
            break
    # the server logs each action on stderr from now on: keep reading so it never blocks
    threading.Thread(target=process.stderr.read, daemon=True).start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # until it listens
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return process, printed
        time.sleep(0.05)
    process.kill()
    raise AssertionError("the class server did not start")



TEAMS = {"RU": "Moscow", "AZ": "Baku", "KZ": "Astana", "TM": "Ashgabat"}
Message = dict[str, Any]


@dataclass
class Client:
    """One connected client and every message it has received."""

    http: aiohttp.ClientSession
    ws: aiohttp.ClientWebSocketResponse
    role: str
    actor: str | None
    token: str
    received: list[Message] = field(default_factory=list)

    async def send(self, message: Message) -> None:
        await self.ws.send_str(json.dumps(message))

    async def until(self, wanted: Callable[[Message], bool], timeout: float = 10.0) -> Message:
        """The next message (after those already read) that `wanted` accepts."""
        async def wait() -> Message:
            while True:
                frame = await self.ws.receive()
                if frame.type != aiohttp.WSMsgType.TEXT:
                    raise ConnectionError(f"connection ended: {frame.type!r}")
                message: Message = json.loads(frame.data)
                self.received.append(message)
                if wanted(message):
                    return message
        return await asyncio.wait_for(wait(), timeout)

    async def view(self, wanted: Callable[[Message], bool] = lambda v: True) -> Message:
        return await self.until(lambda m: m["type"] == "view" and wanted(m))

    async def ask(self, message: Message) -> Message:
        """Send and wait for its ok or error."""
        await self.send(message)
        return await self.until(lambda m: m["type"] in ("ok", "error", "export"))

    async def close(self) -> None:
        await self.ws.close()
        await self.http.close()


async def join(base: str, code: str) -> tuple[int, Message]:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/api/join", json={"code": code}) as response:
            return response.status, await response.json()


async def connect(base: str, code: str | None = None, token: str | None = None) -> Client:
    if token is None:
        assert code is not None
        status, joined = await join(base, code)
        assert status == 200, joined
        token = joined["token"]
    http = aiohttp.ClientSession()
    ws = await http.ws_connect(f"{base}/ws")
    await ws.send_str(json.dumps({"type": "auth", "token": token}))
    client = Client(http, ws, "", None, token)
    welcome = await client.until(lambda m: m["type"] in ("welcome", "error"))
    assert welcome["type"] == "welcome", welcome
    client.role, client.actor = welcome["role"], welcome["actor"]
    return client


@asynccontextmanager
async def running_class(seed: int = 5, limits: ConnectionLimits | None = None,
                        device_secret: str | None = None) -> AsyncIterator[tuple[str, Hosted]]:
    """A new class of caspian-2021 served on a free loopback port, as `host` serves it."""
    from shipped import scenario

    store = ClassStore(store_path())
    hosted = new_class(store, scenario("caspian-2021"), TEAMS, bots="normal", seed=seed,
                       scenario_path=resolve_scenario("caspian-2021"))
    server = ClassHost(hosted.room, store, limits=limits, device_secret=device_secret)
    runner = await server.start("127.0.0.1", 0)
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}", hosted
    finally:
        await runner.cleanup()
        hosted.close()


@contextmanager
def server_log() -> Iterator[list[logging.LogRecord]]:
    """What the class server, the tab server and aiohttp log meanwhile (pytest's own
    capture is off)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append  # type: ignore[method-assign]
    loggers = [logging.getLogger(name) for name in ("caspian_tabletop", "aiohttp", "asyncio",
                                                    "textual-serve")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        yield records
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


def reveal_now(room: ClassRoom) -> Message:
    """A reveal of the turn and phase `room` is at."""
    return {"type": "reveal", "turn": room.session.game.turn, "phase": room.state.phase}


async def reveal(facilitator: Client, room: ClassRoom) -> None:
    """Reveal the turn (closing the orders first if a team is asked to answer)."""
    reply = await facilitator.ask(reveal_now(room))
    assert reply["type"] == "ok", reply
    if room.state.phase == "answers":
        reply = await facilitator.ask(reveal_now(room))
        assert reply["type"] == "ok", reply
