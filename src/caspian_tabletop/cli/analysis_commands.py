"""Analysis commands: Monte Carlo `simulate`, team briefings and after-action reports."""

from __future__ import annotations

import html
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
import numpy as np

from caspian_tabletop import files, paths
from caspian_tabletop.analysis.briefing import build_briefing, to_html, to_markdown
from caspian_tabletop.analysis.charts import Bar, tornado_chart
from caspian_tabletop.analysis.check_targets import band
from caspian_tabletop.analysis.from_replay import replayed_game, replayed_position
from caspian_tabletop.analysis.policies import parse_assignments, seat_policies
from caspian_tabletop.analysis.report import build_report
from caspian_tabletop.analysis.report_render import to_html as report_html
from caspian_tabletop.analysis.report_render import to_markdown as report_markdown
from caspian_tabletop.analysis.sensitivity import plan_sweep, ranged_figures
from caspian_tabletop.analysis.simulate import Summary, run_outcomes, summarise
from caspian_tabletop.analysis.source_check import source_section
from caspian_tabletop.analysis.sweep_runs import Interrupted, Plan, Run, parse_workers, play_runs
from caspian_tabletop.cli.output import STDOUT, output_file, output_options, write_output
from caspian_tabletop.cli.progress import with_progress
from caspian_tabletop.cli.ranges import (
    GAMES,
    HARD_POSITIONS,
    REPORT_GAMES,
    SEED,
    SWEEP_STEPS,
    TURN,
    ShareRange,
)
from caspian_tabletop.cli.render import table
from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.domain.figures import ordinal, tenths
from caspian_tabletop.engine.compiled import compile_scenario
from caspian_tabletop.engine.victory import LEVELS
from caspian_tabletop.replay import load_replay, run_replay
from caspian_tabletop.scenario.load import load_register, load_scenario
from caspian_tabletop.scenario.schema import Scenario

FORMATS = click.Choice(["md", "html"])


class Workers(click.ParamType):
    """`--workers`: local:N or dask://HOST:PORT, checked before anything runs (a bad one
    is a usage error, not a traceback or a thousand processes)."""

    name = "workers"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> str:
        try:
            parse_workers(str(value))
        except ValueError as exc:
            self.fail(f"{value}: {exc}", param, ctx)
        return str(value)


WORKERS = Workers()


@click.command()
@click.option("--scenario", "scenario_name", default=None,
              help="Scenario path or bundled name (default: caspian-2021).")
@click.option("--actor", "actors", multiple=True, help="Actor id; repeat for several.")
@click.option("--all", "every", is_flag=True, help="A briefing for every actor.")
@click.option("--format", "fmt", type=FORMATS, default="md", show_default=True)
@output_options("File to write (one actor), or folder (several actors, an existing folder, "
                "or a name ending in /; made if missing, inside a folder that exists)")
def briefing(scenario_name: str | None, actors: tuple[str, ...], every: bool, fmt: str,
             output: str | None, force: bool) -> None:
    """Print or write team handouts: situation, objectives, navy with sources, allowed moves.

    Into a folder, each actor's handout is briefing-ACTOR.FORMAT; if any of them exists,
    nothing is written unless --force.
    """
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
    if output is None or output == STDOUT:
        click.echo("\n".join(texts.values()))
        return
    named = {f"briefing-{a}.{fmt}": t for a, t in texts.items()}
    if len(named) == 1 and not Path(output).is_dir() and not output.endswith(("/", os.sep)):
        write_output(Path(output), next(iter(named.values())), force)
    else:
        write_briefings(Path(output), named, force)


def write_briefings(output: Path, texts: dict[str, str], force: bool) -> None:
    """Write each handout into the folder `output` under its name.

    The folder the user named is made if missing (that is what `-o handouts` with several
    actors, or `-o handouts/`, asks for), but not a missing folder above it: a typo is
    reported, not created.
    """
    if files.make_folder(output):
        click.echo(f"made folder {output}", err=True)
    for name in texts:
        files.check_writable(output / name, replace=force)
    for name, text in texts.items():
        write_output(output / name, text, force)


