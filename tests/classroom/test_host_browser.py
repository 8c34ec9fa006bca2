"""The browser path: the host's address sends a browser to the served class client, whose
page runs `join` against the class and asks for the code; a team's code opens its board."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import aiohttp
from class_helpers import connect, free_port, start_host

from served_page import Screen


def test_a_browser_tab_joins_as_a_team_and_seals_an_order(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server, printed = start_host(tmp_path, port, "caspian-2021", "--teams", "KZ,AZ", "--seed", "2",
                             "--browser-port", str(free_port()))

    async def browse() -> None:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            async with http.get(base + "/", allow_redirects=False) as reply:
                assert reply.status == 302
                served = reply.headers["Location"]
            async with http.get(served) as reply:
                assert reply.status == 200
            origin = served.split("/?")[0]
            async with http.ws_connect(f"{origin}/ws?width=120&height=40",
                                       headers={"Origin": origin}) as websocket:
                page = Screen(websocket)
                await page.wait_for("Type the code")
                await page.type(printed["KZ"] + "\r")
                await page.wait_for("No order sealed yet")
                await page.type("\x1bOQ")  # F2 withdraw: nothing to withdraw, an error shows
                await page.wait_for("no sealed order")
            facilitator = await connect(base, printed["facilitator"])
            view = await facilitator.view()
            assert view["facilitator"]["waiting"] == ["KZ", "AZ"]
            await facilitator.close()

    try:
        asyncio.run(browse())
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
