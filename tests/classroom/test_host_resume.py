"""Durability: the class server is killed (SIGKILL) mid-turn after two teams have sealed
their orders; `host --resume --keep-tokens` brings both back, and the clients come back with
their tokens.  Without --keep-tokens a resume revokes every token given before."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

import pytest
from class_helpers import connect, free_port, join, start_host

from caspian_tabletop.classroom import codes
from caspian_tabletop.classroom.hosting import new_class, resume_class, store_path
from caspian_tabletop.classroom.room import FACILITATOR, Role
from caspian_tabletop.classroom.store import ClassStore
from caspian_tabletop.paths import resolve_scenario
from shipped import scenario


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
                               "--keep-tokens", "--no-browsers")
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
            reply = await facilitator.ask({"type": "reveal", "turn": 1, "phase": "orders"})
            assert reply["type"] == "ok"
            if (await facilitator.view())["phase"] == "answers":
                await facilitator.ask({"type": "reveal", "turn": 1, "phase": "answers"})
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


def test_a_resume_revokes_every_earlier_token_unless_asked_to_keep_them() -> None:
    """New codes mean whoever held the old ones is out: a leaked facilitator token stops
    working when the class is resumed, unless the facilitator keeps the tokens on purpose."""
    store = ClassStore(store_path())
    hosted = new_class(store, scenario("caspian-2021"), {"KZ": "Astana"}, bots="easy",
                       seed=4, scenario_path=resolve_scenario("caspian-2021"))
    class_id = hosted.room.class_id
    for role in (FACILITATOR, Role("team", "KZ")):
        store.add_token(class_id, codes.digest(f"token of {role.label()}"), role)
    hosted.lock.release()
    kept = resume_class(store, class_id, keep_tokens=True)
    assert store.role_of(class_id, codes.digest("token of facilitator"), "token") == FACILITATOR
    kept.lock.release()
    resumed = resume_class(store, class_id)
    for role in (FACILITATOR, Role("team", "KZ")):
        assert store.role_of(class_id, codes.digest(f"token of {role.label()}"), "token") is None
    team_code = resumed.codes.teams["KZ"]
    assert store.role_of(class_id, codes.code_digest(team_code), "code") == Role("team", "KZ")
    resumed.close()
