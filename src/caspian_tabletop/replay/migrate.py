"""Upgrading replay data written by older versions of the format, one version at a time.

Each hook turns the plain data of version N into version N+1 before validation, so old
saves keep loading.  A version with no path to the current one is refused with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from caspian_tabletop.domain.errors import NotationError
from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.replay.schema import FORMAT, VERSION

Data = dict[str, Any]


def _from_v0(data: Data) -> Data:
    """Version 0 (the first prototype saves) had no `mode`, no `end` trailer, the scenario
    as a bare id with a separate `scenario_hash`, the event draw spread over the turn entry,
    and `moves` plus turn-level `notes` (which came first) instead of `steps`."""
    out = {k: v for k, v in data.items() if k not in ("scenario", "scenario_hash")}
    scenario: Data = {"id": data.get("scenario")}
    if data.get("scenario_hash") is not None:
        scenario["hash"] = data["scenario_hash"]
    seats = data.get("seats") or {}
    humans = isinstance(seats, dict) and any(str(s).startswith("human") for s in seats.values())
    out.update(version=1, scenario=scenario, mode="solo" if humans else "replay", end=True)
    turns = data.get("turns")
    if isinstance(turns, list):
        out["turns"] = [_turn_from_v0(t) if isinstance(t, dict) else t for t in turns]
    return out


def _turn_from_v0(turn: Data) -> Data:
    events = {k: turn[k] for k in ("draw", "event", "scheduled") if k in turn}
    rest = {k: v for k, v in turn.items() if k not in (*events, "moves", "notes")}
    notes = [{"note": n} for n in turn.get("notes") or []]
    return {**rest, "events": events, "steps": [*notes, *(turn.get("moves") or [])]}


def _from_v1(data: Data) -> Data:
    """Version 1 had the same fields, but each turn's digest was the replayed state alone,
    not a link of a chain over the seed, seats and records (the reader keeps it as such).
    Its summits and partnered drills needed no answer: they went ahead as agreed, which is
    written now as `accept: true`."""
    out = {**data, "version": 2}
    turns = data.get("turns")
    if isinstance(turns, list):
        out["turns"] = [_agreed(t) if isinstance(t, dict) else t for t in turns]
    return out


def _agreed(turn: Data) -> Data:
    steps = turn.get("steps")
    if not isinstance(steps, list):
        return turn
    return {**turn, "steps": [_answered(s) if isinstance(s, dict) else s for s in steps]}


def _answered(step: Data) -> Data:
    move = step.get("move")
    if not isinstance(move, str) or "accept" in step or "fizzled" in step:
        return step
    try:
        asks = parse_move(move).asks
    except NotationError:
        return step
    return {**step, "accept": True} if asks else step


MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _from_v0, 1: _from_v1}


def migrate(data: Data) -> Data:
    """Data of any known version, upgraded to the current one; ValueError says why not."""
    if data.get("format") != FORMAT:
        raise ValueError(f"not a replay file: `format: {FORMAT}` is missing")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError(f"`version` must be a whole number, got {version!r}")
    if version > VERSION:
        raise ValueError(f"format version {version} is newer than this program reads "
                         f"(up to {VERSION}); upgrade caspian-tabletop to open it")
    while version < VERSION:
        if version not in MIGRATIONS:
            known = ", ".join(str(v) for v in (*sorted(MIGRATIONS), VERSION))
            raise ValueError(f"format version {version} is unknown (known: {known})")
        data = MIGRATIONS[version](data)
        version = data["version"]
    return data
