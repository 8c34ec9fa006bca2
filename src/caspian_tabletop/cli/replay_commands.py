"""The `replay` command: headless transcripts, verification, branching and re-recording."""

from __future__ import annotations

import json
from pathlib import Path

import click

from caspian_tabletop.cli.ranges import TURN
from caspian_tabletop.replay import (
    branch,
    load_replay,
    resolve_replay,
    run_replay,
    save_replay,
    to_replay,
)
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
@click.option("--branch", "branch_out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="With --until: write a new game file continuing from there.")
@click.option("--rewrite-digests", is_flag=True,
              help="Authoring: re-record chance outcomes, hash and digests into FILE.")
@click.option("--scenario", "scenario_path", default=None,
              help="Scenario file to replay on (default: the one the replay names).")
def replay(file: str, verify: bool, until: int | None, as_json: bool, branch_out: Path | None,
           rewrite_digests: bool, scenario_path: str | None) -> None:
    """Replay FILE (a path or a bundled replay name) and print its transcript."""
    if branch_out is not None and until is None:
        raise click.UsageError("--branch needs --until TURN (the last turn to keep)")
    loaded = load_replay(file)
    if until is not None and until > len(loaded.turns):
        raise click.UsageError(f"--until {until}: the replay has {len(loaded.turns)} turn(s)")
    scenario: Scenario | None = None if scenario_path is None else load_scenario(scenario_path)
    if rewrite_digests:
        run = run_replay(loaded, scenario=scenario, rerecord=True)
        fresh = to_replay(run.game, loaded.seats, loaded.mode, title=loaded.title,
                          description=loaded.description, scenario_file=loaded.scenario.file)
        save_replay(fresh, resolve_replay(file))
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
    if branch_out is not None:
        save_replay(branch(loaded, run.game), branch_out)
        click.echo(f"{branch_out}: new game continuing at turn {run.game.turn} "
                   f"({run.game.date}); play it with `caspian-tabletop play --load "
                   f"{branch_out}`", err=True)


COMMANDS = [replay]
