"""Analysis commands: Monte Carlo `simulate` and team briefings."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from caspian_tabletop import paths
from caspian_tabletop.analysis.briefing import build_briefing, to_html, to_markdown
from caspian_tabletop.analysis.policies import parse_assignments, seat_policies
from caspian_tabletop.analysis.simulate import Summary, run_outcomes, summarise
from caspian_tabletop.cli.render import table
from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.engine.compiled import compile_scenario
from caspian_tabletop.replay.writer import atomic_write_text
from caspian_tabletop.scenario.load import load_register, load_scenario

FORMATS = click.Choice(["md", "html"])


def write_output(path: Path, text: str) -> None:
    """Write a report file, turning any OS failure into a clear user error."""
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise CaspianError(f"{path}: error: cannot write: {exc.strerror or exc}") from None


@click.command()
@click.option("--scenario", "scenario_name", default=None,
              help="Scenario path or bundled name (default: caspian-2021).")
@click.option("--actor", "actors", multiple=True, help="Actor id; repeat for several.")
@click.option("--all", "every", is_flag=True, help="A briefing for every actor.")
@click.option("--format", "fmt", type=FORMATS, default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (one actor), or folder (several); default: print.")
def briefing(scenario_name: str | None, actors: tuple[str, ...], every: bool, fmt: str,
             output: Path | None) -> None:
    """Print or write team handouts: situation, objectives, navy with sources, allowed moves."""
    scenario = load_scenario(paths.resolve_scenario(scenario_name))
    chosen = list(scenario.actors) if every else list(actors)
    if not chosen:
        raise click.UsageError("name an actor with --actor ID, or use --all")
    unknown = [a for a in chosen if a not in scenario.actors]
    if unknown:
        raise CaspianError(f"error: no actor {unknown[0]!r} in {scenario.id} "
                           f"(actors: {', '.join(scenario.actors)})")
    c = compile_scenario(scenario)
    register = load_register()
    render = to_html if fmt == "html" else to_markdown
    texts = {a: render(build_briefing(scenario, c, register, a)) for a in chosen}
    if output is None:
        click.echo("\n".join(texts.values()))
        return
    if len(texts) == 1 and not output.is_dir():
        write_output(output, next(iter(texts.values())))
        click.echo(f"wrote {output}")
        return
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CaspianError(f"{output}: error: cannot create folder: {exc.strerror}") from None
    for actor, text in texts.items():
        target = output / f"briefing-{actor}.{fmt}"
        write_output(target, text)
        click.echo(f"wrote {target}")


def summary_lines(title: str, s: Summary) -> list[str]:
    """The readable `simulate` table."""
    lines = [title, ""]
    rows = [(a.actor, f"{a.win_share:.1%} ({a.win_interval[0]:.1%}–{a.win_interval[1]:.1%})",
             f"{a.score_mean:.1f} ({a.score_interval[0]:.1f}–{a.score_interval[1]:.1f})",
             f"{a.par:.1f}",
             ", ".join(f"{t} {v:+.1f}" for t, v in a.influence_shift.items()))
            for a in s.actors]
    lines += table(("Actor", "Win share (95% CI)", "Final score (95% CI)", "Par",
                    "Mean influence shift over targets"), rows)
    lines += ["", f"Armed clash ended {s.clash_share:.1%} of games.", "",
              "Open corridor throughput at the end (Mt/yr):"]
    lines += table(("Corridor", "mean", "5th pct", "median", "95th pct"),
                   [(k.corridor, f"{k.mean:.2f}", f"{k.p5:.2f}", f"{k.p50:.2f}", f"{k.p95:.2f}")
                    for k in s.corridors])
    lines += ["", "Moves chosen: " + ", ".join(f"{kind} {share:.1%}"
                                               for kind, share in s.move_shares.items())]
    return lines


@click.command()
@click.argument("scenario_name", required=False)
@click.option("--games", type=int, default=10_000, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--policy", "policy_texts", multiple=True,
              help="ACTOR=random|normal for one seat; repeat. Other seats play --default.")
@click.option("--default", "default_policy", type=click.Choice(["random", "normal"]),
              default="random", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def simulate(scenario_name: str | None, games: int, seed: int, policy_texts: tuple[str, ...],
             default_policy: str, as_json: bool) -> None:
    """Play many whole games at once on the batched engine and summarise the outcomes."""
    if games <= 0:
        raise CaspianError(f"error: --games must be at least 1, got {games}")
    scenario = load_scenario(paths.resolve_scenario(scenario_name))
    c = compile_scenario(scenario)
    chosen = parse_assignments(policy_texts, c)
    policies = seat_policies(c, chosen, default_policy)
    with click.progressbar(length=games, label="simulating", file=sys.stderr,
                           show_eta=False) as bar:
        outcomes = run_outcomes(c, games, seed, policies, progress=bar.update)
    summary = summarise(c, outcomes)
    seats = ", ".join(f"{a}={chosen.get(a, default_policy)}" for a in c.actors)
    if as_json:
        click.echo(json.dumps({"scenario": scenario.id, "seed": seed, "policies": seats,
                               **asdict(summary)}, indent=2))
        return
    title = f"{scenario.title}: {games:,} games, seed {seed}; seats {seats}"
    click.echo("\n".join(summary_lines(title, summary)))


COMMANDS = [simulate, briefing]
