"""The `tui` command (the full-screen Textual interface, also the bare `caspian-tabletop`) and
`serve` (the same interface in web browsers through textual-serve).

Textual and textual-serve are imported only when those commands run, so the others stay light.
"""

from __future__ import annotations

import gc
import ipaddress
import os
import shlex
import socket
import sys
from pathlib import Path

import click

LOOPBACK_NAMES = ("localhost",)
# `python -c` keeps working where the console script is not on PATH (a venv not activated).
TUI_LAUNCHER = "from caspian_tabletop.cli import main; main()"


def interactive() -> bool:
    """Whether both ends of the terminal are a TTY (the TUI needs one)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def prepare_process() -> None:
    """Make this process start the TUI quickly; call it before Textual or numpy is imported.

    - The garbage collector is paused until a game's modules are loaded (`tui.setup.warm_up`
      resumes it): importing Textual, pydantic and numpy makes hundreds of thousands of
      objects, none of them garbage, and collecting them cost about a tenth of the time to
      the first game frame.
    - numpy's BLAS gets one thread unless the user chose otherwise: the game's matrices are
      7×7, and starting a thread pool per core added about 40 ms to importing numpy.
    """
    gc.disable()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def launch(scenario: str | None = None, key_file: Path | None = None) -> None:
    """Start the TUI (`caspian-tabletop` with no arguments, or `tui`)."""
    from caspian_tabletop.keys import class_key

    key = class_key(key_file)
    prepare_process()
    from caspian_tabletop.tui.app import run_tui

    run_tui(scenario, key)


@click.command()
@click.option("--scenario", "scenario_name", default=None,
              help="Scenario preselected on the start screen (name or file).")
@click.option("--key-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Class key that signs the saves (default: $CASPIAN_TABLETOP_KEY if set).")
def tui(scenario_name: str | None, key_file: Path | None) -> None:
    """Open the full-screen game (start screen, map, move builder, AI opponents)."""
    launch(scenario_name, key_file)


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def lan_address() -> str:
    """This machine's address on the local network, as students' browsers will reach it."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks a route
        return str(probe.getsockname()[0])
    except OSError:
        return socket.gethostname()
    finally:
        probe.close()


def tui_command(scenario: str | None) -> str:
    """The shell command textual-serve runs for each browser that connects."""
    args = [sys.executable, "-c", TUI_LAUNCHER, "tui"]
    if scenario is not None:
        args += ["--scenario", scenario]
    return shlex.join(args)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Only this computer can connect unless you change it.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--public-url", default=None,
              help="The address browsers use, if it differs (e.g. behind a proxy).")
@click.option("--scenario", "scenario_name", default=None,
              help="Scenario preselected on the start screen (name or file).")
def serve(host: str, port: int, public_url: str | None, scenario_name: str | None) -> None:
    """Serve the game to web browsers (each browser tab gets its own game).

    Open the printed address in a browser. With --host 0.0.0.0 the game is reachable from
    other computers on the network: do that only on a network you trust.
    """
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this computer on the "
                   "network can open the game (and the facilitator panel). There is no "
                   "password. Use it only on a classroom network you trust, and stop it "
                   "with Ctrl+C after class.", err=True)
    if public_url is None and host in ("0.0.0.0", "::"):
        public_url = f"http://{lan_address()}:{port}"
    click.echo(f"Caspian Tabletop for browsers: open {public_url or f'http://{host}:{port}'}",
               err=True)
    from textual_serve.server import Server

    server = Server(tui_command(scenario_name), host=host, port=port,
                    title="Caspian Tabletop", public_url=public_url)
    try:
        server.serve()
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}. "
                                   "Is another server using that port? Try --port 8001."
                                   ) from None


COMMANDS = (tui, serve)
