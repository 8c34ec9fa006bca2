"""The facilitator's powers: rule a secret order's outcome, change a value, play an event.

`Game` calls these for every caller (the TUI, sessions, replays), so each check is made once:
a ruling concerns an order still secret, an adjustment names what it changes and stays within
the bounds of scenario.limits, an injected event is in the deck.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from caspian_tabletop.domain.errors import IllegalMoveError
from caspian_tabletop.engine.compiled import Compiled, EffectRow
from caspian_tabletop.engine.effects import apply_effect, check_clash
from caspian_tabletop.engine.events import spent
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.scenario.limits import adjustment_problem

FORCES = ("success", "failure")
ADJUSTABLE = ("tension", "throughput", "capacity", "influence", "relations", "capital", "block")
# What each adjustable value is kept per: the fields an adjustment of it must name.
_NEEDS: dict[str, tuple[str, ...]] = {
    "throughput": ("corridor",), "capacity": ("corridor",), "block": ("corridor",),
    "influence": ("actor", "target"), "relations": ("actor", "target"), "capital": ("actor",)}


def check_force(force: str | None) -> None:
    """A ruling is a success or a failure (None: no ruling)."""
    if force is not None and force not in FORCES:
        raise ValueError("force must be 'success' or 'failure'")


def check_override(pending: Collection[str], actor: str, force: str) -> None:
    """The umpire may rule only on an order still secret."""
    check_force(force)
    if actor not in pending:
        raise IllegalMoveError(f"override {actor}", f"{actor} has no pending order")


def adjustment(c: Compiled, kind: str, amount: float, actor: str | None, target: str | None,
               corridor: str | None, turns: int | None) -> tuple[dict[str, object], EffectRow]:
    """A checked adjustment: the effect as recorded, and in the index form the rules apply."""
    effect: dict[str, object] = {"kind": kind, "amount": amount, "actor": actor,
                                 "target": target, "corridor": corridor, "turns": turns}
    row = _effect_row(c, effect)
    problem = adjustment_problem(kind, amount, turns, c.rules.capital_max, c.turns)
    if problem is not None:
        raise IllegalMoveError(f"adjust {kind}", problem)
    return effect, row


def adjusted(c: Compiled, state: BatchState, row: EffectRow) -> BatchState:
    """A copy of the batch-of-one `state` with the adjustment applied (it may start a clash)."""
    after = state.copy()
    apply_effect(c, after, np.array([0]), row)
    check_clash(c, after)
    return after


def deck_index(c: Compiled, state: BatchState, event: str) -> int:
    """The deck position of an event the umpire plays: one in the deck that can still
    happen (a once-only event that has happened cannot happen again)."""
    if event not in c.events:
        raise IllegalMoveError(f"inject {event}", f"no event {event!r} in the deck")
    index = c.events.index(event)
    if spent(c, state, index):
        raise IllegalMoveError(f"inject {event}",
                               f"{event} happens once in a game and has already happened")
    return index


def _effect_row(c: Compiled, effect: dict[str, object]) -> EffectRow:
    kind = str(effect["kind"])
    if kind not in ADJUSTABLE:
        raise IllegalMoveError(f"adjust {kind}",
                               f"unknown value kind (known: {', '.join(ADJUSTABLE)})")

    def index(key: str, names: tuple[str, ...]) -> int:
        value = effect.get(key)
        if value is None:
            return -1
        if value not in names:
            raise IllegalMoveError(f"adjust {kind}", f"no {key} {value!r}")
        return names.index(str(value))

    row = EffectRow(kind=kind, amount=float(str(effect["amount"])),
                    actor=index("actor", c.actors), target=index("target", c.actors),
                    corridor=index("corridor", c.corridors),
                    turns=int(str(effect.get("turns") or 1)))
    for key in _NEEDS.get(kind, ()):
        if getattr(row, key) < 0:
            raise IllegalMoveError(f"adjust {kind}", f"needs a {key}")
    return row
