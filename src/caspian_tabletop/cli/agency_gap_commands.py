"""`agency-gap`: find the turns where a seat's normal bot loses to a yardstick seat."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from caspian_tabletop import paths
from caspian_tabletop.analysis.agency_gap import GapReport, HardComparison, Swap, agency_gap
from caspian_tabletop.analysis.policies import POLICY_NAMES, check_actor, check_name
from caspian_tabletop.cli.model_commands import wrapped
from caspian_tabletop.cli.ranges import GAP_GAMES, HARD_GAMES, SEED
from caspian_tabletop.cli.render import table
from caspian_tabletop.domain.figures import hundredths
from caspian_tabletop.engine.compiled import compile_scenario
from caspian_tabletop.scenario.load import load_scenario

YARDSTICKS = tuple(name for name in POLICY_NAMES if name != "normal")
SHOWN = 0.005  # smaller gains by term, and smaller kind shares, are left out of the text


@click.command("agency-gap")
@click.argument("scenario_name", required=False)
@click.option("--seat", required=True, help="The actor whose normal bot is examined, e.g. IR.")
@click.option("--yardstick", required=True,
              help=f"The seat policy it is measured against: {', '.join(YARDSTICKS)}.")
@click.option("--games", type=GAP_GAMES, default=2_000, show_default=True,
              help="Games of each run (one normal run, one for every turn, one whole).")
@click.option("--hard-games", type=HARD_GAMES, default=0, show_default=True,
              help="Games in which the hard bot plays the seat too, against the yardstick "
                   "and the normal bot in the same games (a few seconds a game).")
@click.option("--seed", type=SEED, default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def agency_gap_command(scenario_name: str | None, seat: str, yardstick: str, games: int,
                       hard_games: int, seed: int, as_json: bool) -> None:
    """Where a seat's normal bot loses to a yardstick (check-model's agency checks): the
    yardstick's move is played in one turn at a time, the normal bot's in the others, and
    the final scores are compared with the normal bot's, term by term.  With --hard-games,
    whether the yardstick beats the hard bot too."""
    scenario = load_scenario(paths.resolve_scenario(scenario_name))
    c = compile_scenario(scenario)
    check_actor(c, f"--seat {seat!r}", seat)
    check_name(f"--yardstick {yardstick!r}", yardstick, YARDSTICKS, "yardstick")
    click.echo(f"playing {c.turns + 2} runs of {games_text(games)}...", err=True)
    if hard_games:
        click.echo(f"and the hard bot in {games_text(hard_games)} (a few seconds each)...",
                   err=True)
    report = agency_gap(c, c.actors.index(seat), yardstick, games, seed, hard_games)
    click.echo(json.dumps(report_json(report), indent=2) if as_json
               else "\n".join(report_lines(scenario.title, report)))


def report_json(report: GapReport) -> dict[str, Any]:
    data = asdict(report)
    data["unit"] = "sd" if report.sd > 0 else "points"
    return data


def games_text(games: int) -> str:
    return f"{games:,} game" if games == 1 else f"{games:,} games"


def swap_text(swap: Swap, unit: str) -> str:
    return f"{hundredths(swap.gain, signed=True)} ± {swap.error:.2f} {unit}"


def terms_text(swap: Swap) -> str:
    return ", ".join(f"{name} {hundredths(value, signed=True)}"
                     for name, value in swap.terms.items()
                     if abs(value) >= SHOWN)


def chosen_text(shares: dict[str, float]) -> str:
    ranked = sorted(shares.items(), key=lambda item: -item[1])
    return ", ".join(f"{kind} {share:.0%}" for kind, share in ranked if share >= SHOWN) or "–"


def verdict(swap: Swap, games: int, bot: str = "the normal bot") -> str:
    """Whether the yardstick is ahead of `bot` by more than twice its standard error."""
    if games < 2:
        return "one game: no standard error to judge by"
    if swap.gain > 2 * swap.error:
        return f"the yardstick beats {bot}"
    if swap.gain < -2 * swap.error:
        return f"{bot} beats the yardstick"
    return "no difference beyond the sampling error"


def report_lines(title: str, report: GapReport) -> list[str]:
    whole = report.overall
    short = "sd" if report.sd > 0 else "points"
    unit = (f"gains in sd of {report.actor}'s score ({report.sd:.2f} points)" if report.sd > 0
            else f"gains in points ({report.actor}'s score never varied)")
    lines = [f"{title}: {report.actor}'s normal bot against {report.yardstick}",
             *wrapped(f"{games_text(report.games)} a run, seed {report.seed}; {unit}, ± one "
                      "standard error"),
             "",
             *wrapped(f"{report.yardstick} in every turn: {swap_text(whole, short)} "
                      f"({verdict(whole, report.games)})", ""),
             *wrapped(f"by term: {terms_text(whole) or 'none'}"),
             "",
             *wrapped(f"{report.yardstick} in one turn, the normal bot in the others (a gain "
                      "marks a turn where the bot's choice costs it):", "")]
    lines += table(("Turn", "Normal bot chose", "Swap gains", "By term"),
                   [(str(s.turn), chosen_text(report.chosen[s.turn - 1]), swap_text(s, short),
                     terms_text(s)) for s in report.turns])
    if report.hard is not None:
        lines += ["", *hard_lines(report, report.hard, short)]
    return lines


def hard_lines(report: GapReport, hard: HardComparison, unit: str) -> list[str]:
    """The hard bot in the seat: whether the yardstick beats competent play too."""
    against = hard.yardstick_over_hard
    lines = [*wrapped(f"The hard bot in {report.actor}'s seat, in {games_text(hard.games)} "
                      "of their own (the same games for the hard bot, the normal bot and "
                      f"{report.yardstick}):", ""),
             *wrapped(f"the hard bot against the normal bot: {swap_text(hard.over_normal, unit)}"),
             *wrapped(f"by term: {terms_text(hard.over_normal) or 'none'}", "    "),
             *wrapped(f"{report.yardstick} against the hard bot: {swap_text(against, unit)} "
                      f"({verdict(against, hard.games, 'the hard bot')})"),
             *wrapped(f"by term: {terms_text(against) or 'none'}", "    "),
             ""]
    lines += table(("Turn", "Hard bot chose"),
                   [(str(turn), chosen_text(shares))
                    for turn, shares in enumerate(hard.chosen, start=1)])
    return lines


COMMANDS = [agency_gap_command]
