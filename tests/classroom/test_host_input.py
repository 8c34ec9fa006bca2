"""What a real class server makes of malformed input, of pages on other names, of endless
joins with one code and of a reveal sent twice: a clean refusal each, at most one log line
and never a traceback."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from typing import Any

import aiohttp
from class_helpers import connect, join, reveal_now, running_class, server_log

from caspian_tabletop.classroom.hosting import store_path
from caspian_tabletop.classroom.store import TOKENS_PER_ROLE
from caspian_tabletop.domain.moves import MoveKind

NESTED = "[" * 10000


def _run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


async def _post(base: str, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/api/join", data=body, headers=headers) as response:
            return response.status, await response.json(content_type=None)


def test_malformed_join_bodies_are_refused_cleanly() -> None:
    json_type = {"Content-Type": "application/json"}
    bodies: list[tuple[bytes, dict[str, str], int]] = [
        (NESTED.encode(), json_type, 400),
        (b'{"code": ' + NESTED.encode() + b"}", json_type, 400),
        (b'{"code": "KZ-ZZZZZZ"}', {"Content-Type": "application/json; charset=foo-bar"}, 403),
        ('{"code": "KZ-ZZZZZZ"}'.encode("utf-16"), {"Content-Type": "application/json; "
                                                     "charset=utf-16"}, 403),
        (b'{"code": "\xff"}', json_type, 400),
        (b"1" * 5000, json_type, 400),
    ]

    async def scenario() -> None:
        with server_log() as records:
            async with running_class() as (base, _):
                for body, headers, status in bodies:
                    got, reply = await _post(base, body, headers)
                    assert got == status and reply["type"] == "error", (body[:20], reply)
        assert not any(r.exc_info for r in records)
        assert len(records) <= len(bodies)
    _run(scenario())


def test_a_deeply_nested_websocket_frame_gets_an_error_before_and_after_auth() -> None:
    async def scenario() -> None:
        with server_log() as records:
            async with running_class() as (base, hosted):
                async with aiohttp.ClientSession() as http:
                    ws = await http.ws_connect(f"{base}/ws")
                    await ws.send_str(NESTED)
                    reply = json.loads((await ws.receive(timeout=5)).data)
                    assert reply["type"] == "error" and "auth" in reply["message"]
                    assert (await ws.receive(timeout=5)).type in (aiohttp.WSMsgType.CLOSE,
                                                                  aiohttp.WSMsgType.CLOSED)
                team = await connect(base, hosted.codes.teams["KZ"])
                await team.ws.send_str(NESTED)
                reply = await team.until(lambda m: m["type"] == "error")
                assert "JSON object" in reply["message"]
                assert (await team.ask({"type": "order", "move": "KZ pass"}))["type"] == "ok"
                await team.close()
        assert not any(r.exc_info for r in records)
    _run(scenario())


def test_only_pages_of_the_addresses_served_may_join_whatever_the_host_header() -> None:
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            port = base.rsplit(":", 1)[1]
            code = json.dumps({"code": hosted.codes.projector}).encode()
            for host, status in ((f"evil.test:{port}", 403), (f"127.0.0.1:{port}", 200),
                                 (f"localhost:{port}", 200)):
                headers = {"Host": host, "Origin": f"http://{host}",
                           "Content-Type": "application/json"}
                assert (await _post(base, code, headers))[0] == status, host
            async with aiohttp.ClientSession() as http:
                try:
                    await http.ws_connect(f"{base}/ws", headers={
                        "Host": f"evil.test:{port}", "Origin": f"http://evil.test:{port}"})
                except aiohttp.WSServerHandshakeError as exc:
                    assert exc.status == 403
                else:
                    raise AssertionError("a websocket from a rebound name was accepted")
    _run(scenario())


def test_joining_again_and_again_keeps_only_the_newest_tokens_of_a_role() -> None:
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            tokens = []
            for _ in range(TOKENS_PER_ROLE + 5):
                status, joined = await join(base, hosted.codes.projector)
                assert status == 200
                tokens.append(joined["token"])
            with sqlite3.connect(store_path()) as db:
                kept = db.execute("SELECT count(*) FROM credentials WHERE kind = 'token'"
                                  ).fetchone()[0]
            assert kept == TOKENS_PER_ROLE
            wall = await connect(base, token=tokens[-1])
            await wall.close()
            async with aiohttp.ClientSession() as http:
                ws = await http.ws_connect(f"{base}/ws")
                await ws.send_str(json.dumps({"type": "auth", "token": tokens[0]}))
                reply = json.loads((await ws.receive(timeout=5)).data)
                assert reply["type"] == "error" and "unknown token" in reply["message"]
    _run(scenario())


def test_a_reveal_sent_twice_closes_the_orders_once_and_reveals_nothing() -> None:
    """The audit's double key press: with an offer to a team, the first reveal asks for
    answers; the second, meant for the orders too, is refused and the offer stays open."""
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            room = hosted.room
            trade = next(m for m in room.session.game.legal_moves("KZ")
                         if m.kind is MoveKind.TRADE and m.partner == "AZ")
            kz = await connect(base, hosted.codes.teams["KZ"])
            assert (await kz.ask({"type": "order", "move": trade.notation()}))["type"] == "ok"
            facilitator = await connect(base, hosted.codes.facilitator)
            press = reveal_now(room)
            await facilitator.send(press)
            await facilitator.send(press)
            first = await facilitator.until(lambda m: m["type"] in ("ok", "error"))
            second = await facilitator.until(lambda m: m["type"] in ("ok", "error"))
            assert first["type"] == "ok" and second["type"] == "error"
            assert "meant for turn 1's orders" in second["message"]
            assert room.state.phase == "answers" and room.session.game.turn == 1
            await kz.close()
            await facilitator.close()
    _run(scenario())


async def _raw(port: int, request: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    reply = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    return reply


def test_a_join_body_that_cannot_be_decoded_gets_a_400_and_one_log_line() -> None:
    """A body that is not what its Content-Encoding or chunks say: a clean refusal, never a
    500 or a traceback, and one short log line however many come."""
    head = "POST /api/join HTTP/1.1\r\nHost: x\r\n"
    requests = [f"{head}Content-Encoding: {encoding}\r\nContent-Length: 10\r\n\r\n0123456789"
                .encode() for encoding in ("gzip", "deflate", "gzip")]
    requests.append(f"{head}Transfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n".encode())

    async def scenario() -> None:
        with server_log() as records:
            async with running_class() as (base, _):
                for request in requests:
                    reply = await _raw(int(base.rsplit(":", 1)[1]), request)
                    assert reply.split()[1] == b"400", reply[:100]
        assert not any(r.exc_info for r in records), [r.getMessage() for r in records]
        assert len(records) <= 2, [r.getMessage() for r in records]
    _run(scenario())


def test_malformed_requests_cost_one_short_log_line_not_a_traceback_each() -> None:
    """A flood of requests aiohttp cannot parse (on any path) fills no log."""
    bad = [b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
           b"POST /api/join HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n\r\n",
           b"GET /ws HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"]

    async def scenario() -> None:
        with server_log() as records:
            async with running_class() as (base, _):
                for request in bad * 20:
                    reply = await _raw(int(base.rsplit(":", 1)[1]), request)
                    assert reply.split()[1] == b"400", reply[:100]
        assert not any(r.exc_info or "Traceback" in r.getMessage() for r in records)
        assert len(records) <= 1, [r.getMessage() for r in records]  # a minute per address
        assert all(len(r.getMessage()) < 200 for r in records)
    _run(scenario())
