"""The client side of the class protocol, for any front end: join with a code, then keep a
websocket open, coming back by itself (with the same token) when the server restarts or the
network drops, so a team's device never needs its code twice.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from caspian_tabletop.classroom.devices import join_headers
from caspian_tabletop.domain.errors import CaspianError

Message = dict[str, Any]
# Waits between reconnection attempts, in seconds (the last one repeats).
BACKOFF = (0.2, 0.5, 1.0, 2.0, 3.0)


class JoinError(CaspianError):
    """The server refused the code, or cannot be reached."""


def class_address(text: str) -> str:
    """`127.0.0.1:8765` or `http://host:port` as a base address; raises JoinError."""
    text = text.strip().rstrip("/")
    if "://" not in text:
        text = f"http://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise JoinError(f"error: {text!r} is not a class address: expected http://HOST:PORT, "
                        "as the facilitator's `host` printed it")
    return f"{parts.scheme}://{parts.netloc}"


def reveal(view: Message | None) -> Message:
    """The facilitator's reveal, naming the turn and phase of the view it was asked on: the
    server refuses it once the class has moved on, so a second key press reveals nothing."""
    seen = view or {}
    return {"type": "reveal", "turn": seen.get("turn"), "phase": seen.get("phase")}


@dataclass(frozen=True)
class Joined:
    token: str
    role: str
    actor: str | None
    class_id: str


async def join(address: str, code: str) -> Joined:
    """Exchange a join code for a token (for a browser tab, naming its device: see
    devices)."""
    try:
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{address}/api/join", json={"code": code},
                                 headers=join_headers(),
                                 timeout=aiohttp.ClientTimeout(total=10)) as response:
                body = await response.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        raise JoinError(f"cannot reach the class at {address}: {exc or type(exc).__name__}"
                        ) from None
    if not isinstance(body, dict) or "token" not in body:
        message = body.get("message") if isinstance(body, dict) else None
        raise JoinError(str(message or f"the server at {address} did not answer as a class"))
    return Joined(str(body["token"]), str(body["role"]), body.get("actor"), str(body["class"]))


class Connection:
    """One client's live link to the class; `run` until `close`."""

    def __init__(self, address: str, token: str,
                 on_message: Callable[[Message], Awaitable[None] | None],
                 on_status: Callable[[str], None] | None = None) -> None:
        self.address = address
        self.token = token
        self.on_message = on_message
        self.on_status = on_status or (lambda status: None)
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._closing = False

    async def run(self) -> None:
        """Stay connected: each time the link ends, wait a little and connect again."""
        failures = 0
        async with aiohttp.ClientSession() as http:
            while not self._closing:
                try:
                    async with http.ws_connect(f"{self.address}/ws", heartbeat=20.0) as ws:
                        self._ws = ws
                        await ws.send_str(json.dumps({"type": "auth", "token": self.token}))
                        failures = 0
                        welcomed = False
                        async for frame in ws:
                            if frame.type != aiohttp.WSMsgType.TEXT:
                                break
                            message = json.loads(frame.data)
                            if not welcomed:
                                if message.get("type") != "welcome":  # the token is refused
                                    self._closing = True
                                    self.on_status(f"refused: {message.get('message', '')}")
                                    break
                                welcomed = True
                                self.on_status("connected")
                            result = self.on_message(message)
                            if result is not None:
                                await result
                except (aiohttp.ClientError, OSError, TimeoutError, ValueError):
                    pass
                self._ws = None
                if self._closing:
                    break
                self.on_status("reconnecting")
                await asyncio.sleep(BACKOFF[min(failures, len(BACKOFF) - 1)])
                failures += 1

    async def send(self, message: Message) -> bool:
        """Send if connected; False when the link is down (the caller says so)."""
        ws = self._ws
        if ws is None or ws.closed:
            return False
        await ws.send_str(json.dumps(message))
        return True

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            await self._ws.close()
