"""`host` runs a class server; `classes` lists the classes kept here and exports one.

The server holds one game for the whole class: every team joins from its own device with
its code, the projector shows the public board, the facilitator's key opens the console.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import shlex
import signal
import sys
import time
from typing import TYPE_CHECKING

import click

from caspian_tabletop import files, paths
from caspian_tabletop.cli.ranges import SEED
from caspian_tabletop.cli.render import table
from caspian_tabletop.cli.tui_commands import (
    ALL_INTERFACES,
    KEY_LENGTH,
    TUI_LAUNCHER,
    check_host,
    is_loopback,
    lan_address,
    url_host,
)
from caspian_tabletop.domain.seats import STRENGTHS
from caspian_tabletop.scenario.limits import SEED_LIMIT

if TYPE_CHECKING:
    from caspian_tabletop.classroom.server import ClassHost
    from caspian_tabletop.tui.web.server import ClassServer

DEFAULT_PORT = 8765
JOIN_WITHIN = 180.0  # seconds a browser tab has to join with a code before it is closed


def _teams(text: str | None, names: tuple[str, ...]) -> dict[str, str]:
    """`RU,AZ,KZ` and `KZ=Dana, Ilyas` as actor -> team name."""
    if not text:
        raise click.UsageError("name the teams' actors, e.g. --teams RU,AZ,KZ,TM "
                               "(or --resume CLASS)")
    actors = [a.strip().upper() for a in text.split(",") if a.strip()]
    if len(set(actors)) != len(actors):
        raise click.BadParameter("an actor is named twice", param_hint="--teams")
    teams = {a: f"Team {a}" for a in actors}
    for given in names:
        actor, sep, name = given.partition("=")
        actor = actor.strip().upper()
        if not sep or not name.strip():
            raise click.BadParameter(f"{given!r}: expected ACTOR=NAME, e.g. "
                                     "'KZ=Kazakhstan: Dana, Ilyas'", param_hint="--team-name")
        if actor not in teams:
            raise click.BadParameter(f"{actor} is not one of --teams ({', '.join(actors)})",
                                     param_hint="--team-name")
        teams[actor] = " ".join(name.split())
    return teams


def network_warning(host: str) -> str:
    return (f"warning: listening on {host}: anyone on the network can reach this server. "
            "Only a join code lets a device in: a team's code lets it see the public board "
            "and its own orders and seal orders for its own actor, nothing else; the "
            "projector code shows the public board; the facilitator key sees every sealed "
            "order and runs the game, so keep it off the projector. The connection is not "
            "encrypted (http): use a classroom network you trust, and stop the server with "
            "Ctrl+C after class (`host --resume` brings the class back).")


@click.command()
@click.argument("scenario_name", required=False, metavar="[SCENARIO]")
@click.option("--teams", default=None, metavar="RU,AZ,KZ,TM",
              help="The actors played by teams of students; the others are AI.")
@click.option("--team-name", "team_names", multiple=True, metavar="ACTOR=NAME",
              help="A team's name, e.g. 'KZ=Kazakhstan: Dana, Ilyas' (repeatable).")
@click.option("--bots", type=click.Choice(STRENGTHS), default="normal", show_default=True,
              help="Strength of the AI seats.")
@click.option("--seed", type=SEED, default=None,
              help="Seed for chance (default: a random one, printed).")
@click.option("--host", default="127.0.0.1", show_default=True, callback=check_host,
              help="Address to listen on. Only this computer can connect unless you change "
                   "it (0.0.0.0: every network interface).")
@click.option("--port", default=DEFAULT_PORT, show_default=True,
              type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--resume", "resume", default=None, metavar="CLASS",
              help="Bring back a class exactly as it was (see `caspian-tabletop classes`), "
                   "with new codes; devices already in must join again with them.")
@click.option("--keep-tokens", is_flag=True,
              help="With --resume: devices already in come back by themselves (their "
                   "tokens stay valid). Without it, every earlier token is revoked.")
@click.option("--browsers/--no-browsers", default=True, show_default=True,
              help="Also serve the class client to web browsers (on the next port).")
@click.option("--browser-port", type=click.IntRange(1, 65535), default=None,
              help="Port of the browsers' client (default: --port + 1).")
@click.option("--max-tabs", type=click.IntRange(1, 100), default=12, show_default=True,
              help="Browser tabs at once (each runs a class client, about 50 MB).")
@click.option("--max-tabs-per-address", "per_address", type=click.IntRange(1, 100), default=4,
              show_default=True,
              help="Browser tabs at once from one network address (one device).")
def host(scenario_name: str | None, teams: str | None, team_names: tuple[str, ...],
         bots: str, seed: int | None, host: str, port: int, resume: str | None,
         keep_tokens: bool, browsers: bool, browser_port: int | None, max_tabs: int,
         per_address: int) -> None:
    """Host a class: one game, every team on its own device.

    Prints the address, a join code per team, the projector's code and the facilitator's
    key. Teams join with `caspian-tabletop join ADDRESS` and their code. Orders are sealed
    until the facilitator reveals them; every accepted action is stored at once, so a
    stopped server loses nothing: start it again with --resume CLASS.
    """
    from caspian_tabletop.classroom.connections import ConnectionLimits, address_key
    from caspian_tabletop.classroom.hosting import new_class, resume_class, store_path
    from caspian_tabletop.classroom.server import ClassHost
    from caspian_tabletop.classroom.store import ClassStore
    from caspian_tabletop.scenario.load import load_scenario

    if resume is not None and (teams or scenario_name or team_names or seed is not None):
        raise click.UsageError("--resume brings a class back as it was: give no scenario, "
                               "--teams, --team-name or --seed with it")
    if keep_tokens and resume is None:
        raise click.UsageError("--keep-tokens goes with --resume CLASS")
    store = ClassStore(store_path())
    if resume is not None:
        hosted = resume_class(store, resume, keep_tokens=keep_tokens)
    else:
        chosen = _teams(teams, team_names)
        path = paths.resolve_scenario(scenario_name)
        scenario = load_scenario(path, source=scenario_name or str(path))
        hosted = new_class(store, scenario, chosen, bots=bots,
                           seed=secrets.randbelow(SEED_LIMIT) if seed is None else seed,
                           scenario_path=path)
    if not is_loopback(host):
        click.echo(network_warning(host), err=True)
    shown = lan_address() if host in ALL_INTERFACES else host
    address = f"http://{url_host(shown)}:{port}"
    room, issued = hosted.room, hosted.codes
    browser = None
    tabs_port = browser_port or port + 1
    internal = "127.0.0.1" if host in ALL_INTERFACES else host
    # The tabs' class clients join from here, each for its browser's device (see devices).
    device_secret = secrets.token_urlsafe(32) if browsers else None
    if device_secret is not None:
        browser = _browser_server(f"http://{url_host(internal)}:{port}", host, tabs_port,
                                  f"http://{url_host(shown)}:{tabs_port}", max_tabs, per_address,
                                  device_secret)
    tabs = (f"  browsers:  open {address} (each tab runs the class client and asks for its "
            f"code; at most {max_tabs} tabs at once, {per_address} from one device; a tab "
            f"with no code accepted within {JOIN_WITHIN / 60:.0f} minutes is closed)\n"
            if browsers else "")
    rows = [[actor, room.state.teams[actor], code] for actor, code in issued.teams.items()]
    click.echo(f"Caspian Tabletop class {room.class_id}: {room.session.game.scenario.title}, "
               f"seed {room.session.game.seed}, turn {room.session.game.turn}\n"
               f"  address:   {address}\n"
               f"  join:      caspian-tabletop join {address}\n{tabs}"
               f"  projector: {issued.projector}\n"
               f"  facilitator key: {issued.facilitator}  (for you only: do not project "
               f"this terminal)\n\n{chr(10).join(table(['team', 'name', 'code'], rows))}\n\n"
               f"Stopped or crashed? caspian-tabletop host --resume {room.class_id} "
               "(new codes are printed and every device joins again with them; add "
               "--keep-tokens to let devices already in come back by themselves)",
               err=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    # The browsers' tabs run their class clients here, all from `internal`.
    limits = ConnectionLimits(own=frozenset({address_key(internal)} if browsers else ()))
    server = ClassHost(room, store, browser_url=None if browser is None else browser.address,
                       limits=limits, device_secret=device_secret)
    try:
        asyncio.run(_serve(server, host, port, shown, browser, tabs_port))
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}: {exc.strerror or exc}. Is "
                                   "another server using the port? Try --port "
                                   f"{port + 2}.") from None
    finally:
        hosted.close()


def _browser_server(class_address: str, host: str, port: int, public_url: str,
                    max_tabs: int, per_address: int, device_secret: str) -> ClassServer:
    """textual-serve, running the class client for each browser tab (see tui.web.server):
    anyone who reaches the class port gets its key, so the tabs one address holds and the
    time a tab has to join are bounded."""
    from caspian_tabletop.passphrase import random_code
    from caspian_tabletop.saves import saves_dir
    from caspian_tabletop.tui.web.server import ClassServer, ClassSettings

    command = shlex.join([sys.executable, "-c", TUI_LAUNCHER, "join", class_address])
    settings = ClassSettings(key=random_code(KEY_LENGTH), facilitator_pass=random_code(
        KEY_LENGTH), max_sessions=max_tabs, folders=saves_dir().parent / "class-tabs",
        per_address=per_address, join_within=JOIN_WITHIN, device_secret=device_secret)
    return ClassServer(command, settings, host=host, port=port, public_url=public_url)


async def _serve(server: ClassHost, host: str, port: int, shown: str,
                 browser: ClassServer | None, browser_port: int) -> None:
    """The class server, and the browsers' server beside it (under the same connection
    caps, which keep the process's file handles from running out), until Ctrl+C or
    SIGTERM."""
    from caspian_tabletop.classroom.connections import ConnectionGuard, listen

    guard = ConnectionGuard(server.limits)
    runners = [await server.start(host, port, shown=shown, guard=guard)]
    try:
        if browser is not None:
            runners.append(await listen(await browser.make_app(), host, browser_port, guard))
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
    finally:
        for runner in runners:
            await runner.cleanup()


@click.command()
@click.option("--export", "export", nargs=2, default=None, metavar="CLASS FILE",
              help="Write a class's game to FILE as an ordinary, verifiable save "
                   "(`report FILE` then works on it).")
@click.option("--force", is_flag=True, help="With --export: replace FILE if it exists.")
def classes(export: tuple[str, str] | None, force: bool) -> None:
    """List the classes hosted on this computer, or export one's game."""
    from caspian_tabletop.classroom.hosting import store_path
    from caspian_tabletop.classroom.store import ClassStore

    store = ClassStore(store_path())
    try:
        if export is not None:
            class_id, target = export
            files.write_text(files.file_name(target), store.load(class_id).save,
                             replace=force)
            click.echo(f"wrote {target}", err=True)
            return
        found = store.classes()
        if not found:
            click.echo("no classes yet: start one with `caspian-tabletop host --teams ...`")
            return
        rows = [[c.id, c.scenario, ", ".join(c.room["teams"]), c.room.get("phase", ""),
                 _when(c.updated)] for c in found]
        click.echo("\n".join(table(["class", "scenario", "teams", "phase", "last action"], rows,
                                   indent="")))
    finally:
        store.close()


def _when(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp))


@click.command()
@click.argument("address")
@click.option("--code", default=None, help="Your code (asked for if not given).")
def join(address: str, code: str | None) -> None:
    """Join a class from this terminal: ADDRESS is what the facilitator's `host` printed.

    A team's code opens its board and orders, the projector code the public board, the
    facilitator key the console. The client reconnects by itself if the server restarts.
    """
    from caspian_tabletop.classroom.client import class_address
    from caspian_tabletop.tui.class_client.app import ClassClientApp
    from caspian_tabletop.tui.served import Served

    ClassClientApp(class_address(address), code, served=Served.from_environment()).run()


COMMANDS = (host, classes, join)
