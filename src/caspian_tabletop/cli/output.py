"""The `-o/--output` and `--force` options that every command writing a file shares.

`-o -` (or no `-o`) prints to standard output; any other value is a file written through
`files.write_text`, so every command keeps an existing file unless `--force` is given,
writes through a symlink to its target, and never writes into a device, folder or pipe.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from caspian_tabletop import files

STDOUT = "-"
FORCE_HELP = ("Replace the output file if it exists (through a symlink, its target is "
              "replaced and the link kept). Folders, devices and pipes are never written.")

Command = TypeVar("Command", bound=Callable[..., Any])


def output_options(what: str) -> Callable[[Command], Command]:
    """Add `-o/--output` (described by `what`) and `--force` to a command."""

    def decorate(command: Command) -> Command:
        command = click.option("--force", is_flag=True, help=FORCE_HELP)(command)
        return click.option("-o", "--output", metavar="FILE", default=None,
                            help=f"{what}; '-' or none: print. An existing file is kept "
                                 "unless --force.")(command)

    return decorate


def output_file(output: str | None) -> Path | None:
    """The file to write, or None for standard output (no `-o`, or `-o -`); a name ending
    in / is a folder, refused (`files.file_name`)."""
    return None if output is None or output == STDOUT else files.file_name(output)


def write_output(path: Path, text: str, force: bool) -> None:
    """Write one output file and say so on standard error (standard output is for data)."""
    files.write_text(path, text, replace=force)
    click.echo(f"wrote {path}", err=True)
