"""The ranges of numeric command-line options, checked by click before a command starts.

A number out of range is a usage error (exit 2) that names the option and the range, before
anything is loaded or allocated: `--games 1000000000000` used to allocate gigabytes for its
chunk table, and `--seed -1` ended in a numpy traceback.
"""

from __future__ import annotations

import math
from typing import Any

import click

from caspian_tabletop.scenario.limits import MAX_TURNS, SEED_LIMIT

MAX_GAMES = 1_000_000_000

SEED = click.IntRange(0, SEED_LIMIT - 1)
GAMES = click.IntRange(1, MAX_GAMES)
TURN = click.IntRange(1, MAX_TURNS)
SWEEP_STEPS = click.IntRange(2, 100)
HARD_POSITIONS = click.IntRange(0, 10_000)  # a search each (benchmarks/ai.py times one)
HARD_GAMES = click.IntRange(0, 1_000)  # all-hard games: seconds each
REPORT_GAMES = click.IntRange(0, 100_000)  # kept whole in memory: four figures a game
GAP_GAMES = click.IntRange(1, 20_000)  # each run one batch: the size of a simulation chunk


class Share(click.FloatRange):
    """A proportion from 0 to 1; unlike a plain FloatRange it refuses nan, which compares
    false with both ends."""

    name = "share"

    def __init__(self) -> None:
        super().__init__(0.0, 1.0)

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a number from 0 to 1", param, ctx)
        return number


class ShareRange(click.ParamType):
    """LOW:HIGH, two proportions with LOW <= HIGH (a bare number means LOW = HIGH)."""

    name = "low:high"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> tuple[float, float]:
        if isinstance(value, tuple):
            return value
        low, sep, high = str(value).partition(":")
        share = Share()
        try:
            ends = (share.convert(low, param, ctx), share.convert(high if sep else low, param,
                                                                  ctx))
        except click.BadParameter:
            self.fail(f"{value!r}: expected LOW:HIGH, two numbers from 0 to 1, e.g. 0.08:0.25",
                      param, ctx)
        if ends[0] > ends[1]:
            self.fail(f"{value!r}: LOW is above HIGH", param, ctx)
        return ends


def check_seed_span(seed: int, games: int) -> None:
    """Commands that play seeds seed, seed + 1, ...: the last must still be a valid seed."""
    if seed + games > SEED_LIMIT:
        raise click.UsageError(f"--seed {seed} with --games {games} goes past the largest "
                               f"seed, {SEED_LIMIT - 1}")
