"""The `tui` command: the full-screen Textual interface (also the bare `caspian-tabletop`).

Textual is imported only when the TUI starts, so the other commands stay light.
"""

from __future__ import annotations

import sys

import click


def interactive() -> bool:
    """Whether both ends of the terminal are a TTY (the TUI needs one)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def launch(scenario: str | None = None) -> None:
    from caspian_tabletop.tui.app import run_tui

    run_tui(scenario)


@click.command()
@click.option("--scenario", "scenario_name", default=None,
              help="Scenario preselected on the start screen (name or file).")
def tui(scenario_name: str | None) -> None:
    """Open the full-screen game (start screen, map, move builder, AI opponents)."""
    launch(scenario_name)


COMMANDS = (tui,)