def summary_lines(title: str, s: Summary) -> list[str]:
    """The readable `simulate` table."""
    lines = [title, ""]
    rows = [(a.actor, f"{a.win_share:.1%} ({a.win_interval[0]:.1%}–{a.win_interval[1]:.1%})",
             f"{a.score_mean:.1f} ({a.score_interval[0]:.1f}–{a.score_interval[1]:.1f})",
             f"{a.par:.1f} ± {a.sd:.1f}",
             ", ".join(f"{t} {tenths(v, signed=True)}" for t, v in a.influence_shift.items()))
            for a in s.actors]
    lines += table(("Actor", "Winner (95% CI)", "Final score (95% CI)", "Par ± sd",
                    "Mean influence shift over targets"), rows)
    lines += ["", "Victory levels (share of games; the winner has the highest level, then the "
              "largest margin over par in its own spread):"]
    lines += table(("Actor", *LEVELS), [(a.actor, *(f"{a.levels[name]:.1%}" for name in LEVELS))
                                         for a in s.actors])
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
@click.option("--games", type=GAMES, default=10_000, show_default=True)
@click.option("--seed", type=SEED, default=0, show_default=True)
@click.option("--policy", "policy_texts", multiple=True,
              help="ACTOR=POLICY for one seat (random, normal, pass, or trade-only, "
                   "drill-only, ... for one kind of move); repeat. Other seats play --default.")
@click.option("--default", "default_policy", type=click.Choice(["random", "normal"]),
              default=None, help="The policy of the other seats: random, or normal with "
              "--from-replay (a class's game is compared with competent play).")
@click.option("--from-replay", "replay_path", default=None,
              help="Re-run a played game (replay or save file) from --turn under many seeds; "
                   "an unfinished game is compared where it stopped.")
@click.option("--turn", type=TURN, default=1, show_default=True,
              help="With --from-replay: the turn whose orders the re-runs start from.")
@click.option("--vary", "figure_path", default=None,
              help="Sweep a sourced figure across its low–high range, e.g. "
                   "actors.IR.navy[2].count (a wrong path lists those that have one).")
@click.option("--steps", type=SWEEP_STEPS, default=3, show_default=True,
              help="With --vary: how many values to try from low to high.")
@click.option("--vary-all", is_flag=True,
              help="Every ranged figure at its low and its high end: which sourced "
                   "uncertainties move the outcome most (a tornado chart with -o FILE.html).")
