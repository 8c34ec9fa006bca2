"""`calibrate`: each actor's par and spread of final scores, as the scenario's victory block.

"Tune only in scenario YAML": the figures live in the scenario with their rationale and the
command that made them.  The block is printed to paste, or written into the scenario file
with --write (its other lines are kept as they are; the edited file is checked before it
replaces the old one, through the project's safe writer).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from caspian_tabletop import files, paths
from caspian_tabletop.analysis.calibrate import calibrate, victory_block
from caspian_tabletop.cli.ranges import GAMES, HARD_GAMES, SEED
from caspian_tabletop.engine.compiled import compile_scenario
from caspian_tabletop.scenario.block_text import replace_block
from caspian_tabletop.scenario.files import read_bytes
from caspian_tabletop.scenario.load import check_bytes, load_scenario, parse_document


@click.command("calibrate")
@click.argument("scenario_name", required=False)
@click.option("--games", type=GAMES, default=2_000, show_default=True,
              help="Games of each batched population: random, normal, mixed seats.")
@click.option("--hard-games", type=HARD_GAMES, default=20, show_default=True,
              help="Games with hard bots in every seat (seconds each; 0 leaves them out).")
@click.option("--seed", type=SEED, default=0, show_default=True)
@click.option("--write", is_flag=True,
              help="Write the block into the scenario file instead of printing it.")
def calibrate_command(scenario_name: str | None, games: int, hard_games: int, seed: int,
                      write: bool) -> None:
    """Calibrate par and sd of every actor over several bot populations and print the
    scenario's `victory` block (docs/balance.md)."""
    path = paths.resolve_scenario(scenario_name)
    scenario = load_scenario(path, source=scenario_name or str(path))
    c = compile_scenario(scenario)
    shown = scenario.id if path == paths.bundled_scenarios().get(scenario.id) else scenario_name
    command = (f"caspian-tabletop calibrate {shown} --games {games} --hard-games {hard_games} "
               f"--seed {seed}")
    if write:
        files.check_writable(path, replace=True)  # before the games are played
    total = 3 * games + hard_games
    with click.progressbar(length=total, label="calibrating", file=sys.stderr,
                           show_eta=False) as bar:
        result = calibrate(c, games, hard_games, seed, bar.update)
    block = victory_block(c, result, command)
    if not write:
        click.echo(block, nl=False)
        return
    write_block(path, block)
    click.echo(f"{path}: victory block written (par and sd of {len(c.actors)} actors); "
               "replays of this scenario need re-recording (docs/balance.md)", err=True)


def write_block(path: Path, block: str) -> None:
    """Put `block` in place of the file's victory block, once the edited file checks."""
    raw = read_bytes(path, str(path))
    text = raw.decode("utf-8")
    edited = replace_block(text, parse_document(raw, str(path)), "victory", block)
    check_bytes(edited.encode("utf-8"), str(path))
    files.write_text(path, edited, replace=True)


COMMANDS = [calibrate_command]
