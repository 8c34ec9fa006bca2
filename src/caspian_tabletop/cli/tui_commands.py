"""The `tui` command (the full-screen Textual interface, also the bare `caspian-tabletop`) and
`serve` (the same interface in web browsers through textual-serve).

Textual and textual-serve are imported only when those commands run, so the others stay light.
"""

from __future__ import annotations

import ipaddress
import shlex
import socket
import sys
from pathlib import Path

import click

from caspian_tabletop.startup import prepare_process

LOOPBACK_NAMES = ("localhost",)
ALL_INTERFACES = ("0.0.0.0", "::")
KEY_LENGTH = 12  # about 59 bits from passphrase.ALPHABET: typed once from the board
PASS_LENGTH = 8
# `python -c` keeps working where the console script is not on PATH (a venv not activated).
TUI_LAUNCHER = "from caspian_tabletop.cli import main; main()"


def interactive() -> bool:
    """Whether both ends of the terminal are a TTY (the TUI needs one)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


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


def url_host(host: str) -> str:
    """A host as written in an address (an IPv6 address goes in brackets)."""
    return f"[{host}]" if ":" in host else host


def network_warning(host: str) -> str:
    """What a browser on the network can do once it has the address with its key."""
    where = f"{host} (every network interface)" if host in ALL_INTERFACES else host
    return (f"warning: listening on {where}: anyone on the network who has the address with "
            "its key can open games in a browser: play any seat, save and load games in "
            "that browser's own folder on this computer, and download them. Without the key "
            "a browser gets nothing; the facilitator panel opens only with the passphrase. "
            "The connection is not encrypted (http), so on a shared network others could "
            "read the key: use a classroom network you trust, and stop the server with "
            "Ctrl+C after class.")


def check_host(ctx: click.Context, param: click.Parameter, host: str) -> str:
    if not host.strip():
        raise click.BadParameter("an empty host means every network interface; write "
                                 "--host 0.0.0.0 if that is what you want")
    return host


def check_passphrase(ctx: click.Context, param: click.Parameter, given: str | None,
                     ) -> str | None:
    from caspian_tabletop.passphrase import problem_with

    problem = None if given is None else problem_with(given)
    if problem is not None:
        raise click.BadParameter(problem)
    return given


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, callback=check_host,
              help="Address to listen on. Only this computer can connect unless you change it "
                   "(0.0.0.0: every network interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--public-url", default=None,
              help="The address browsers use, if it differs (e.g. behind a proxy).")
@click.option("--scenario", "scenario_name", default=None,
              help="Scenario preselected on the start screen (name or file).")
@click.option("--max-sessions", default=12, show_default=True, type=click.IntRange(1, 100),
              help="Browser sessions at once (each runs a game, about 80 MB); one more gets a "
                   "'class is full' page.")
@click.option("--facilitator-pass", default=None, callback=check_passphrase,
              help="The passphrase that opens the facilitator panel in every browser "
                   "(at least 4 characters). Default: a new one, printed here.")
def serve(host: str, port: int, public_url: str | None, scenario_name: str | None,
          max_sessions: int, facilitator_pass: str | None) -> None:
    """Serve the game to web browsers (each browser tab gets its own game).

    Give the class the printed address: its random key is what lets a browser in, and a new
    one is made at every start. The facilitator panel asks for the printed passphrase. With
    --host 0.0.0.0 the game is reachable from other computers on the network.
    """
    from caspian_tabletop import saves
    from caspian_tabletop.passphrase import random_code
    from caspian_tabletop.tui.web.server import ClassServer, ClassSettings

    if not is_loopback(host):
        click.echo(network_warning(host), err=True)
    if public_url is None:
        shown = lan_address() if host in ALL_INTERFACES else host
        public_url = f"http://{url_host(shown)}:{port}"
    settings = ClassSettings(key=random_code(KEY_LENGTH),
                             facilitator_pass=facilitator_pass or random_code(PASS_LENGTH),
                             max_sessions=max_sessions,
                             folders=saves.saves_dir().parent / "served")
    server = ClassServer(tui_command(scenario_name), settings, host=host, port=port,
                         public_url=public_url)
    passphrase = ("the one given with --facilitator-pass" if facilitator_pass
                  else settings.facilitator_pass)
    click.echo(f"Caspian Tabletop for browsers\n"
               f"  address for the class:  {server.address}\n"
               f"  facilitator passphrase: {passphrase}  (for you only: do not project "
               "this terminal)\n"
               f"  browser sessions at once: at most {max_sessions}; each browser keeps its "
               f"saves in its own folder under {settings.folders}", err=True)
    try:
        server.serve()
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}. "
                                   "Is another server using that port? Try --port 8001."
                                   ) from None


COMMANDS = (tui, serve)
