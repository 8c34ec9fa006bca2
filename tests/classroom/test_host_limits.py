"""Limits that hold against a real class server: join attempts sent all at once, wrong codes
from one address against the rest of the class, too many connections, and requests that are
never finished."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from class_helpers import connect, free_port, running_class, server_log

from caspian_tabletop.classroom import limits
from caspian_tabletop.classroom import server as server_module
from caspian_tabletop.classroom.connections import (
    ConnectionGuard,
    ConnectionLimits,
    address_key,
    bind_host,
    listen,
)
from caspian_tabletop.classroom.devices import DEVICE_ENV, SECRET_ENV, join_headers
from caspian_tabletop.classroom.limits import JoinLimiter


def _run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


async def _held_join(port: int, code: str, gate: asyncio.Event,
                     source: str = "127.0.0.1") -> int:
    """A join whose headers go at once and whose body waits for `gate`; its status."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
    body = json.dumps({"code": code}).encode()
    writer.write(f"POST /api/join HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: "
                 f"application/json\r\nContent-Length: {len(body)}\r\nConnection: close"
                 "\r\n\r\n".encode())
    await writer.drain()
    await gate.wait()
    writer.write(body)
    await writer.drain()
    reply = await reader.read()
    writer.close()
    return int(reply.split()[1])


async def _join_from(base: str, source: str, code: str) -> int:
    connector = aiohttp.TCPConnector(local_addr=(source, 0))
    async with aiohttp.ClientSession(connector=connector) as http:
        async with http.post(f"{base}/api/join", json={"code": code}) as response:
            return response.status


def test_guesses_sent_at_once_get_no_more_attempts_than_guesses_sent_one_by_one() -> None:
    """20 joins from one address, all waiting to send their bodies: only the first
    `PER_ADDRESS` are evaluated; the right code, 16th, is refused with the rest."""
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            gate = asyncio.Event()
            guesses = ["TM-ZZZZZZ"] * 20
            guesses[15] = hosted.codes.teams["TM"]
            tasks = [asyncio.create_task(_held_join(_port(base), code, gate))
                     for code in guesses]
            await asyncio.sleep(0.5)  # every request's headers are in, no body yet
            gate.set()
            statuses = await asyncio.gather(*tasks)
            assert Counter(statuses) == {403: limits.PER_ADDRESS, 429: 20 - limits.PER_ADDRESS}
            assert statuses[15] == 429
    _run(scenario())


