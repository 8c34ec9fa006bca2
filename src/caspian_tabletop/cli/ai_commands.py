"""AI commands: `duel` plays two bot strengths against each other in mirrored seats."""

from __future__ import annotations

import sys

import click

from caspian_tabletop import paths
from caspian_tabletop.ai.duel import Bout, duel, win_rate
from caspian_tabletop.cli.ranges import GAMES, SEED, check_seed_span
from caspian_tabletop.domain.seats import STRENGTHS
from caspian_tabletop.scenario.load import load_scenario

_KNOWN = (*STRENGTHS, "random")


def _strengths(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, str]:
    parts = [p.strip().lower() for p in value.split(",")]
    if len(parts) != 2 or any(p not in _KNOWN for p in parts):
        raise click.BadParameter(f"expected two strengths like 'hard,normal' "
                                 f"(known: {', '.join(_KNOWN)})")
    return parts[0], parts[1]


@click.command("duel")
@click.argument("scenario")
@click.option("--bots", "bots", required=True, callback=_strengths,
              help="Two strengths A,B, e.g. hard,normal.")
@click.option("--games", type=GAMES, default=10, show_default=True,
              help="Seeds to play; each gives one bout per actor.")
@click.option("--seed", type=SEED, default=0, show_default=True, help="First seed.")
@click.option("--actor", default=None, help="Compare this actor's seat only (e.g. AZ).")
def duel_command(scenario: str, bots: tuple[str, str], games: int, seed: int,
                 actor: str | None) -> None:
    """Headless bot-vs-bot games with mirrored seats, printing win rates.

    For each seed and actor, the actor's final score with bot A in its seat is compared with
    its score with bot B there; every other seat holds bot B in both games, and both games
    use the same seed.  A "beats" B when its score is higher.
    """
    check_seed_span(seed, games)
    loaded = load_scenario(paths.resolve_scenario(scenario), source=scenario)
    actors = None
    if actor is not None:
        if actor.upper() not in loaded.actors:
            raise click.BadParameter(f"no actor {actor!r} in this scenario "
                                     f"(actors: {', '.join(loaded.actors)})", param_hint="--actor")
        actors = [actor.upper()]
    a, b = bots
    played = games * (1 + len(actors or loaded.actors))  # a baseline and a bout per actor
    # On stderr, and only in a terminal: stdout keeps the table clean.
    with click.progressbar(length=played, label="playing", file=sys.stderr, show_eta=True,
                           hidden=not sys.stderr.isatty()) as bar:
        bouts = duel(loaded, a, b, range(seed, seed + games), actors, progress=bar.update)
    click.echo(f"{scenario}: {a} (A) vs {b} (B), seeds {seed}..{seed + games - 1}; "
               f"A in one seat and B in all others, against B in that seat, same seed")
    click.echo(f"{'actor':<6}{'wins':>6}{'ties':>6}{'losses':>8}{'win rate':>10}"
               f"{'mean A':>9}{'mean B':>9}")
    for name in (actors or list(loaded.actors)):
        click.echo(_row(name, [x for x in bouts if x.actor == name]))
    if len(actors or loaded.actors) > 1:
        click.echo(_row("all", bouts))
    click.echo(f"{a} beats {b} in {win_rate(bouts):.1%} of {len(bouts)} bouts (ties count half)")


def _row(label: str, bouts: list[Bout]) -> str:
    counts = {r: sum(x.result == r for x in bouts) for r in ("win", "tie", "loss")}
    mean_a = sum(x.score_a for x in bouts) / len(bouts)
    mean_b = sum(x.score_b for x in bouts) / len(bouts)
    return (f"{label:<6}{counts['win']:>6}{counts['tie']:>6}{counts['loss']:>8}"
            f"{win_rate(bouts):>10.1%}{mean_a:>9.1f}{mean_b:>9.1f}")


COMMANDS = [duel_command]
