"""Durability: the class server is killed (SIGKILL) mid-turn after two teams have sealed
their orders; `host --resume` brings both back, and the clients come back with their tokens."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

import pytest
from class_helpers import connect, free_port, join, start_host


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_server_resumes_with_every_sealed_order(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    first, printed = start_host(tmp_path, port, "caspian-2021", "--teams", "RU,AZ,KZ,TM",
                            "--seed", "11", "--no-browsers")

    async def before_the_kill() -> dict[str, str]:
        tokens = {}
        for actor in ("RU", "AZ"):
            client = await connect(base, printed[actor])
            reply = await client.ask({"type": "order", "move": f"{actor} pass"})
            assert reply["type"] == "ok"
            tokens[actor] = client.token
            await client.close()
        facilitator = await connect(base, printed["facilitator"])
        tokens["facilitator"] = facilitator.token
        await facilitator.close()
        return tokens

    try:
        tokens = asyncio.run(before_the_kill())
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    second, again = start_host(tmp_path, port, "--resume", printed["class"],
                               "--no-browsers")
    try:
        assert again["class"] == printed["class"] and again["KZ"] != printed["KZ"]

        async def after_the_resume() -> None:
            facilitator = await connect(base, token=tokens["facilitator"])
            view = await facilitator.view()
            assert [t["actor"] for t in view["teams"] if t["submitted"]] == ["RU", "AZ"]
            assert {"RU pass", "AZ pass"} <= {o["move"] for o in view["facilitator"]["orders"]}
            ru = await connect(base, token=tokens["RU"])  # the old token still works
            assert (await ru.view())["team"]["order"]["move"] == "RU pass"
            for actor in ("KZ", "TM"):
                client = await connect(base, again[actor])
                assert (await client.ask({"type": "order", "move": f"{actor} pass"}))[
                    "type"] == "ok"
                await client.close()
            reply = await facilitator.ask({"type": "reveal"})
            assert reply["type"] == "ok"
            if (await facilitator.view())["phase"] == "answers":
                await facilitator.ask({"type": "reveal"})
            await facilitator.view(lambda v: v["turn"] == 2)
            await ru.close()
            await facilitator.close()
            # an old code no longer lets anyone in
            status, _ = await join(base, printed["TM"])
            assert status == 403

        asyncio.run(after_the_resume())
    finally:
        second.send_signal(signal.SIGINT)
        second.wait(timeout=20)
