"""The `caspian-tabletop` command line.

Each command family lives in its own module and exposes `COMMANDS`; add a module to
`_FAMILIES` to plug more in.  Errors meant for users are printed as text, never as tracebacks.
"""

from __future__ import annotations

from typing import Any

import click

from caspian_tabletop import __version__
from caspian_tabletop.cli import (
    ai_commands,
    analysis_commands,
    play_commands,
    replay_commands,
    scenario_commands,
    tui_commands,
)
from caspian_tabletop.domain.errors import CaspianError

_FAMILIES = (scenario_commands, replay_commands, play_commands, ai_commands, analysis_commands,
             tui_commands)


class _Group(click.Group):
    """A group that turns any CaspianError into its message and exit status 1."""

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
            ctx.invoke(scenario_commands.describe)


for _family in _FAMILIES:
    for _command in _family.COMMANDS:
        main.add_command(_command)
