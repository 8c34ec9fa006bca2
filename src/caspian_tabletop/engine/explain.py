"""Explanations: a structured record of every resolution step, and the words of its outcome.

The deltas are found by comparing the state before and after the step, so an explanation
can never disagree with what the rules did.  Each record also carries the influence shift:
the change of every actor's score, per objective term, caused by this step.  How a record
reads as a sentence is up to `caspian_tabletop.render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.domain.moves import MOVE_KINDS, MoveKind
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.resolve import Outcome, signed_volume
from caspian_tabletop.engine.scoring import SCORE_TERMS, contributions
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import premium_share

EPS = 1e-9
FORCED = " (umpire override)"
UPKEEP = "income, effects expire, tension decays"
# The last upkeep lifts nothing: the final score reads the last quarter's sea.
FINAL_UPKEEP = "income, tension decays; the last quarter's effects stand for the final score"
# A chance move's result in words, (success, failure), for kinds that do not say just that.
CHANCE_WORDS: dict[MoveKind, tuple[str, str]] = {
    MoveKind.DRILL: ("show of force lands", "backfires")}


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

    def total_shift(self, actor: str) -> float:
        return sum(self.shift.get(actor, {}).values())


def move_outcome(kind: MoveKind, asked: bool, accepted: bool, success: bool | None,
                 forced: bool) -> str:
    """A move's result in words: the partner's answer if it was `asked`, then a chance move's
    success or failure (`success` None: no chance was involved); an umpire's ruling is
    marked."""
    parts = []
    if asked:
        joins = MOVE_KINDS[kind].chance
        parts.append(("partner joins" if accepted else "partner stays out") if joins
                     else ("accepted" if accepted else "declined"))
    if success is not None:
        won, lost = CHANCE_WORDS.get(kind, ("success", "failure"))
        parts.append(won if success else lost)
    outcome = "; ".join(parts)
    return outcome + FORCED if forced else outcome


def move_details(c: Compiled, kind: MoveKind, out: Outcome, before: BatchState,
                 action: int) -> tuple[dict[str, float | str], dict[str, float]]:
    """The inputs and modifiers behind a move's odds, or a deal's size, for its explanation
    (game 0 of `out`, resolved from `before`)."""
    if kind is MoveKind.TRADE:
        return _deal_details(c, before, action)
    if kind is not MoveKind.BLOCKADE:
        return {}, {}
    bonus = c.rules.drill_bonus if out.attack_bonus[0] > 0 else 0.0
    return ({"strength": f"{out.attack[0]:.1f} vs {out.defence[0]:.1f}"},
            {"drill bonus": float(bonus)})


def _deal_details(c: Compiled, before: BatchState, action: int
                  ) -> tuple[dict[str, float | str], dict[str, float]]:
    """A deal signed under risk premiums: what was signed of the volume offered, under the
    share of the route's trade the premiums keep away."""
    offered = float(c.act_volume[action])
    signed = float(signed_volume(c, before, np.zeros(1, dtype=np.int64),
                                 np.array([action]))[0])
    if signed >= offered:
        return {}, {}
    wary = float(premium_share(c, before)[0, c.act_corridor[action]])
    return {"signed": f"{signed:.3g} of {offered:g} Mt/yr under a {wary:.0%} risk premium"}, {}


def fizzled(why: str) -> str:
    """The outcome of an order that earlier orders of its turn made illegal."""
    return f"fizzles: {why}"


def adjustment_text(kind: str) -> str:
    return f"umpire adjusts {kind}"


def event_text(title: str) -> str:
    return f"event: {title}"


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
    countdowns = (("premium", "risk premium on", b.premium, a.premium),
                  ("stake", "stake in", b.stake, a.stake),
                  ("grievance", "grievance in", b.grievance, a.grievance))
    for key, label, old, new in countdowns:  # each [B, A, C]: an actor's, on a route
        for i, k in zip(*np.nonzero(new[0] > old[0]), strict=True):
            out.append(Delta(f"{key}:{names[i]}:{c.corridors[k]}",
                             f"{names[i]} {label} {corridor_names[k]} (turns)",
                             float(old[0, i, k]), float(new[0, i, k])))
    for hit in np.flatnonzero(a.disrupted[0] > b.disrupted[0] + EPS):  # its end is no news
        out.append(Delta(f"disrupted:{c.corridors[hit]}", corridor_names[hit],
                         float(b.disrupted[0, hit]), float(a.disrupted[0, hit])))
    moved = np.abs(a.zone_strength[0] - b.zone_strength[0]) > EPS
    for i, z in zip(*np.nonzero(moved), strict=True):
        out.append(Delta(f"strength:{names[i]}:{c.zones[z]}",
                         f"{names[i]} strength in the {c.scenario.zones[c.zones[z]].name}",
                         float(b.zone_strength[0, i, z]), float(a.zone_strength[0, i, z])))
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