def test_one_address_cannot_keep_the_class_from_joining(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """Wrong codes from several addresses fill the overall cap: addresses that failed wait,
    an address that has not tried yet still joins with its code."""
    # The server counts all of loopback as one address (anyone on this computer can use
    # any 127.x.y.z); here the test's 127.0.0.x addresses stand for devices on a network.
    monkeypatch.setattr(server_module, "address_key", lambda address: address)

    async def scenario() -> None:
        async with running_class() as (base, hosted):
            right = hosted.codes.teams["KZ"]
            for _ in range(limits.PER_ADDRESS):
                assert await _join_from(base, "127.0.0.2", "KZ-ZZZZZZ") == 403
            assert await _join_from(base, "127.0.0.2", right) == 429  # it locked itself out
            assert await _join_from(base, "127.0.0.3", right) == 200  # and nobody else
            for n in range(4, 4 + limits.OVERALL // limits.PER_ADDRESS):
                for _ in range(limits.PER_ADDRESS):
                    await _join_from(base, f"127.0.0.{n}", "KZ-ZZZZZZ")
            assert await _join_from(base, "127.0.0.50", "KZ-ZZZZZZ") == 403  # a first try
            assert await _join_from(base, "127.0.0.50", right) == 429  # the cap is full
            assert await _join_from(base, "127.0.0.51", right) == 200  # a first try
    _run(scenario())


def test_the_join_limiter_counts_per_address_and_overall_and_forgets() -> None:
    joins = JoinLimiter(per_address=2, overall=3, window=60.0)
    assert joins.reserve("a", 0.0) and joins.reserve("a", 1.0)
    assert not joins.reserve("a", 2.0)  # its own cap
    joins.refund("a", 1.0)  # a right code gives its attempt back
    assert joins.reserve("a", 3.0)
    assert joins.reserve("b", 4.0)  # the overall cap (3) is now full ...
    assert not joins.reserve("b", 5.0)  # ... for an address that has tried
    assert joins.reserve("c", 6.0)  # not for one that has not
    assert joins.reserve("a", 64.5)  # a minute on, only c's attempt is still counted


def test_addresses_are_counted_by_device_not_by_alias() -> None:
    assert address_key("127.0.0.1") == address_key("127.8.9.10") == address_key("::1")
    assert address_key("::ffff:192.168.1.20") == "192.168.1.20"
    assert address_key("2001:db8::1") == address_key("2001:db8::ffff:2") == "2001:db8::/64"
    assert address_key("192.168.1.20") != address_key("192.168.1.21")


def test_the_guard_caps_each_address_and_all_but_its_own_addresses_only_overall() -> None:
    guard = ConnectionGuard(ConnectionLimits(per_address=2, overall=4, own=frozenset({"h"})))
    assert guard.admit("a") and guard.admit("a") and not guard.admit("a")
    assert guard.admit("h") and guard.admit("h")  # the host's own: no per-address cap
    assert not guard.admit("b")  # four open in all
    guard.release("a")
    assert guard.admit("b") and guard.total == 4


async def _open(port: int, first: bytes = b"") -> tuple[asyncio.StreamReader,
                                                       asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(first)
    await writer.drain()
    return reader, writer


async def _closed_within(reader: asyncio.StreamReader, seconds: float) -> bool:
    """Whether the server closes the connection within `seconds` (sending nothing, or at
    most an error response)."""
    try:
        async with asyncio.timeout(seconds):
            while await reader.read(4096):
                pass
    except TimeoutError:
        return False
    return True


def test_connections_past_the_cap_are_closed_and_the_class_goes_on() -> None:
    async def scenario() -> None:
        small = ConnectionLimits(per_address=3, overall=100)
        with server_log() as records:
            async with running_class(limits=small) as (base, hosted):
                port = _port(base)
                held = [await _open(port) for _ in range(3)]
                reader, _ = await _open(port)
                assert await _closed_within(reader, 2.0)
                held[0][1].close()
                await asyncio.sleep(0.2)
                team = await connect(base, hosted.codes.teams["KZ"])  # room again
                assert (await team.ask({"type": "order", "move": "KZ pass"}))["type"] == "ok"
                await team.close()
                for _, writer in held[1:]:
                    writer.close()
        refusals = [r for r in records if "refused" in r.getMessage()]
        assert len(refusals) == 1 and not any(r.exc_info for r in records)
    _run(scenario())


def test_half_sent_requests_are_cut_off_but_a_joined_client_stays() -> None:
    """Nothing sent, headers half sent, a join's body never sent: each is closed after the
    limits' seconds; a websocket that has joined stays open however long it is quiet."""
    async def scenario() -> None:
        quick = ConnectionLimits(idle_seconds=1.0, request_seconds=1.0)
        with server_log() as records:
            async with running_class(limits=quick) as (base, hosted):
                port = _port(base)
                team = await connect(base, hosted.codes.teams["KZ"])
                started = time.monotonic()
                nothing, _ = await _open(port)
                half, _ = await _open(port, b"POST /api/join HTTP/1.1\r\nHost: x\r\n")
                body, _ = await _open(port, b"POST /api/join HTTP/1.1\r\nHost: x\r\n"
                                            b"Content-Length: 20\r\n\r\n{")
                for reader in (nothing, half, body):
                    assert await _closed_within(reader, 15.0)
                assert time.monotonic() - started < 8.0  # not aiohttp's hour
                await asyncio.sleep(1.5)
                assert (await team.ask({"type": "order", "move": "KZ pass"}))["type"] == "ok"
                await team.close()
        assert not any(r.exc_info for r in records)
    _run(scenario())


async def _tab_join(base: str, code: str, device: str, secret: str) -> int:
    """A join as a browser tab's class client sends it: from loopback, for `device`."""
    headers = join_headers({DEVICE_ENV: device, SECRET_ENV: secret})
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/api/join", json={"code": code},
                             headers=headers) as response:
            return response.status


def test_browser_tabs_are_limited_per_browser_device_not_as_loopback() -> None:
    """Every tab's client joins from loopback: with the host's secret, a tab's wrong codes
    count against its browser's device, so one device cannot lock out the others or the
    facilitator's terminal; a forwarded address without the secret is ignored."""
    secret = "s3cret-of-this-run"

    async def scenario() -> None:
        async with running_class(device_secret=secret) as (base, hosted):
            right = hosted.codes.teams["KZ"]
            with server_log() as records:
                for _ in range(limits.PER_ADDRESS):
                    assert await _tab_join(base, "KZ-ZZZZZZ", "192.0.2.2", secret) == 403
            assert await _tab_join(base, right, "192.0.2.2", secret) == 429
            assert any("wrong join code from 192.0.2.2" in r.getMessage() for r in records)
            assert await _tab_join(base, right, "192.0.2.3", secret) == 200
            assert await _join_from(base, "127.0.0.1", right) == 200  # the host's terminal
            for _ in range(limits.PER_ADDRESS):  # forged: counted against loopback
                assert await _tab_join(base, "KZ-ZZZZZZ", "192.0.2.4", "guess") == 403
            assert await _join_from(base, "127.0.0.1", right) == 429
            assert await _tab_join(base, right, "192.0.2.4", secret) == 200
    _run(scenario())


def test_a_class_tab_is_given_its_browsers_address_and_the_secret() -> None:
    assert join_headers({}) == {} and join_headers({DEVICE_ENV: "192.0.2.2"}) == {}
    assert join_headers({DEVICE_ENV: "192.0.2.2", SECRET_ENV: "s"}) == {
        "X-Caspian-Device": "192.0.2.2", "X-Caspian-Device-Secret": "s"}


def test_every_interface_of_both_families_is_served_for_a_host_of_colons() -> None:
    """`host --host ::` prints an IPv4 address, and its tabs join over 127.0.0.1: both
    must answer, not only IPv6 (asyncio makes a socket bound to `::` IPv6-only)."""
    async def scenario() -> None:
        async def here(request: web.Request) -> web.Response:
            return web.Response(text="here")

        app = web.Application()
        app.router.add_get("/", here)
        port = free_port()
        runner = await listen(app, "::", port, ConnectionGuard(ConnectionLimits()))
        try:
            async with aiohttp.ClientSession() as http:
                async with http.get(f"http://127.0.0.1:{port}/") as reply:
                    assert await reply.text() == "here"
        finally:
            await runner.cleanup()

    assert bind_host("::") is None and bind_host("0.0.0.0") == "0.0.0.0"
    asyncio.run(scenario())
