"""The `replay` command: headless transcripts, verification, branching and re-recording."""

from __future__ import annotations

import json
from pathlib import Path

import click

from caspian_tabletop import files
from caspian_tabletop.cli.ranges import TURN
from caspian_tabletop.keys import class_key
from caspian_tabletop.replay import (
    Replay,
    branch,
    load_replay,
    resolve_replay,
    run_replay,
    save_replay,
    to_replay,
)
from caspian_tabletop.replay.chain import signed_with
from caspian_tabletop.replay.runner import Run
from caspian_tabletop.replay.transcript import json_data, text_lines
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.scenario.schema import Scenario


@click.command()
@click.argument("file")
@click.option("--verify", is_flag=True,
              help="Fail (exit 1) at the first turn whose digest, or the scenario hash, differs.")
@click.option("--until", "until", type=TURN, default=None,
              help="Stop after this turn.")
@click.option("--json", "as_json", is_flag=True, help="Print the transcript as JSON.")
@click.option("--branch", "branch_out", metavar="OUT", type=click.Path(path_type=Path),
              default=None, help="With --until: write a new game file continuing from there "
                                 "(an existing OUT is kept unless --force; a symlink is "
                                 "written through to its target).")
@click.option("--force", is_flag=True, help="With --branch: replace OUT if it exists.")
@click.option("--rewrite-digests", is_flag=True,
              help="Authoring: re-record chance outcomes, hash and digests into FILE (a "
                   "symlink is written through to its target).")
@click.option("--scenario", "scenario_path", default=None,
              help="Scenario file to replay on (default: the one the replay names).")
@click.option("--key-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Class key: with --verify, say whether FILE was signed with it (exit 1 if "
                   "not); with --branch or --rewrite-digests, sign what is written. Default: "
                   "$CASPIAN_TABLETOP_KEY if set.")
def replay(file: str, verify: bool, until: int | None, as_json: bool, branch_out: Path | None,
           force: bool, rewrite_digests: bool, scenario_path: str | None,
           key_file: Path | None) -> None:
    """Replay FILE (a path or a bundled replay name) and print its transcript.

    Digests are always compared when FILE was saved on this scenario, so a file changed by
    hand is refused at the first turn it changed; --verify also requires every digest."""
    if branch_out is not None and until is None:
        raise click.UsageError("--branch needs --until TURN (the last turn to keep)")
    if force and branch_out is None:
        raise click.UsageError("--force only applies to --branch OUT")
    key = class_key(key_file)
    if branch_out is not None:
        files.check_writable(branch_out, replace=force)  # before the transcript is printed
    loaded = load_replay(file)
    if until is not None and until > len(loaded.turns):
        raise click.UsageError(f"--until {until}: the replay has {len(loaded.turns)} turn(s)")
    scenario: Scenario | None = None if scenario_path is None else load_scenario(scenario_path)
    if rewrite_digests:
        run = run_replay(loaded, scenario=scenario, rerecord=True)
        fresh = to_replay(run.game, loaded.seats, loaded.mode, title=loaded.title,
                          description=loaded.description, scenario_file=loaded.scenario.file,
                          key=key)
        save_replay(fresh, resolve_replay(file), replace=True)
        click.echo(f"{file}: re-recorded {len(fresh.turns)} turn(s): chance outcomes, "
                   "scenario hash and digests", err=True)
        return
    run = run_replay(loaded, until, scenario, verify=verify)
    for warning in run.warnings:
        click.echo(warning, err=True)
    if as_json:
        click.echo(json.dumps(json_data(loaded, run, until), indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(text_lines(loaded, run, until)))
        if verify:
            click.echo(f"Verified: scenario hash and {len(run.digests)} turn digest(s) match.")
    if verify and key is not None:
        _say_signed(loaded, run, until, key)
    if branch_out is not None:
        save_replay(branch(loaded, run.game, key), branch_out, replace=force)
        click.echo(f"{branch_out}: new game continuing at turn {run.game.turn} "
                   f"({run.game.date}); play it with `caspian-tabletop play --load "
                   f"{branch_out}`", err=True)


def _say_signed(loaded: Replay, run: Run, until: int | None, key: bytes) -> None:
    """The answer to "was this file played under our class key?"; exit 1 if not."""
    if until is not None and until < len(loaded.turns):
        raise click.UsageError("a signature covers the whole file: check it without --until")
    if run.last_link is not None and signed_with(key, run.last_link,
                                                  loaded.signature):
        click.echo("Signed with this key.")
        return
    click.echo("Not signed with this key." + ("" if loaded.signature else
                                              " (The file carries no signature.)"))
    raise SystemExit(1)


COMMANDS = [replay]
