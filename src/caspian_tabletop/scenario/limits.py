"""The ranges of the game's values, and how far an input figure may go.

A hostile or mistyped figure (1e308, infinity, a block of 10**20 turns) would push the rules'
arithmetic to infinity, NaN or an integer overflow.  Every figure that comes from outside, a
scenario's or replay's field, an event's effect, a facilitator's adjustment, is checked
against these bounds before the rules see it.  The adjustment check is one function, used by
`Game.adjust` (so by the TUI, sessions and replays alike) and by the file schemas, which
report it with the file's line.  docs/replay-format.md and docs/scenario-format.md list them.
"""

from __future__ import annotations

import math

INFLUENCE_MAX = 100.0  # one actor's sway over another: 0..100
RELATIONS_MAX = 100.0  # relations between two actors: -100..100
TENSION_MAX = 10.0  # the escalation track: 0..10
MAX_TURNS = 40  # the longest calendar a scenario may have
SEED_LIMIT = 2**63  # numpy generators and replay files take seeds 0 <= seed < 2**63
# Every other figure stays within ±FIGURE_MAX.  The largest real one is about 1,500 (an
# economy in bn USD), and products of several such figures stay far from float overflow.
FIGURE_MAX = 1_000_000

# How many of each thing a scenario may hold.  The engine's arrays grow with these counts for
# every simulated game (an actor-by-actor table of sway, a corridor-by-actor table of trade),
# so a file of a few hundred cloned actors, well under the size limits, would need gigabytes
# at `simulate`.  Each cap is far above the shipped scenarios (caspian-2021: 7 actors, 3 zones,
# 7 ports, 6 corridors, 2 assets, 39 events, 9 vessel classes, 5 legs, 7 effects) and keeps
# `simulate` with its default 10,000 games within about 300 MB.
MAX_ACTORS = 24
MAX_ZONES = 24
MAX_PORTS = 64
MAX_CORRIDORS = 32
MAX_ASSETS = 32
MAX_EVENTS = 200
MAX_CLAIMS = 64
MAX_VESSEL_CLASSES = 32  # per actor
MAX_LEGS = 16  # per corridor
MAX_EFFECTS = 16  # per event
MAX_GOALS = 6  # per actor
MAX_TRADE_VOLUMES = 16

# How far one adjustment may move each kind of value: its whole range where it has one.
# Throughput and capacity (Mt/yr) have no upper bound, so FIGURE_MAX; a block's amount is
# not used, but it is still a figure.
ADJUST_RANGE = {
    "tension": TENSION_MAX,
    "influence": INFLUENCE_MAX,
    "relations": 2 * RELATIONS_MAX,
    "throughput": FIGURE_MAX,
    "capacity": FIGURE_MAX,
    "block": FIGURE_MAX,
}


def amount_problem(kind: str, amount: float, capital_max: float = FIGURE_MAX) -> str | None:
    """Why changing a `kind` value by `amount` is out of bounds, or None.

    Capital moves within 0..capital_max, which only the scenario knows: without it the
    bound is FIGURE_MAX, the largest capital_max a scenario may set.
    """
    if not math.isfinite(amount):
        return "the amount must be a finite number"
    limit = capital_max if kind == "capital" else ADJUST_RANGE.get(kind, FIGURE_MAX)
    if abs(amount) > limit:
        return f"a {kind} adjustment is at most {limit:,.10g} either way"
    return None


def turns_problem(turns: int, game_turns: int = MAX_TURNS) -> str | None:
    """Why a block of `turns` turns is out of bounds (it may last the whole game), or None."""
    if not 1 <= turns <= game_turns:
        return f"turns must be between 1 and {game_turns}"
    return None


def adjustment_problem(kind: str, amount: float, turns: int | None, capital_max: float,
                       game_turns: int) -> str | None:
    """Why an adjustment is out of bounds in a game with this capital_max and length, with
    the figure that is (the file schemas name the figure themselves)."""
    problem = amount_problem(kind, amount, capital_max)
    if problem is not None:
        return f"{problem}, got {amount:,.10g}"
    problem = None if turns is None else turns_problem(turns, game_turns)
    return None if problem is None else f"{problem}, got {turns}"
