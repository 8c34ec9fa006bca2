"""`check-model`: measure whether the game's dynamics match the source analysis."""

from __future__ import annotations

import json
import sys
import textwrap
from typing import Any

import click

from caspian_tabletop import paths
from caspian_tabletop.analysis.check_targets import Target
from caspian_tabletop.analysis.model_checks import (
    CheckResult,
    ModelReport,
    Plan,
    Settings,
    plan_checks,
    run_checks,
)
from caspian_tabletop.cli.ranges import GAMES, HARD_POSITIONS, SEED
from caspian_tabletop.cli.render import table
from caspian_tabletop.domain.figures import hundredths, tenths
from caspian_tabletop.scenario.load import load_scenario

ROBUST_SHOWN = 3  # missing variants named in the text detail of a robustness check


@click.command("check-model")
@click.argument("scenario_name", required=False)
@click.option("--games", type=GAMES, default=10_000, show_default=True,
              help="Games of the normal-bot run and of each agency run.")
@click.option("--seed", type=SEED, default=0, show_default=True)
@click.option("--hard-positions", type=HARD_POSITIONS, default=400, show_default=True,
              help="Decision points at which to ask the hard bot (0 to skip).")
@click.option("--robustness-games", type=GAMES, default=1_000, show_default=True,
              help="Games per ranged figure and end of its range.")
@click.option("--no-robustness", is_flag=True,
              help="Skip the runs with ranged figures at their low and high ends.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def check_model(scenario_name: str | None, games: int, seed: int, hard_positions: int,
                robustness_games: int, no_robustness: bool, as_json: bool) -> None:
    """Check the model against the source analysis: play many games with normal bots (and
    yardstick seats) and compare each measured dynamic with its target; exit 1 on a miss.

    The targets, and what each check means, are in docs/model-checks.md.
    """
    scenario = load_scenario(paths.resolve_scenario(scenario_name))
    settings = Settings(games, seed, hard_positions, robustness_games, not no_robustness)
    plan = plan_checks(scenario, settings)
    with click.progressbar(length=plan.games, label="checking the model", file=sys.stderr,
                           show_eta=False) as bar:
        report = run_checks(plan, bar.update)
    click.echo(json.dumps(report_json(report), indent=2) if as_json
               else "\n".join(report_lines(plan, report)))
    if report.failed:
        raise SystemExit(1)


def report_json(report: ModelReport) -> dict[str, Any]:
    s = report.settings
    return {
        "scenario": report.scenario, "seed": s.seed, "games": s.games,
        "hard_positions": s.hard_positions,
        "robustness_games": s.robustness_games if s.robustness else None,
        "passed": not report.failed,
        "checks": [{
            "name": r.name, "group": r.group, "measured": r.measured,
            "target": target_json(r.target), "passed": r.passed, "meaning": r.meaning,
            "claims": list(r.claims), "detail": r.detail, "worst": r.worst, "note": r.note,
        } for r in report.results],
    }


def target_json(t: Target | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {"low": t.low, "high": t.high, "strict": t.strict, "unit": t.unit,
            "text": target_text(t)}


def report_lines(plan: Plan, report: ModelReport) -> list[str]:
    """The readable report: the table, what each check means, and the detail."""
    s = report.settings
    runs = [f"{s.games:,} games with normal bots in every seat",
            f"{len(plan.agency)} yardstick seats of {s.games:,} games each"]
    runs.append(f"the hard bot at {s.hard_positions} decisions" if s.hard_positions
                else "no hard-bot decisions")
    idle = (f" ({len(plan.idle)} more change nothing the rules read and are not run)"
            if plan.idle else "")
    runs.append(f"{len(plan.variants)} ranged-figure variants of {s.robustness_games:,} games"
                f"{idle}" if s.robustness else "robustness skipped")
    lines = [f"{report.title}: model checks, seed {s.seed}",
             *wrapped("; ".join(runs), ""), ""]
    lines += table(("Group", "Check", "Measured", "Target", "Result"),
                   [(r.group, r.name, measured_text(r), target_text(r.target), verdict(r))
                    for r in report.results])
    lines += ["", "What each check measures (claims of seeds/sources.yaml):"]
    for r in report.results:
        claims = f" [{', '.join(r.claims)}]" if r.claims else ""
        lines += wrapped(f"{r.name}: {r.meaning}{claims}")
    lines += ["", "Detail:"]
    for r in report.results:
        text = detail_text(r)
        if text:
            lines += wrapped(f"{r.name}: {text}")
    failed = report.failed
    judged = sum(r.passed is not None for r in report.results)
    lines.append("")
    lines += (wrapped(f"{len(failed)} of {judged} checks FAIL: "
                      + ", ".join(r.name for r in failed), "") if failed
              else [f"All {judged} model checks PASS."])
    return lines


def wrapped(text: str, indent: str = "  ") -> list[str]:
    """Lines of at most 100 characters; names with hyphens are never split."""
    return textwrap.wrap(text, 100, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_on_hyphens=False)


def verdict(r: CheckResult) -> str:
    if r.passed is None:
        return "n/a" if r.measured is None or r.target is not None else "(report)"
    return "PASS" if r.passed else "FAIL"


def unit_of(r: CheckResult) -> str:
    return r.target.unit if r.target is not None else "%"


def value_text(value: float, unit: str, signed: bool = False) -> str:
    """A measured value in its unit; differences (`signed`) carry their sign.  A value that
    two decimals would show as zero keeps two significant digits, so that a margin just
    below a bound of 0 does not read "-0.00" beside its FAIL."""
    if unit == "%":
        return f"{value:.1%}"
    if unit == "pp":
        return f"{tenths(value * 100, signed=True)} pp"
    return f"{hundredths(value, signed)} {unit}"


def measured_text(r: CheckResult) -> str:
    if r.measured is None:
        return "–"
    text = value_text(r.measured, unit_of(r), signed=True)
    return f"{text} ({r.worst})" if r.worst and r.group != "robustness" else text


def bound_text(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value * 100:g} %"
    if unit == "pp":
        return f"{value * 100:g} pp"
    return f"{value:g} {unit}"


def target_text(t: Target | None) -> str:
    if t is None:
        return "–"
    if t.low is not None and t.high is not None:
        return f"{bound_text(t.low, t.unit).split()[0]}–{bound_text(t.high, t.unit)}"
    if t.low is not None:
        return f"{'>' if t.strict else '≥'} {bound_text(t.low, t.unit)}"
    if t.high is not None:
        return f"{'<' if t.strict else '≤'} {bound_text(t.high, t.unit)}"
    return "any"


def detail_text(r: CheckResult) -> str:
    """One line of detail: every entry, or for a robustness check the variants that miss."""
    if r.group == "robustness":
        if r.measured is None or r.worst is None:
            return r.note
        target, unit = r.target, unit_of(r)
        missed = [k for k, v in r.detail.items() if target is not None and not target.met(v)]
        parts = [r.note, f"worst {r.worst}: {value_text(r.measured, unit)}"]
        if 0 < len(missed) < len(r.detail):
            more = (f", and {len(missed) - ROBUST_SHOWN} more" if len(missed) > ROBUST_SHOWN
                    else "")
            parts.append("missed at " + ", ".join(missed[:ROBUST_SHOWN]) + more)
        return "; ".join(parts)
    parts = [f"{k} {value_text(v, unit_of(r))}" for k, v in r.detail.items()]
    return "; ".join(p for p in (", ".join(parts), r.note) if p)


COMMANDS = [check_model]
