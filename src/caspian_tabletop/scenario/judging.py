"""How a scenario judges the end of a game: plain goals per actor, and the victory calibration.

A score adds weighted terms that a player cannot check by eye, so each actor also has a few
goals a player reads and understands ("Aktau expansion complete", "the Middle Corridor
carries more than 2 Mt/yr"), each a condition on the final state from a small vocabulary
(`Condition`).  The `victory` block holds each actor's par and spread of final scores, made
by `caspian-tabletop calibrate`: an actor is judged by how many of its own spreads it ends
above or below its par, so an actor whose score varies a lot is not favoured.
References to actors, corridors and assets are checked in scenario.goal_checks.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from caspian_tabletop.scenario.base import ActorId, Slug, SourceId, Strict
from caspian_tabletop.scenario.limits import FIGURE_MAX


class _Threshold(Strict):
    """A measured value compared with a bound: met when it ends strictly `above` or strictly
    `below` it (give exactly one).  `LIMITS` is the range a bound of the kind can take."""

    LIMITS: ClassVar[tuple[float, float]] = (0.0, 1.0)
    above: float | None = None
    below: float | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> _Threshold:
        bounds = [b for b in (self.above, self.below) if b is not None]
        if len(bounds) != 1:
            raise ValueError("give exactly one of 'above' or 'below'")
        low, high = self.LIMITS
        if not low <= bounds[0] <= high:
            raise ValueError(f"the bound must lie in [{low:g}, {high:g}], got {bounds[0]:g}")
        return self

    @property
    def bound(self) -> float:
        return self.above if self.above is not None else float(self.below or 0.0)


class AssetOnline(Strict):
    """The asset is complete (every stage invested) at the end."""

    kind: Literal["asset-online"]
    asset: Slug


class Throughput(_Threshold):
    """Open throughput (Mt/yr; a blockaded corridor carries nothing) of the listed corridors
    together."""

    LIMITS = (0.0, FIGURE_MAX)
    kind: Literal["throughput"]
    corridors: list[Slug] = Field(min_length=1, max_length=8)


class TradeShare(_Threshold):
    """The share (0–1) of all open trade carried on corridors of one orientation."""

    kind: Literal["trade-share"]
    orientation: Literal["north-south", "east-west"]


class Sway(_Threshold):
    """`actor`'s share (0–1) of all the sway over `over`; `actor` defaults to the goal's
    owner."""

    kind: Literal["sway"]
    actor: ActorId | None = None
    over: ActorId


class PatronShare(_Threshold):
    """The largest share (0–1) any single actor holds of the sway over `over` (default: the
    goal's owner): below a half means no patron dominates."""

    kind: Literal["patron-share"]
    over: ActorId | None = None


class Tension(_Threshold):
    """The tension track (0–10) at the end."""

    LIMITS = (0.0, 10.0)
    kind: Literal["tension"]


class NoClash(Strict):
    """The game did not end in an armed clash."""

    kind: Literal["no-clash"]


class Relation(_Threshold):
    """Relations (−100 to 100) between the goal's owner and `partner`."""

    LIMITS = (-100.0, 100.0)
    kind: Literal["relation"]
    partner: ActorId


Condition = Annotated[
    AssetOnline | Throughput | TradeShare | Sway | PatronShare | Tension | NoClash | Relation,
    Field(discriminator="kind")]


class Goal(Strict):
    """One plain goal: the sentence a player reads, the condition that decides it, and the
    register claims or the reasoning behind it."""

    text: str = Field(min_length=5, max_length=80)
    condition: Condition
    cites: list[SourceId] = Field(default_factory=list)
    rationale: str | None = Field(default=None, min_length=10)

    @model_validator(mode="after")
    def _grounded(self) -> Goal:
        if not self.cites and self.rationale is None:
            raise ValueError("cite at least one source id or give a rationale")
        return self


class ActorStandard(Strict):
    """An actor's par (mean final score) and spread (standard deviation) in points."""

    par: float = Field(ge=-FIGURE_MAX, le=FIGURE_MAX)
    sd: float = Field(gt=0, le=FIGURE_MAX)


class Victory(Strict):
    """Victory levels by (score − par) / sd: `marginal` and `decisive` are the margins, in
    standard deviations, of marginal and decisive gains and losses.  `command` is the
    calibration that made the figures, so they can be made again."""

    command: str = Field(min_length=5)
    rationale: str = Field(min_length=10)
    marginal: float = Field(gt=0, le=10)
    decisive: float = Field(gt=0, le=10)
    actors: dict[ActorId, ActorStandard] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Victory:
        if self.decisive <= self.marginal:
            raise ValueError("decisive must be larger than marginal")
        return self
