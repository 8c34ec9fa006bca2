"""A browser's side of a served TUI (textual-serve's websocket protocol), for tests that
drive a served game or class client without a browser."""

from __future__ import annotations

import asyncio
import json
import re

import aiohttp

START_TIMEOUT = 30.0


class Screen:
    """A browser's view of one game: what the TUI drew, and keys typed into it."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.drawn = ""
        self.notices: list[list[str]] = []

    async def type(self, keys: str) -> None:
        """One key at a time, at a typist's pace: a burst of keys did not all reach the game."""
        for key in keys:
            await self.websocket.send_str(json.dumps(["stdin", key]))
            await asyncio.sleep(0.05)

    async def wait_for(self, text: str) -> None:
        """Read what the game draws until `text` shows (escape codes left out)."""
        while text not in self.drawn:
            message = await asyncio.wait_for(self.websocket.receive(), START_TIMEOUT)
            if message.type == aiohttp.WSMsgType.BINARY:
                self.drawn += re.sub(r"\x1b\[[0-9;?<>]*[A-Za-z]", "",
                                     message.data.decode("utf-8", "replace"))
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.notices.append(json.loads(message.data))
                self.drawn += message.data
            else:
                raise AssertionError(f"the game's connection ended: {message.type}")
