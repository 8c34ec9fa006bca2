"""A real class server on a loopback port with real websocket clients: a turn played by four
teams, privacy of sealed orders, a hostile client, bad codes and bad origins."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
from class_helpers import Client, connect, join, reveal, running_class

from caspian_tabletop.classroom import limits
from caspian_tabletop.classroom import server as server_module
from caspian_tabletop.replay.reader import parse_replay
from caspian_tabletop.replay.runner import run_replay


def _run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


async def _everyone(base: str, hosted: Any) -> tuple[dict[str, Client], Client, Client]:
    codes = hosted.codes
    teams = {a: await connect(base, code) for a, code in codes.teams.items()}
    projector = await connect(base, codes.projector)
    facilitator = await connect(base, codes.facilitator)
    return teams, projector, facilitator


async def _close(*clients: Client) -> None:
    for client in clients:
        await client.close()


def test_four_teams_seal_the_facilitator_reveals_and_all_see_the_same_game() -> None:
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            teams, projector, facilitator = await _everyone(base, hosted)
            for actor, client in teams.items():
                reply = await client.ask({"type": "order", "move": f"{actor} pass"})
                assert reply == {"type": "ok", "for": "order"}
            view = await projector.view(lambda v: all(t["submitted"] for t in v["teams"]))
            assert view["turn"] == 1
            await reveal(facilitator, hosted.room)
            finals = [await c.view(lambda v: v["turn"] == 2 and v["revealed"])
                      for c in [*teams.values(), projector, facilitator]]
            room = hosted.room
            assert {v["digest"] for v in finals} == {room.session.game.digest()}
            assert all(v["scores"] == finals[0]["scores"] for v in finals)
            moves = {r["actor"] for r in finals[0]["revealed"] if r["step"] == "move"}
            assert moves == set(room.session.game.compiled.actors)
            # what was acknowledged is in the store
            stored = hosted.store.load(room.class_id)
            replayed = run_replay(parse_replay(stored.save.encode(), "store"), verify=True)
            assert replayed.game.digest() == room.session.game.digest()
            await _close(*teams.values(), projector, facilitator)
    _run(scenario())


def test_no_team_sees_another_teams_order_before_the_reveal() -> None:
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            teams, projector, facilitator = await _everyone(base, hosted)
            orders = {}
            for actor, client in teams.items():
                invest = next(m for m in hosted.room.session.game.legal_moves(actor)
                              if m.kind.value in ("invest", "summit", "trade"))
                orders[actor] = invest.notation()
                assert (await client.ask({"type": "order", "move": orders[actor]}))["type"] == "ok"
            await projector.view(lambda v: all(t["submitted"] for t in v["teams"]))
            seen = await facilitator.view(lambda v: len(v["facilitator"]["orders"]) == 7)
            assert {o["move"] for o in seen["facilitator"]["orders"]} >= set(orders.values())
            await asyncio.sleep(0.2)
            for client in [*teams.values(), projector]:  # everything received before reveal
                while True:
                    try:
                        await client.until(lambda m: False, timeout=0.1)
                    except TimeoutError:
                        break
            for actor, client in teams.items():
                text = json.dumps(client.received)
                for other, order in orders.items():
                    if other != actor:
                        assert order not in text, f"{actor} saw {other}'s order"
                assert orders[actor] in text  # its own order comes back to it
                assert "facilitator" not in [k for m in client.received for k in m]
            wall = json.dumps(projector.received)
            assert not any(order in wall for order in orders.values())
            await _close(*teams.values(), projector, facilitator)
    _run(scenario())


def test_a_hostile_team_client_changes_nothing() -> None:
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            room = hosted.room
            hostile = await connect(base, hosted.codes.teams["KZ"])
            before = (room.session.game.digest(), dict(room.state.sealed), len(
                room.session.game.records))
            attempts: list[Any] = [
                {"type": "order", "move": "AZ pass"},
                {"type": "reveal", "turn": 1, "phase": "orders"},
                {"type": "override", "actor": "IR", "force": "failure", "reason": "x"},
                {"type": "inject", "event": next(iter(room.session.game.scenario.events)),
                 "reason": "x"},
                {"type": "adjust", "kind": "tension", "amount": 5, "reason": "x"},
                {"type": "undo_to_turn", "turn": 1},
                {"type": "pause", "paused": True},
                {"type": "timer", "seconds": 5},
                {"type": "export"},
                {"type": "name_team", "actor": "KZ", "name": "x"},
                {"type": "answer", "offer_from": "AZ", "accept": True},
                {"type": "order"},
                {"type": "order", "move": 5},
                {"type": "order", "move": "KZ pass", "file": "/etc/passwd"},
                {"type": "nonsense"},
                [1, 2, 3],
                "not json at all",
            ]
            for attempt in attempts:
                if isinstance(attempt, str):
                    await hostile.ws.send_str(attempt)
                else:
                    await hostile.send(attempt)
                reply = await hostile.until(lambda m: m["type"] in ("ok", "error", "export"))
                assert reply["type"] == "error", (attempt, reply)
            after = (room.session.game.digest(), dict(room.state.sealed), len(
                room.session.game.records))
            assert after == before
            assert not room.state.paused and room.state.deadline is None
            await hostile.close()
    _run(scenario())


def test_a_huge_frame_or_a_flood_is_refused_and_the_server_carries_on() -> None:
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            flooder = await connect(base, hosted.codes.teams["TM"])
            for _ in range(server_module.BURST + 20):
                await flooder.send({"type": "withdraw"})
            errors = []
            while True:
                try:
                    m = await flooder.until(lambda m: m["type"] == "error", timeout=0.5)
                except TimeoutError:
                    break
                errors.append(m["message"])
            assert any("too many messages" in e for e in errors)
            big = await connect(base, hosted.codes.teams["AZ"])
            await big.ws.send_str(json.dumps({"type": "order", "move": "x" * 20000}))
            frame = await big.ws.receive(timeout=5)
            while frame.type == aiohttp.WSMsgType.TEXT:  # views sent before the frame was read
                frame = await big.ws.receive(timeout=5)
            assert frame.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                  aiohttp.WSMsgType.CLOSING)
            fine = await connect(base, hosted.codes.teams["KZ"])  # the server is still up
            assert (await fine.ask({"type": "order", "move": "KZ pass"}))["type"] == "ok"
            await _close(flooder, fine)
            await big.http.close()
    _run(scenario())


def test_wrong_codes_are_refused_then_rate_limited() -> None:
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            for _ in range(limits.PER_ADDRESS):
                status, body = await join(base, "KZ-ZZZZ")
                assert status == 403 and "not one of this class's codes" in body["message"]
            status, body = await join(base, hosted.codes.teams["KZ"])
            assert status == 429 and "wait a minute" in body["message"]
    _run(scenario())


def test_a_page_from_another_origin_and_an_unknown_token_are_refused() -> None:
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            async with aiohttp.ClientSession() as http:
                async with http.post(f"{base}/api/join", json={"code": hosted.codes.projector},
                                     headers={"Origin": "http://evil.example"}) as response:
                    assert response.status == 403
                try:
                    await http.ws_connect(f"{base}/ws", headers={"Origin": "http://evil.example"})
                except aiohttp.WSServerHandshakeError as exc:
                    assert exc.status == 403
                else:
                    raise AssertionError("a websocket from another origin was accepted")
                ws = await http.ws_connect(f"{base}/ws")
                await ws.send_str(json.dumps({"type": "auth", "token": "guessed"}))
                reply = json.loads((await ws.receive()).data)
                assert reply["type"] == "error" and "unknown token" in reply["message"]
                assert (await ws.receive()).type in (aiohttp.WSMsgType.CLOSE,
                                                     aiohttp.WSMsgType.CLOSED)
    _run(scenario())


def test_the_facilitator_exports_the_game_and_nothing_is_accepted_after_the_end() -> None:
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            team = await connect(base, hosted.codes.teams["KZ"])
            facilitator = await connect(base, hosted.codes.facilitator)
            while not hosted.room.game_over:
                await reveal(facilitator, hosted.room)
            reply = await team.ask({"type": "order", "move": "KZ pass"})
            assert reply["type"] == "error" and "ended" in reply["message"]
            export = await facilitator.ask({"type": "export"})
            assert export["type"] == "export" and "human Astana" in export["text"]
            await _close(team, facilitator)
    _run(scenario())
