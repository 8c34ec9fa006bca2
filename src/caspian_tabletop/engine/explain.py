"""Explanations: a structured record of every resolution step, and its one-line sentence.

The deltas are found by comparing the state before and after the step, so an explanation
can never disagree with what the rules did.  Each record also carries the influence shift:
the change of every actor's score, per objective term, caused by this step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.scoring import SCORE_TERMS, contributions
from caspian_tabletop.engine.state import BatchState

EPS = 1e-9


@dataclass(frozen=True)
class Delta:
    """One number that changed: `what` names it for people, `key` for tools."""

    key: str
    what: str
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class Resolution:
    """A resolved step: a move, an event, upkeep, or a facilitator action."""

    turn: int
    step: str
    actor: str | None
    text: str
    inputs: dict[str, float | str] = field(default_factory=dict)
    modifiers: dict[str, float] = field(default_factory=dict)
    probability: float | None = None
    roll: float | None = None
    outcome: str = ""
    deltas: tuple[Delta, ...] = ()
    shift: dict[str, dict[str, float]] = field(default_factory=dict)
    facilitator: str | None = None

    def sentence(self) -> str:
        """One readable line, mechanics in brackets, e.g. for logs and reports."""
        head = self.text
        if self.probability is not None:
            detail = ", ".join(_input_text(k, v) for k, v in self.inputs.items())
            mods = ", ".join(f"{k} {v:+.0%}" for k, v in self.modifiers.items() if v)
            inside = "; ".join(x for x in (detail, mods) if x)
            head += f": p={self.probability:.2f}" + (f" ({inside})" if inside else "")
            if self.roll is not None:
                head += f", roll {self.roll:.2f}"
            head += f" → {self.outcome}"
        elif self.outcome:
            head += f": {self.outcome}"
        parts = [head, *(_delta_text(d) for d in self.deltas)]
        if self.facilitator:
            parts.append(f"facilitator: {self.facilitator}")
        return "[" + "; ".join(parts) + "]"

    def total_shift(self, actor: str) -> float:
        return sum(self.shift.get(actor, {}).values())


def _input_text(key: str, value: float | str) -> str:
    if key == "strength" and isinstance(value, str):
        return f"strength {value}"
    if isinstance(value, float):
        return f"{key} {value:.2f}"
    return f"{key} {value}"


def _signed(x: float) -> str:
    return f"{x:+.1f}".replace(".0", "") if abs(x - round(x)) < EPS else f"{x:+.2f}"


def _plain(x: float) -> str:
    return f"{x:.0f}" if abs(x - round(x)) < EPS else f"{x:.2f}"


def _delta_text(d: Delta) -> str:
    kind = d.key.split(":", 1)[0]
    if kind == "blocked":
        return (f"{d.what} closed {int(d.after)} turns" if d.after > d.before
                else f"{d.what} reopens in {int(d.after)}")
    if kind in ("tension", "throughput", "capacity"):
        unit = " Mt" if kind != "tension" else ""
        return f"{d.what} {_plain(d.before)}→{_plain(d.after)}{unit}"
    if kind in ("online", "over", "clash"):
        return d.what
    return f"{d.what} {_signed(d.change)}"


def diff(c: Compiled, before: BatchState, after: BatchState) -> tuple[Delta, ...]:
    """Every rule-visible change between two batch-of-one states, in a fixed order."""
    out: list[Delta] = []
    names = c.actors
    corridor_names = [c.scenario.corridors[k].name for k in c.corridors]
    b, a = before, after
    if abs(a.tension[0] - b.tension[0]) > EPS:
        out.append(Delta("tension", "tension", float(b.tension[0]), float(a.tension[0])))
    for k, name in enumerate(corridor_names):
        pairs = (("blocked", b.blocked, a.blocked), ("throughput", b.throughput, a.throughput),
                 ("capacity", b.capacity, a.capacity))
        for kind, old, new in pairs:
            if abs(float(new[0, k]) - float(old[0, k])) > EPS:
                label = name if kind == "blocked" else f"{name} {kind}"
                if kind == "blocked" and new[0, k] < old[0, k]:
                    continue
                out.append(Delta(f"{kind}:{c.corridors[k]}", label, float(old[0, k]),
                                 float(new[0, k])))
    for i, j in zip(*np.nonzero(np.abs(a.influence[0] - b.influence[0]) > EPS), strict=True):
        out.append(Delta(f"influence:{names[i]}:{names[j]}", f"{names[i]}→{names[j]} influence",
                         float(b.influence[0, i, j]), float(a.influence[0, i, j])))
    upper = np.triu(np.abs(a.relations[0] - b.relations[0]) > EPS, k=1)
    for i, j in zip(*np.nonzero(upper), strict=True):
        out.append(Delta(f"relations:{names[i]}:{names[j]}", f"{names[i]}–{names[j]} relations",
                         float(b.relations[0, i, j]), float(a.relations[0, i, j])))
    for i in np.flatnonzero(np.abs(a.capital[0] - b.capital[0]) > EPS):
        out.append(Delta(f"capital:{names[i]}", f"{names[i]} capital",
                         float(b.capital[0, i]), float(a.capital[0, i])))
    for s in np.flatnonzero(a.asset_online[0] & ~b.asset_online[0]):
        asset = c.assets[s]
        out.append(Delta(f"online:{asset}", f"{c.scenario.assets[asset].name} complete", 0, 1))
    for s in np.flatnonzero(a.asset_progress[0] != b.asset_progress[0]):
        asset = c.assets[s]
        out.append(Delta(f"progress:{asset}", f"{c.scenario.assets[asset].name} stages",
                         float(b.asset_progress[0, s]), float(a.asset_progress[0, s])))
    if a.clash[0] and not b.clash[0]:
        out.append(Delta("clash", "ARMED CLASH: the game ends", 0, 1))
    return tuple(out)


def shift(c: Compiled, before: BatchState, after: BatchState) -> dict[str, dict[str, float]]:
    """Score change per actor and term between two batch-of-one states (non-zero only)."""
    return shift_between(c, contributions(c, before)[0], contributions(c, after)[0])


def shift_between(c: Compiled, before: NDArray[np.float64], after: NDArray[np.float64],
                  ) -> dict[str, dict[str, float]]:
    """`shift` from already computed [A, terms] contributions."""
    change = after - before
    out: dict[str, dict[str, float]] = {}
    for i, actor in enumerate(c.actors):
        terms = {t: float(change[i, k]) for k, t in enumerate(SCORE_TERMS)
                 if abs(change[i, k]) > EPS}
        if terms:
            out[actor] = terms
    return out
