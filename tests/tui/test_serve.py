"""`caspian-tabletop serve`: only browsers with the launch's key get in, the game's websocket
only from its own page, at most --max-sessions games at once, a folder per browser, and a
page that asks nothing of any other host."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer, make_mocked_request
from click.testing import CliRunner
from tui_helpers import sync

from caspian_tabletop.classroom.devices import DEVICE_ENV, SECRET_ENV
from caspian_tabletop.cli import main
from caspian_tabletop.cli.tui_commands import TUI_LAUNCHER, is_loopback
from caspian_tabletop.passphrase import ALPHABET
from caspian_tabletop.saves import HOME_ENV
from caspian_tabletop.tui.served import FACILITATOR_PASS_ENV, JOINED_META, LEFT_META, SERVED_ENV
from caspian_tabletop.tui.web import server as web_server
from caspian_tabletop.tui.web.folders import COOKIE as BROWSER_COOKIE
from caspian_tabletop.tui.web.server import ClassServer, ClassSettings
from served_page import Screen

START_TIMEOUT = 30.0
KEY = "k2m3n4p5q6r7"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def jar() -> aiohttp.CookieJar:
    """Browsers keep cookies of numeric hosts such as 127.0.0.1; aiohttp's client only if told."""
    return aiohttp.CookieJar(unsafe=True)


# ----- a real server, as the teacher starts it -----------------------------------------------
@dataclass
class Running:
    home: Path
    base: str
    address: str
    passphrase: str
    process: subprocess.Popen[str]


