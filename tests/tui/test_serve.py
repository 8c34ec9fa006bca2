"""`caspian-tabletop serve`: the TUI in a browser through textual-serve, on loopback by default."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Any

import pytest
from click.testing import CliRunner

from caspian_tabletop.cli import main
from caspian_tabletop.cli.tui_commands import TUI_LAUNCHER, is_loopback

START_TIMEOUT = 20.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_on_loopback_and_stops() -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", TUI_LAUNCHER, "serve", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        page = ""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as reply:
                    assert reply.status == 200
                    page = reply.read().decode("utf-8")
                    break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert f"ws://127.0.0.1:{port}/ws" in page, server.stderr
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode is not None


class FakeServer:
    """Stands in for textual_serve's Server: records how it was made, serves nothing."""

    made: dict[str, Any] = {}

    def __init__(self, command: str, **kwargs: Any) -> None:
        FakeServer.made = {"command": command, **kwargs}

    def serve(self) -> None:
        return None


@pytest.mark.parametrize(("host", "warned"), [("127.0.0.1", False), ("localhost", False),
                                              ("::1", False), ("0.0.0.0", True),
                                              ("192.168.1.20", True)])
def test_a_network_address_is_served_with_a_warning(host: str, warned: bool,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import textual_serve.server

    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    result = CliRunner().invoke(main, ["serve", "--host", host, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert ("anyone who can reach this computer" in result.output) is warned
    assert is_loopback(host) is not warned
    assert FakeServer.made["host"] == host and FakeServer.made["port"] == 8123
    assert FakeServer.made["command"].endswith(" tui")
