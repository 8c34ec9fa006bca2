"""The `caspian-tabletop` command line.

Each command family lives in its own module and exposes `COMMANDS`; add the module and the
names of its commands to `_FAMILIES` to plug more in.  A family module is imported only when
one of its commands runs (or `--help` lists them): the analysis, AI and replay families pull
in numpy, the engine and the bots, which the TUI and quick commands should not wait for.
Errors meant for users are printed as text, never as tracebacks.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from caspian_tabletop import __version__
from caspian_tabletop.cli import tui_commands
from caspian_tabletop.domain.errors import CaspianError

# Family module (under caspian_tabletop.cli) -> the names of the commands in its COMMANDS.
_FAMILIES: dict[str, tuple[str, ...]] = {
    "scenario_commands": ("validate", "schema", "describe", "sources"),
    "replay_commands": ("replay",),
    "play_commands": ("play", "saves"),
    "ai_commands": ("duel",),
    "analysis_commands": ("simulate", "balance", "briefing", "report"),
    "model_commands": ("check-model",),
    "agency_gap_commands": ("agency-gap",),
    "calibrate_commands": ("calibrate",),
    "tui_commands": ("tui", "serve"),
    "class_commands": ("host", "classes", "join"),
}
_MODULE_OF = {name: module for module, names in _FAMILIES.items() for name in names}


def _load(cmd_name: str) -> click.Command:
    """Import the family of a command listed in `_FAMILIES` and return the command."""
    module = importlib.import_module(f"{__name__}.{_MODULE_OF[cmd_name]}")
    found: click.Command = next(c for c in module.COMMANDS if c.name == cmd_name)
    return found


class _Group(click.Group):
    """A group that imports command families on demand and turns any CaspianError into its
    message and exit status 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_MODULE_OF)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return _load(cmd_name) if cmd_name in _MODULE_OF else None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CaspianError as exc:
            click.echo(str(exc), err=True)
            ctx.exit(1)


@click.group(cls=_Group, invoke_without_command=True)
@click.version_option(__version__, prog_name="caspian-tabletop")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Caspian Tabletop: a geopolitical wargame of the Caspian Sea in early 2021."""
    if ctx.invoked_subcommand is None:
        # In a terminal the bare command opens the TUI; piped, it summarises the scenario.
        if tui_commands.interactive():
            tui_commands.launch()
        else:
            ctx.invoke(_load("describe"))