@click.option("--workers", type=WORKERS, default=None, metavar="local:N|dask://HOST:PORT",
              help="With --vary or --vary-all: run the sweep's runs on a Dask cluster "
                   "(the scale extra): N local processes, at most one per CPU, or a "
                   "running scheduler; the figures equal a run in this process.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@output_options("With --vary-all: an HTML page with the tornado chart")
def simulate(scenario_name: str | None, games: int, seed: int, policy_texts: tuple[str, ...],
             default_policy: str | None, replay_path: str | None, turn: int,
             figure_path: str | None, steps: int, vary_all: bool, workers: str | None,
             as_json: bool, output: str | None, force: bool) -> None:
    """Play many whole games at once on the batched engine and summarise the outcomes."""
    if sum(x is not None and x is not False for x in (replay_path, figure_path,
                                                      vary_all or None)) > 1:
        raise click.UsageError("use one of --from-replay, --vary and --vary-all")
    if workers is not None and figure_path is None and not vary_all:
        raise click.UsageError("--workers runs a sweep: use it with --vary or --vary-all")
    if output is not None and not vary_all:
        raise click.UsageError("-o writes the --vary-all chart: use it with --vary-all")
    played = None
    default_policy = default_policy or ("normal" if replay_path is not None else "random")
    if replay_path is not None:
        played = replayed_game(replay_path, turn)
        scenario = played.scenario
    else:
        scenario = load_scenario(paths.resolve_scenario(scenario_name))
    c = compile_scenario(scenario)
    chosen = parse_assignments(policy_texts, c)
    seats = ", ".join(f"{a}={chosen.get(a, default_policy)}" for a in c.actors)
    plan = Plan(games, seed, chosen, default_policy)
    if figure_path is not None:
        sweep_command(scenario, figure_path, steps, plan, workers, as_json)
        return
    if vary_all:
        vary_all_command(scenario, plan, workers, as_json, output, force)
        return
    start = played.start if played is not None else None
    actual = (np.array([played.actual[a] for a in c.actors]) if played is not None
              else None)
    outcomes = with_progress(games, lambda bar: run_outcomes(
        c, games, seed, seat_policies(c, chosen, default_policy), start, bar, actual,
        stop=played.stop if played is not None else None))
    summary = summarise(c, outcomes)
    placed = ({a: float(p) for a, p in zip(c.actors, outcomes.percentile_of_reference(),
                                           strict=True)} if played is not None else {})
    if as_json:
        click.echo(json.dumps({"scenario": scenario.id, "seed": seed, "policies": seats,
                               **asdict(summary),
                               **({"from_replay": {"turn": turn, "stopped_after": played.stop,
                                                   "actual": played.actual,
                                                   "percentile": placed}}
                                  if played is not None else {})}, indent=2))
        return
    title = f"{scenario.title}: {games:,} games, seed {seed}; seats {seats}"
    if played is not None:
        title += f"\nRe-run from turn {turn} of {replay_path}"
        if played.stop is not None:
            title += (f" to the end of turn {played.stop}, where the game stopped "
                      "(scores and levels as if it ended there)")
    lines = summary_lines(title, summary)
    if played is not None:
        reached = "final score" if played.stop is None else f"score after turn {played.stop}"
        lines += ["", "Where the played game falls in that distribution:"]
        lines += [f"  {scenario.actors[a].name} ({a}): {reached} {played.actual[a]:.1f}, "
                  f"at the {ordinal(round(p))} percentile" for a, p in placed.items()]
    click.echo("\n".join(lines))


def sweep_runs(scenario: Scenario, runs: list[Run], plan: Plan, workers: str | None
               ) -> list[tuple[Run, Summary]]:
    """The runs' summaries, with a progress bar in a terminal; Ctrl+C shows those done."""
    try:
        return with_progress(len(runs), lambda bar: play_runs(scenario, runs, plan, workers,
                                                              bar), label="runs")
    except Interrupted as stopped:
        lines = [f"error: interrupted after {len(stopped.done)} of {len(runs)} runs; the runs "
                 "done:"]
        lines += [f"  {r.path or '(as is)'} = {r.value if r.value is not None else '-'}: "
                  + ", ".join(f"{a.actor} {a.score_mean:.1f}" for a in s.actors)
                  for r, s in stopped.done]
        raise CaspianError("\n".join(lines)) from None


def sweep_command(scenario: Scenario, figure_path: str, steps: int, plan: Plan,
                  workers: str | None, as_json: bool) -> None:
    """`simulate --vary`: how outcomes move as one sourced figure crosses its range."""
    sweep = plan_sweep(scenario, figure_path, steps)
    done = sweep_runs(scenario, [Run(sweep.path, v) for v in sweep.values], plan, workers)
    results = [(run.value, summary) for run, summary in done]
    if as_json:
        click.echo(json.dumps({"scenario": scenario.id, "figure": sweep.path,
                               "runs": [{"value": v, **asdict(s)} for v, s in results]},
                              indent=2))
        return
    actors = list(scenario.actors)
    rows = [(f"{v:g}" + (" (value)" if abs(v - sweep.figure.value) < 1e-9 else ""),
             *(f"{a.score_mean:.1f} / {a.win_share:.0%}" for a in s.actors),
             f"{s.clash_share:.1%}") for v, s in results if v is not None]
    lines = [f"{scenario.title}: {sweep.path} from {sweep.figure.lo:g} to {sweep.figure.hi:g} "
             f"(value {sweep.figure.value:g}); {plan.games:,} games per value, seed {plan.seed}",
             "", "Mean final score / win share per actor, and armed-clash share:"]
    lines += table(("value", *actors, "clash"), rows)
    click.echo("\n".join(lines))


def vary_all_command(scenario: Scenario, plan: Plan, workers: str | None, as_json: bool,
                     output: str | None, force: bool) -> None:
    """`simulate --vary-all`: every ranged figure at its low and high end, against the
    scenario as it is; ranked by the largest change of any actor's mean score."""
    target = output_file(output)
    if target is not None:
        files.check_writable(target, replace=force)
    runs = [Run(None, None)]
    for path in ranged_figures(scenario):
        figure = plan_sweep(scenario, path, 2).figure
        runs += [Run(path, figure.lo), Run(path, figure.hi)]
    done = sweep_runs(scenario, runs, plan, workers)
    base = {a.actor: a.score_mean for a in done[0][1].actors}
    swings = []
    for (low_run, low), (_, high) in zip(done[1::2], done[2::2], strict=True):
        moves = {a.actor: (a.score_mean - base[a.actor], b.score_mean - base[b.actor])
                 for a, b in zip(low.actors, high.actors, strict=True)}
        actor = max(moves, key=lambda k: abs(moves[k][1] - moves[k][0]))
        swings.append((str(low_run.path), actor, *moves[actor]))
    swings.sort(key=lambda s: -abs(s[3] - s[2]))
    if as_json:
        click.echo(json.dumps({"scenario": scenario.id, "games": plan.games,
                               "seed": plan.seed, "figures": [
                                   {"figure": f, "actor": a, "low": lo, "high": hi}
                                   for f, a, lo, hi in swings]}, indent=2))
    else:
        lines = [f"{scenario.title}: every ranged figure at its low and high end, "
                 f"{plan.games:,} games per run, seed {plan.seed}", "",
                 "The actor whose mean final score moves most, and by how much against the "
                 "scenario as it is (points):"]
        lines += table(("figure", "actor", "low end", "high end", "swing"),
                       [(f, a, tenths(lo, signed=True), tenths(hi, signed=True),
                         tenths(abs(hi - lo))) for f, a, lo, hi in swings])
        click.echo("\n".join(lines))
    if target is not None:
        chart = tornado_chart("Which sourced ranges move the outcome most", 0.0,
                              [Bar(f"{f} ({a})", lo, hi) for f, a, lo, hi in swings],
                              "change in that actor's mean final score (points)")
        page = (f"<!doctype html><html><head><meta charset='utf-8'><title>"
                f"{html.escape(scenario.title)}: sensitivity</title></head><body>"
                f"<h1>{html.escape(scenario.title)}: which sourced ranges matter</h1>"
                f"<p>{plan.games:,} games per run, seed {plan.seed}; each bar runs from the "
                "outcome with the figure at its low end to the outcome at its high end.</p>"
                f"{chart}</body></html>\n")
        write_output(target, page, force)


@click.command()
@click.argument("replay_file", metavar="REPLAY")
@click.option("--format", "fmt", type=FORMATS, default="md", show_default=True)
@click.option("--games", type=REPORT_GAMES, default=1_000, show_default=True,
              help="Simulated games to compare the game with in \"Model and source\" "
                   "(0 skips them).")
@click.option("--seed", type=SEED, default=0, show_default=True,
              help="Seed of the simulated games.")
@output_options("File to write")
def report(replay_file: str, fmt: str, games: int, seed: int, output: str | None,
           force: bool) -> None:
    """After-action report of REPLAY (a path or bundled name) for the class debrief.

    The replay is verified first (scenario hash and turn digests), so the report always
    describes the game that was actually played.  Its "Model and source" section sets the
    game beside the article's expectations and beside games simulated from the same start.
    """
    target = output_file(output)
    if target is not None:
        files.check_writable(target, replace=force)  # before the replay is run
    loaded = load_replay(replay_file)
    run = run_replay(loaded, verify=True)
    source = (with_progress(games, lambda bar: source_section(run.game, games, seed, bar))
              if games else source_section(run.game, 0, seed))
    made = build_report(loaded, run, load_register(), source)
    text = report_html(made) if fmt == "html" else report_markdown(made)
    if target is None:
        click.echo(text, nl=False)
        return
    write_output(target, text, force)


@click.command()
@click.argument("scenario_name", required=False)
@click.option("--games", type=GAMES, default=2_000, show_default=True)
@click.option("--seed", type=SEED, default=0, show_default=True)
@click.option("--hard-positions", type=HARD_POSITIONS, default=100, show_default=True,
              help="Decision points at which to ask the hard bot (0 to skip).")
@click.option("--history", "history_path", default="historical-2020-2021",
              show_default=True, help="Replay whose position to play on ('' to skip).")
@click.option("--win-range", type=ShareRange(), default="{}:{}".format(*band("winner-share")),
              show_default=True)
@click.option("--clash-range", type=ShareRange(), default="{}:{}".format(*band("armed-clash")),
              show_default=True)
def balance(scenario_name: str | None, games: int, seed: int, hard_positions: int,
            history_path: str, win_range: tuple[float, float], clash_range: tuple[float, float]
            ) -> None:
    """Measure balance with normal bots in every seat: the winner-share and armed-clash
    checks of check-model (exit 1 if one is missed), with the bots' move shares."""
    from caspian_tabletop.analysis.balance import Targets, measure

    scenario = load_scenario(paths.resolve_scenario(scenario_name))
    c = compile_scenario(scenario)
    history = replayed_position(history_path, scenario) if history_path else None
    targets = Targets(win_range, clash_range)
    r = measure(c, games, seed, hard_positions, history, targets)
    lines = [f"{scenario.title}: balance over {r.games:,} games with normal bots, seed {seed}",
             ""]
    rows = []
    for a in c.actors:
        low, high = _wilson(r.winner_share[a], r.games)
        levels = " / ".join(f"{v:.0%}" for v in r.level_shares[a].values())
        history_text = (f"{r.history_winner_share[a]:.1%}" if r.history_winner_share else "–")
        rows.append((a, f"{r.winner_share[a]:.1%} ({low:.1%}–{high:.1%})", levels,
                     history_text))
    lines += table(("Actor", "Winner (95% CI)",
                    "decisive loss / marginal loss / held / marginal gain / decisive gain",
                    "Winner from history"), rows)
    lines += ["", f"Armed clash ends {r.clash_share:.1%} of games.",
              "Normal bots' moves: " + ", ".join(f"{k} {v:.1%}" for k, v in
                                                 r.normal_moves.items())]
    if r.hard_moves:
        lines.append(f"Hard bots' moves ({r.hard_decisions} decisions): "
                     + ", ".join(f"{k} {v:.1%}" for k, v in r.hard_moves.items()))
    if r.history_percentile:
        lines.append("History (" + history_path + ") played on: mean final score at the "
                     + ", ".join(f"{a} {ordinal(round(p))}" for a, p in
                                 r.history_percentile.items())
                     + " percentile of the games from the opening.")
    lines.append("")
    lines += ([f"MISSED: {m}" for m in r.misses] if r.misses else ["All balance targets met."])
    click.echo("\n".join(lines))
    if r.misses:
        raise SystemExit(1)


def _wilson(share: float, n: int) -> tuple[float, float]:
    from caspian_tabletop.analysis.simulate import share_interval

    return share_interval(share, n)


COMMANDS = [simulate, balance, briefing, report]