def start_serve(tmp_path: Path, *options: str) -> Running:
    port = free_port()
    env = {**os.environ, HOME_ENV: str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-c", TUI_LAUNCHER, "serve", "--port", str(port), *options],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stderr is not None
    printed: dict[str, str] = {}
    for line in process.stderr:
        if ":" in line:
            label, _, value = line.strip().partition(": ")
            printed[label.strip()] = value.strip()
        if "browser sessions at once" in printed:
            break
    address = printed["address for the class"]
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    return Running(tmp_path, base, address, printed["facilitator passphrase"].split()[0], process)


def stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    running = start_serve(tmp_path_factory.mktemp("home"), "--max-sessions", "2")
    try:
        yield running
    finally:
        stop(running.process)


async def first_frame(websocket: aiohttp.ClientWebSocketResponse) -> int:
    """Bytes of the game's first screen (the TUI process started and drew)."""
    received = 0
    async for message in websocket:
        if message.type == aiohttp.WSMsgType.BINARY:
            received += len(message.data)
            if received > 1000:
                break
    return received


def test_the_printed_address_carries_a_fresh_typable_key(served: Running) -> None:
    assert served.address.startswith(f"{served.base}/?key=")
    key = served.address.split("key=")[1]
    assert len(key) == 12 and set(key) <= set(ALPHABET)
    assert len(served.passphrase) == 8 and set(served.passphrase) <= set(ALPHABET)


@sync
async def test_without_the_right_key_everything_is_forbidden(served: Running) -> None:
    async with aiohttp.ClientSession(cookie_jar=jar()) as client:
        for path in ("/", "/?key=wrong", "/?key=", "/static/js/textual.js", "/download/x",
                     f"/?KEY={served.address.split('key=')[1]}"):
            async with client.get(served.base + path) as reply:
                assert reply.status == 403, path
                assert "key" in await reply.text()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(served.base + "/ws", headers={"Origin": served.base})
        assert refused.value.status == 403


@sync
async def test_the_key_opens_the_page_its_files_and_the_games_websocket(served: Running
                                                                        ) -> None:
    async with aiohttp.ClientSession(cookie_jar=jar()) as client:
        async with client.get(served.address) as reply:
            assert reply.status == 200
            page = await reply.text()
            cookies = reply.headers.getall("Set-Cookie")
        assert f'data-session-websocket-url="{served.base.replace("http", "ws")}/ws"' in page
        access = next(c for c in cookies if c.startswith("caspian_access_"))
        assert "HttpOnly" in access and "SameSite=Strict" in access
        assert any(c.startswith(f"{BROWSER_COOKIE}=") for c in cookies)
        async with client.get(served.base + "/static/js/textual.js") as reply:
            assert reply.status == 200  # the cookie stands in for the key
        async with client.ws_connect(served.base + "/ws?width=100&height=30",
                                     headers={"Origin": served.base}) as websocket:
            assert await asyncio.wait_for(first_frame(websocket), START_TIMEOUT) > 1000


@sync
async def test_a_websocket_from_another_origin_is_refused(served: Running) -> None:
    async with aiohttp.ClientSession(cookie_jar=jar()) as client:
        async with client.get(served.address) as reply:
            assert reply.status == 200
        for origin in ("http://evil.example", "http://localhost:1", served.base + ".evil.example",
                       "null"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(served.base + "/ws", headers={"Origin": origin})
            assert refused.value.status == 403, origin
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(served.base + "/ws")  # no Origin at all
        assert refused.value.status == 403


@sync
async def test_the_session_past_the_cap_gets_the_class_is_full_page(served: Running) -> None:
    async with aiohttp.ClientSession(cookie_jar=jar()) as client:
        async with client.get(served.address) as reply:
            assert reply.status == 200
        sockets = []
        try:
            for _ in range(2):
                websocket = await connect_when_room(client, served)
                sockets.append(websocket)
                await asyncio.wait_for(first_frame(websocket), START_TIMEOUT)
            async with client.get(served.address) as reply:
                assert reply.status == 503
                assert reply.content_type == "text/html"
                assert "The class is full" in await reply.text()
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(served.base + "/ws", headers={"Origin": served.base})
            assert refused.value.status == 503
        finally:
            for websocket in sockets:
                await websocket.close()
            await until_free(client, served)


async def connect_when_room(client: aiohttp.ClientSession, served: Running
                            ) -> aiohttp.ClientWebSocketResponse:
    """A game websocket, once an earlier test's closed session has stopped (on a busy
    machine its game process can take a moment to end and free its place)."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            return await client.ws_connect(served.base + "/ws", headers={"Origin": served.base})
        except aiohttp.WSServerHandshakeError as refused:
            if refused.status != 503 or time.monotonic() > deadline:
                raise
        await asyncio.sleep(0.2)


async def until_free(client: aiohttp.ClientSession, served: Running) -> None:
    """Wait for closed sessions' games to stop, so the next test finds room."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        async with client.get(served.address) as reply:
            if reply.status == 200:
                return
        await asyncio.sleep(0.2)


@sync
async def test_the_page_names_no_other_host(served: Running) -> None:
    async with aiohttp.ClientSession(cookie_jar=jar()) as client:
        async with client.get(served.address) as reply:
            page = await reply.text()
            policy = reply.headers["Content-Security-Policy"]
        hosts = set(re.findall(r"\b(?:https?|wss?)://([^/\"'\s)]+)", page))
        assert hosts == {served.base.split("//")[1]}
        assert "googleapis" not in page and "@import" not in page
        async with client.get(served.base + "/static/css/xterm.css") as reply:
            css = await reply.text()
        assert "@import" not in css
        assert not [u for u in re.findall(r"url\(([^)]*)\)", css) if "//" in u]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy


@sync
async def test_a_browser_saves_in_its_own_folder_and_downloads_the_copy(served: Running
                                                                        ) -> None:
    async with aiohttp.ClientSession(cookie_jar=jar()) as client:
        async with client.get(served.address) as reply:
            browser = next(c for c in reply.headers.getall("Set-Cookie")
                           if c.startswith(f"{BROWSER_COOKIE}="))
        folder = served.home / "served" / browser.split("=")[1].split(";")[0] / "saves"
        async with client.ws_connect(served.base + "/ws?width=120&height=40",
                                     headers={"Origin": served.base}) as websocket:
            screen = Screen(websocket)
            await screen.wait_for("New game")
            await screen.type("\x0e")  # Ctrl+N
            await screen.wait_for("Move builder")
            await screen.type("s")
            await screen.wait_for("this browser's own folder")
            await screen.type("\x7f" * 30 + "for-home\t\t\r")  # Tab twice: the download
            await screen.wait_for("deliver_file_start")
            delivery = next(n[1] for n in screen.notices if n[0] == "deliver_file_start")
            async with client.get(f"{served.base}/download/{delivery}") as reply:
                assert reply.status == 200
                copy = await reply.text()
        assert (folder / "for-home.yaml").read_text(encoding="utf-8") == copy
        assert "format: caspian-replay" in copy
        await until_free(client, served)


def test_serve_stops_on_sigterm(tmp_path: Path) -> None:
    """SIGTERM alone ends the server, within seconds (no kill needed)."""
    running = start_serve(tmp_path)
    running.process.terminate()
    try:
        code = running.process.wait(timeout=15)
    finally:
        stop(running.process)
    assert code in (0, -signal.SIGTERM)


# ----- the server in this process: the cap, the folders, the environment ----------------------
def class_server(tmp_path: Path, port: int, max_sessions: int = 12, command: str = "true",
                 **limits: Any) -> ClassServer:
    settings = ClassSettings(key=KEY, facilitator_pass="k7m4q9tr", max_sessions=max_sessions,
                             folders=tmp_path / "served", **limits)
    return ClassServer(command, settings, host="127.0.0.1", port=port,
                       public_url=f"http://127.0.0.1:{port}")


# A stand-in class client: it starts like a Textual app, reports an accepted code when the
# browser sends a key (a refused token on "L"), and ends when the server says quit.
FAKE_TAB = shlex.join([sys.executable, "-c", f"""
import json, sys
out, keys = sys.stdout.buffer, sys.stdin.buffer
out.write(b"__GANGLION__\\n"); out.flush()
while kind := keys.read(1):
    body = keys.read(int.from_bytes(keys.read(4), "big"))
    if kind == b"M" and json.loads(body)["type"] == "quit":
        break
    if kind == b"D":
        meta = json.dumps({{"type": {LEFT_META!r} if body == b"L" else {JOINED_META!r}}}).encode()
        out.write(b"M" + len(meta).to_bytes(4, "big") + meta); out.flush()
"""])


@asynccontextmanager
async def client_of(server: ClassServer, port: int) -> AsyncIterator[TestClient[Any, Any]]:
    app = await server._make_app()
    async with TestClient(TestServer(app, host="127.0.0.1", port=port),
                          cookie_jar=jar()) as client:
        yield client


@sync
async def test_the_default_cap_of_twelve_counts_live_sessions(tmp_path: Path) -> None:
    port = free_port()
    server = class_server(tmp_path, port)
    async with client_of(server, port) as client:
        server.sessions = 11
        reply = await client.get(f"/?key={KEY}")
        assert reply.status == 200
        server.sessions = 12
        reply = await client.get("/")
        assert reply.status == 503 and "All 12 game sessions" in await reply.text()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect("/ws", headers={"Origin": f"http://127.0.0.1:{port}"})
        assert refused.value.status == 503


async def until(done: Any, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not done():
        assert time.monotonic() < deadline, f"never happened: {what}"
        await asyncio.sleep(0.05)


@sync
async def test_one_address_holds_at_most_its_share_of_the_tabs(tmp_path: Path) -> None:
    """Anyone who reaches `host`'s class port gets the tab key: one device must not be able
    to take every tab, not even by using other addresses of its own (all of loopback is one
    device, as for the class server). Another device still gets in; a closed tab frees its
    place."""
    port = free_port()
    origin = {"Origin": f"http://127.0.0.1:{port}"}
    server = class_server(tmp_path, port, command=FAKE_TAB, per_address=2)
    async with client_of(server, port) as client:
        tabs = [await client.ws_connect(f"/ws?key={KEY}", headers=origin) for _ in range(2)]
        await until(lambda: server.by_address == {"loopback": 2}, "two tabs counted")
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(f"/ws?key={KEY}", headers=origin)
        assert refused.value.status == 429
        reply = await client.get(f"/?key={KEY}")
        assert reply.status == 429 and "Enough tabs on this device" in await reply.text()
        alias = aiohttp.TCPConnector(local_addr=("127.0.0.2", 0))
        async with aiohttp.ClientSession(connector=alias) as same_device:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await same_device.ws_connect(f"http://127.0.0.1:{port}/ws?key={KEY}",
                                             headers=origin)
            assert refused.value.status == 429
        for peer, crowded in (("127.0.0.3", True), ("::1", True), ("192.0.2.7", False)):
            transport = mock.Mock()
            transport.get_extra_info.return_value = (peer, 50000)
            assert server.crowded(make_mocked_request("GET", "/ws", transport=transport)
                                  ) is crowded, peer
        await tabs.pop().close()
        await until(lambda: server.by_address == {"loopback": 1}, "a place is free")
        tabs.append(await client.ws_connect(f"/ws?key={KEY}", headers=origin))
        for tab in tabs:
            await tab.close()
        await until(lambda: server.sessions == 0 and not server.by_address, "all closed")


@sync
async def test_a_tab_that_joins_no_class_in_time_is_closed(tmp_path: Path) -> None:
    """Typing no accepted code cannot hold a tab: after `join_within` the server closes it,
    while a tab whose client reported an accepted code stays."""
    port, within = free_port(), 3.0
    origin = {"Origin": f"http://127.0.0.1:{port}"}
    server = class_server(tmp_path, port, command=FAKE_TAB, join_within=within)
    async with client_of(server, port) as client:
        opened = time.monotonic()
        joined = await client.ws_connect(f"/ws?key={KEY}", headers=origin)
        idle = await client.ws_connect(f"/ws?key={KEY}", headers=origin)
        await joined.send_json(["stdin", "K"])  # the stand-in reports an accepted code
        closing = await idle.receive(timeout=START_TIMEOUT)
        assert closing.type == aiohttp.WSMsgType.CLOSE
        assert closing.data == aiohttp.WSCloseCode.POLICY_VIOLATION
        assert "no class joined" in closing.extra
        assert time.monotonic() - opened >= within
        await until(lambda: server.sessions == 1, "the idle tab's session ended")
        await asyncio.sleep(1.0)
        assert not joined.closed and server.sessions == 1
        await joined.close()
        await until(lambda: server.sessions == 0, "all closed")


@sync
async def test_a_tab_whose_token_is_refused_has_to_join_again_in_time(tmp_path: Path) -> None:
    """A tab that joined, then lost its token (a resume revoked it), counts as not joined:
    it is closed unless it joins again within `join_within`."""
    port, within = free_port(), 3.0
    origin = {"Origin": f"http://127.0.0.1:{port}"}
    server = class_server(tmp_path, port, command=FAKE_TAB, join_within=within)
    async with client_of(server, port) as client:
        tab = await client.ws_connect(f"/ws?key={KEY}", headers=origin)
        await tab.send_json(["stdin", "K"])
        await asyncio.sleep(within + 1.0)
        assert not tab.closed
        await tab.send_json(["stdin", "L"])  # the stand-in reports a refused token
        left = time.monotonic()
        while (closing := await tab.receive(timeout=START_TIMEOUT)).type in (
                aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
            pass
        assert closing.type == aiohttp.WSMsgType.CLOSE
        assert closing.data == aiohttp.WSCloseCode.POLICY_VIOLATION
        assert time.monotonic() - left >= within - 0.5
        await until(lambda: server.sessions == 0, "all closed")


def test_a_browser_keeps_its_folder_and_cannot_choose_another(tmp_path: Path) -> None:
    server = class_server(tmp_path, 8000)
    known = "0123456789abcdef0123456789abcdef"
    homes = []
    for cookie in (known, known, "../../etc", "/etc", "A" * 32, ""):
        request = make_mocked_request("GET", "/ws",
                                      headers={"Cookie": f"{BROWSER_COOKIE}={cookie}"})
        environment = server._environment(request)
        homes.append(Path(environment[HOME_ENV]))
        assert environment[SERVED_ENV] == "1"
        assert environment[FACILITATOR_PASS_ENV] == "k7m4q9tr"
    assert homes[0] == homes[1] == tmp_path / "served" / known
    for home in homes[2:]:
        assert home.parent == tmp_path / "served" and re.fullmatch(r"[0-9a-f]{32}", home.name)
    assert len(set(homes[2:])) == 4  # a browser without a good id gets a fresh folder


def test_a_class_tab_gets_its_browsers_address_and_the_hosts_secret(tmp_path: Path) -> None:
    """The class server limits joins per browser device only with both (see devices)."""
    transport = mock.Mock()
    transport.get_extra_info.return_value = ("192.0.2.7", 50000)
    request = make_mocked_request("GET", "/ws", transport=transport)
    environment = class_server(tmp_path, 8000, device_secret="s")._environment(request)
    assert environment[DEVICE_ENV] == "192.0.2.7" and environment[SECRET_ENV] == "s"
    plain = class_server(tmp_path, 8000)._environment(request)
    assert DEVICE_ENV not in plain and SECRET_ENV not in plain


@sync
async def test_the_browser_id_is_given_once(tmp_path: Path) -> None:
    port = free_port()
    server = class_server(tmp_path, port)
    async with client_of(server, port) as client:
        reply = await client.get(f"/?key={KEY}")
        given = [c for c in reply.headers.getall("Set-Cookie") if c.startswith(BROWSER_COOKIE)]
        assert len(given) == 1 and "HttpOnly" in given[0] and "SameSite=Strict" in given[0]
        reply = await client.get("/")
        assert not [c for c in reply.headers.getall("Set-Cookie", [])
                    if c.startswith(BROWSER_COOKIE)]


# ----- the command line -----------------------------------------------------------------------
class FakeServer:
    """Stands in for ClassServer: records how it was made, serves nothing."""

    made: dict[str, Any] = {}

    def __init__(self, command: str, settings: ClassSettings, **kwargs: Any) -> None:
        FakeServer.made = {"command": command, "settings": settings, **kwargs}
        self.address = f"{kwargs['public_url']}/?key={settings.key}"

    def serve(self) -> None:
        return None


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(web_server, "ClassServer", FakeServer)
    monkeypatch.setenv(HOME_ENV, str(tmp_path))


@pytest.mark.parametrize(("host", "warned"), [("127.0.0.1", False), ("localhost", False),
                                              ("::1", False), ("0.0.0.0", True),
                                              ("192.168.1.20", True)])
def test_a_network_address_is_served_with_a_concrete_warning(host: str, warned: bool,
                                                             fake_server: None) -> None:
    result = CliRunner().invoke(main, ["serve", "--host", host, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert ("anyone on the network who has the address with its key" in result.output) is warned
    if warned:
        for power in ("play any seat", "own folder", "only with the passphrase", "Ctrl+C"):
            assert power in result.output
    assert is_loopback(host) is not warned
    assert FakeServer.made["host"] == host and FakeServer.made["port"] == 8123
    assert FakeServer.made["command"].endswith(" tui")
    if host == "::1":
        assert FakeServer.made["public_url"] == "http://[::1]:8123"


def test_serve_prints_the_address_with_its_key_and_the_passphrase(fake_server: None,
                                                                  tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    settings: ClassSettings = FakeServer.made["settings"]
    assert f"http://127.0.0.1:8123/?key={settings.key}" in result.output
    assert settings.facilitator_pass in result.output
    assert settings.max_sessions == 12
    assert settings.folders == tmp_path / "served"
    assert CliRunner().invoke(main, ["serve", "--port", "8123"]).exit_code == 0
    assert FakeServer.made["settings"].key != settings.key  # a new key at every launch


def test_a_chosen_passphrase_is_used_and_not_printed(fake_server: None) -> None:
    result = CliRunner().invoke(main, ["serve", "--facilitator-pass", "heron lamp",
                                       "--max-sessions", "3"])
    assert result.exit_code == 0, result.output
    assert FakeServer.made["settings"].facilitator_pass == "heron lamp"
    assert FakeServer.made["settings"].max_sessions == 3
    assert "heron lamp" not in result.output


@pytest.mark.parametrize(("options", "problem"), [
    (["--host", ""], "every network interface"),
    (["--host", "  "], "every network interface"),
    (["--facilitator-pass", "abc"], "at least 4"),
    (["--max-sessions", "0"], "--max-sessions"),
])
def test_bad_serve_options_are_usage_errors(options: list[str], problem: str,
                                            fake_server: None) -> None:
    FakeServer.made = {}
    result = CliRunner().invoke(main, ["serve", *options])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert problem in result.output
    assert FakeServer.made == {}
