"""Progress bars for long runs: on stderr, so stdout stays clean for a table or JSON, and only
in a terminal, where a bar is seen rather than left as a label in a log."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

import click

T = TypeVar("T")


def with_progress(games: int, run: Callable[[Callable[[int], None]], T],
                  label: str = "simulating") -> T:
    """`run(advance)` with a bar of `games` steps that `advance(n)` moves on."""
    with click.progressbar(length=games, label=label, file=sys.stderr, show_eta=False,
                           hidden=not sys.stderr.isatty()) as bar:
        return run(bar.update)
