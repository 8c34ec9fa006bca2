"""Scenario commands: validate, schema, describe and sources."""

from __future__ import annotations

import json
from pathlib import Path

import click

from caspian_tabletop import paths
from caspian_tabletop.cli.render import describe_lines
from caspian_tabletop.domain.errors import ScenarioError
from caspian_tabletop.scenario.checks import citations
from caspian_tabletop.scenario.figures import describe_source, figure_origin, show_value
from caspian_tabletop.scenario.load import load_register, load_scenario, read_scenario
from caspian_tabletop.scenario.register import Register
from caspian_tabletop.scenario.schema import Scenario
from caspian_tabletop.scenario.yaml_loader import dotted, parse_dotted

register_option = click.option(
    "--register",
    "register_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Source register to check citations against (default: the bundled one).",
)
scenario_argument = click.argument("scenario", required=False)


def _register(path: Path | None) -> Register:
    return load_register(path, None if path is None else str(path))


def _scenario_path(name_or_path: str | None) -> tuple[Path, str]:
    """The file to read (a path, else a bundled name) and the name to show in messages."""
    path = paths.resolve_scenario(name_or_path)
    return path, name_or_path if name_or_path is not None and path == Path(name_or_path) else str(
        path
    )


@click.command()
@click.argument("files", nargs=-1, required=True)
@register_option
def validate(files: tuple[str, ...], register_path: Path | None) -> None:
    """Check scenario files (paths or bundled names) and print every problem, compiler-style."""
    register = _register(register_path)
    failed = False
    for name in files:
        path, source = _scenario_path(name)
        try:
            scenario, _ = read_scenario(path, register, source=source)
        except ScenarioError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(problem.render(), err=True)
            continue
        click.echo(f"{source}: ok ({len(scenario.actors)} actors, {scenario.calendar.turns} turns)")
    if failed:
        raise SystemExit(1)


@click.command()
def schema() -> None:
    """Print the JSON Schema of scenario files, for editors."""
    click.echo(json.dumps(Scenario.model_json_schema(), indent=2, ensure_ascii=False))


@click.command()
@scenario_argument
@register_option
def describe(scenario: str | None, register_path: Path | None) -> None:
    """Summarise a scenario (a path or a bundled name; default: the bundled default)."""
    path, source = _scenario_path(scenario)
    register = None if register_path is None else _register(register_path)
    click.echo("\n".join(describe_lines(load_scenario(path, register, source=source))))


@click.command()
@scenario_argument
@register_option
@click.option(
    "--figure", "figure", default=None, help="A figure path, e.g. actors.RU.navy[0].count"
)
def sources(scenario: str | None, register_path: Path | None, figure: str | None) -> None:
    """List the sources a scenario cites, or explain where one figure comes from."""
    path, source = _scenario_path(scenario)
    register = _register(register_path)
    loaded, document = read_scenario(path, register, source=source)
    if figure is None:
        lines = _source_listing(loaded, register)
    else:
        loc = parse_dotted(figure)
        origin = figure_origin(loaded, loc)
        line, col = document.position(loc)
        lines = [
            f"{dotted(loc)} = {show_value(origin.value)}",
            f"  defined at {source}:{line}:{col}",
            f"  explained by {dotted(origin.owner) or 'the scenario'}"
            + (" (designer estimate)" if origin.is_estimate else ""),
        ]
        for label, text in (("rationale", origin.rationale), ("note", origin.note)):
            if text:
                lines.append(f"  {label}: {' '.join(text.split())}")
        lines += [f"  {describe_source(sid, register, loaded)}" for sid in origin.cites]
        if not origin.cites and not origin.rationale:
            lines.append("  no source recorded")
    click.echo("\n".join(lines))


def _source_listing(scenario: Scenario, register: Register) -> list[str]:
    cited = dict.fromkeys(sid for _, sid in citations(scenario))
    article = register.article
    lines = [
        "Article",
        f"  {describe_source(article.id, register, scenario)}",
        "",
        "Article claims cited",
    ]
    lines += [
        f"  {describe_source(c.id, register, scenario)}" for c in register.claims if c.id in cited
    ]
    lines += ["", "References cited"]
    references = [*register.references, *scenario.sources]
    lines += [f"  {describe_source(r.id, register, scenario)}" for r in references if r.id in cited]
    return lines


COMMANDS = [validate, schema, describe, sources]
