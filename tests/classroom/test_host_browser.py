"""The browser path: the host's address sends a browser to the served class client, whose
page runs `join` against the class and asks for the code; a team's code opens its board."""

from __future__ import annotations

import asyncio
import logging
import shlex
import signal
import sys
import time
from pathlib import Path

import aiohttp
from aiohttp import web
from class_helpers import (
    LAUNCHER,
    TEAMS,
    connect,
    free_port,
    running_class,
    server_log,
    start_host,
)

from caspian_tabletop.classroom.hosting import new_class, store_path
from caspian_tabletop.classroom.server import ClassHost
from caspian_tabletop.classroom.store import ClassStore
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.tui.web.server import ClassServer, ClassSettings
from served_page import Screen

JOIN_WITHIN = 20.0  # long enough for a loaded machine to start a tab's client and type
# A tab's process that starts as textual-serve expects and ends when told to quit.
STAND_IN = shlex.join([sys.executable, "-c", "import sys; print('__GANGLION__', flush=True); "
                       "sys.stdin.buffer.read(1)"])


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


def test_a_tab_that_types_no_code_is_closed_and_a_joined_one_stays(tmp_path: Path) -> None:
    """The real class client in two tabs: the console whose key was accepted tells the tab
    server and stays past the deadline (its export then downloads to the browser); the tab
    nobody typed into is closed at the deadline."""

    async def scenario() -> None:
        async with running_class() as (base, hosted):
            port = free_port()
            origin = f"http://127.0.0.1:{port}"
            settings = ClassSettings(key="k2m3n4p5q6r7", facilitator_pass="k7m4q9tr",
                                     max_sessions=4, folders=tmp_path / "class-tabs",
                                     per_address=4, join_within=JOIN_WITHIN)
            server = ClassServer(shlex.join([sys.executable, "-c", LAUNCHER, "join", base]),
                                 settings, host="127.0.0.1", port=port, public_url=origin)
            runner = web.AppRunner(await server.make_app())
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()
            tab = f"{origin}/ws?key={settings.key}&width=140&height=44"
            try:
                async with aiohttp.ClientSession() as http:
                    opened = time.monotonic()
                    console = await http.ws_connect(tab, headers={"Origin": origin})
                    idle = await http.ws_connect(tab, headers={"Origin": origin})
                    page = Screen(console)
                    await page.wait_for("Type the code")
                    await page.type(hosted.codes.facilitator + "\r")
                    await page.wait_for("Sealed orders")
                    while (message := await idle.receive(timeout=2 * JOIN_WITHIN)).type in (
                            aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                        pass  # the idle tab's code prompt, until the server closes it
                    assert message.type == aiohttp.WSMsgType.CLOSE
                    assert "no class joined" in message.extra
                    assert time.monotonic() - opened >= JOIN_WITHIN
                    await asyncio.sleep(1.0)
                    assert not console.closed and server.sessions == 1
                    await page.type("e")  # the export: no file asked for, a download
                    await page.wait_for("deliver_file_start")
                    key = next(n[1] for n in page.notices if n[0] == "deliver_file_start")
                    async with http.get(f"{origin}/download/{key}?key={settings.key}"
                                        ) as reply:
                        assert reply.status == 200
                        assert "human Astana" in await reply.text()
                    await console.close()
            finally:
                await runner.cleanup()

    asyncio.run(scenario())


def test_a_tab_that_sends_what_is_not_textual_serves_protocol_is_closed_with_one_line(
        tmp_path: Path) -> None:
    """A browser's bad messages close its tab (1003) and log one short line, no traceback."""

    async def scenario() -> None:
        port = free_port()
        origin = f"http://127.0.0.1:{port}"
        # A tab's place frees when its process has ended; on a loaded machine that can
        # come after the next tab opens, so there is a place for each of the five.
        settings = ClassSettings(key="k2m3n4p5q6r7", facilitator_pass="k7m4q9tr",
                                 max_sessions=8, folders=tmp_path / "class-tabs")
        server = ClassServer(STAND_IN, settings, host="127.0.0.1", port=port,
                             public_url=origin)
        runner = web.AppRunner(await server.make_app())
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            with server_log() as records:
                async with aiohttp.ClientSession() as http:
                    for bad in ("hello", '{"a":1}', "[]", '["stdin",5]', '["resize",{}]'):
                        async with http.ws_connect(f"{origin}/ws?key={settings.key}",
                                                   headers={"Origin": origin}) as tab:
                            await tab.send_str(bad)
                            message = await tab.receive(timeout=10)
                            assert message.type == aiohttp.WSMsgType.CLOSE, bad
                            assert message.data == aiohttp.WSCloseCode.UNSUPPORTED_DATA
            assert not any(r.exc_info or "Traceback" in r.getMessage() for r in records)
            assert len([r for r in records if r.name == "textual-serve"
                        and r.levelno >= logging.WARNING]) == 1
        finally:
            await runner.cleanup()

    asyncio.run(scenario())


async def _going_away(websocket: aiohttp.ClientWebSocketResponse) -> int:
    """The close code the server sends, after whatever it sent before."""
    while (message := await websocket.receive(timeout=5)).type in (
            aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY):
        pass
    assert message.type == aiohttp.WSMsgType.CLOSE, message
    return int(message.data)


def test_stopping_the_host_closes_every_websocket_at_once(tmp_path: Path) -> None:
    """Ctrl+C with clients connected: both servers close their websockets (1001, going
    away) instead of waiting for them, so `host --resume` can follow at once."""
    from shipped import scenario as shipped

    async def scenario() -> None:
        store = ClassStore(store_path())
        hosted = new_class(store, shipped("caspian-2021"), TEAMS, bots="normal", seed=5,
                           scenario_path=resolve_scenario("caspian-2021"))
        runner = await ClassHost(hosted.room, store).start("127.0.0.1", 0)
        base = f"http://127.0.0.1:{runner.addresses[0][1]}"
        port = free_port()
        origin = f"http://127.0.0.1:{port}"
        settings = ClassSettings(key="k2m3n4p5q6r7", facilitator_pass="k7m4q9tr",
                                 max_sessions=4, folders=tmp_path / "class-tabs")
        tabs = web.AppRunner(await ClassServer(STAND_IN, settings, host="127.0.0.1", port=port,
                                               public_url=origin).make_app())
        await tabs.setup()
        await web.TCPSite(tabs, "127.0.0.1", port).start()
        team = await connect(base, hosted.codes.teams["KZ"])
        async with aiohttp.ClientSession() as http:
            silent = await http.ws_connect(f"{base}/ws")  # not yet authenticated
            tab = await http.ws_connect(f"{origin}/ws?key={settings.key}",
                                        headers={"Origin": origin})
            await asyncio.sleep(0.5)
            started = time.monotonic()
            await asyncio.gather(runner.cleanup(), tabs.cleanup())
            assert time.monotonic() - started < 5
            for websocket in (team.ws, silent, tab):
                assert await _going_away(websocket) == aiohttp.WSCloseCode.GOING_AWAY
        await team.close()
        hosted.close()

    asyncio.run(scenario())
