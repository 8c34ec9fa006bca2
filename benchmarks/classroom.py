"""Class server benchmark: a real `host` process, 7 teams, a projector, the facilitator and 30
watching clients on loopback, 5 turns; how long the reveal takes to reach every client.

    .venv/bin/python benchmarks/classroom.py               # the run quoted in the README
    .venv/bin/python benchmarks/classroom.py --turns 2     # a quick look

Latency is measured per client and turn, from the facilitator sending the reveal that
resolves the turn to that client receiving a view of the next turn.  The server's peak
memory is its VmHWM; a browser tab's cost is the peak memory of one class client process
(`join`, headless), which is what the browser page runs per tab.  The last line is
`reveal latency p99 N ms`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import numpy as np

ACTORS = ("RU", "IR", "AZ", "KZ", "TM", "TR", "AF")
LAUNCH = "from caspian_tabletop.cli import main; main()"
CODE = re.compile(r"^\s+([A-Z]{2,3})\s+.*\s([A-Z]{2,3}-[0-9A-Z]{6})\s*$")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def peak_mb(pid: int) -> float:
    """A process's peak resident memory (VmHWM), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    kb = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]
    return kb / 1024


def start_host(home: str, port: int) -> tuple[subprocess.Popen[str], dict[str, str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, "host", "caspian-2021", "--teams", ",".join(ACTORS),
         "--seed", "1", "--port", str(port)],
        env={**os.environ, "CASPIAN_TABLETOP_HOME": home}, text=True,
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert process.stderr is not None
    codes: dict[str, str] = {}
    for line in process.stderr:
        if m := CODE.match(line):
            codes[m.group(1)] = m.group(2)
        elif m := re.search(r"(WALL-\S+)", line):
            codes["projector"] = m.group(1)
        elif m := re.search(r"facilitator key: (FAC-\S+)", line):
            codes["facilitator"] = m.group(1)
        elif "host --resume" in line:
            break
    while True:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return process, codes
        time.sleep(0.05)


class Client:
    def __init__(self, http: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse
                 ) -> None:
        self.ws = ws
        self.http = http
        self.turn = 0
        self.phase = ""
        self.arrived: dict[int, float] = {}  # turn -> when its first view came
        self.reader = asyncio.ensure_future(self.read())

    async def read(self) -> None:
        async for frame in self.ws:
            message = json.loads(frame.data)
            if message["type"] == "view":
                self.turn, self.phase = message["turn"], message["phase"]
                self.arrived.setdefault(self.turn, time.perf_counter())

    async def send(self, message: dict[str, object]) -> None:
        await self.ws.send_str(json.dumps(message))


async def connect(http: aiohttp.ClientSession, base: str, code: str) -> Client:
    async with http.post(f"{base}/api/join", json={"code": code}) as response:
        token = (await response.json())["token"]
    ws = await http.ws_connect(f"{base}/ws")
    await ws.send_str(json.dumps({"type": "auth", "token": token}))
    return Client(http, ws)


async def settle(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("the class did not get there")
        await asyncio.sleep(0.002)


async def play(base: str, codes: dict[str, str], turns: int, watchers: int) -> list[float]:
    latencies: list[float] = []
    async with aiohttp.ClientSession() as http:
        teams = {a: await connect(http, base, codes[a]) for a in ACTORS}
        facilitator = await connect(http, base, codes["facilitator"])
        projector = await connect(http, base, codes["projector"])
        watching = [await connect(http, base, codes["projector"]) for _ in range(watchers)]
        everyone = [*teams.values(), facilitator, projector, *watching]
        await settle(lambda: all(c.turn == 1 for c in everyone))
        for turn in range(1, turns + 1):
            for actor, client in teams.items():
                await client.send({"type": "order", "move": f"{actor} pass"})
            await asyncio.sleep(0.2)  # every order in and broadcast
            await facilitator.send({"type": "reveal", "turn": turn, "phase": "orders"})
            sent = time.perf_counter()
            await settle(lambda t=turn: facilitator.phase == "answers" or facilitator.turn > t)
            if facilitator.turn == turn:  # offers to answer first (none: all pass)
                await facilitator.send({"type": "reveal", "turn": turn, "phase": "answers"})
                sent = time.perf_counter()
            await settle(lambda t=turn: all(c.turn > t for c in everyone))
            latencies += [(c.arrived[turn + 1] - sent) * 1000 for c in everyone]
            await asyncio.sleep(0.3)  # the AI seats seal the next turn
        for client in everyone:
            await client.ws.close()
    return latencies


def tab_memory(base: str, code: str) -> float:
    """Peak memory of one class client process, headless, joined as the projector."""
    script = ("import sys; from caspian_tabletop.tui.class_client.app import ClassClientApp; "
              "ClassClientApp(sys.argv[1], sys.argv[2]).run(headless=True)")
    process = subprocess.Popen([sys.executable, "-c", script, base, code],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(6.0)
    try:
        return peak_mb(process.pid)
    finally:
        process.kill()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--watchers", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server, codes = start_host(home, port)
        try:
            latencies = asyncio.run(play(base, codes, args.turns, args.watchers))
            server_mb = peak_mb(server.pid)
            tab_mb = tab_memory(base, codes["projector"])
        finally:
            server.terminate()
            server.wait()
    clients = 9 + args.watchers
    print(f"class of {clients} clients (7 teams, projector, facilitator, {args.watchers} "
          f"watching), {args.turns} turns, {len(latencies)} reveal deliveries")
    print(f"server peak memory {server_mb:.0f} MB; one browser tab's client process "
          f"{tab_mb:.0f} MB")
    print(f"reveal latency p50 {np.percentile(latencies, 50):.0f} ms")
    print(f"reveal latency p99 {np.percentile(latencies, 99):.0f} ms")


if __name__ == "__main__":
    main()
