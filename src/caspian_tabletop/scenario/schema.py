"""Strict, frozen pydantic models of a scenario file.

Every figure either cites source ids from the register (``sources``) or is a designer
estimate that says so and gives a rationale (``estimate``).  Semantic checks that need the
whole scenario (references, ranges, the 2018 Convention, the article's claims) live in
``checks.py``; this module only states shapes and local bounds.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from caspian_tabletop.scenario.base import ActorId, Slug, SourceId, Strict, did_you_mean
from caspian_tabletop.scenario.judging import Goal, Victory
from caspian_tabletop.scenario.limits import (
    FIGURE_MAX,
    MAX_ACTORS,
    MAX_ASSETS,
    MAX_CLAIMS,
    MAX_CORRIDORS,
    MAX_EFFECTS,
    MAX_EVENTS,
    MAX_GOALS,
    MAX_LEGS,
    MAX_PORTS,
    MAX_TRADE_VOLUMES,
    MAX_TURNS,
    MAX_VESSEL_CLASSES,
    MAX_ZONES,
    amount_problem,
)

# Finite is not enough: 1e308 overflows the rules' arithmetic, so every figure is bounded.
Bounded = Annotated[float, Field(ge=-FIGURE_MAX, le=FIGURE_MAX)]
NonNegative = Annotated[float, Field(ge=0, le=FIGURE_MAX)]
Positive = Annotated[float, Field(gt=0, le=FIGURE_MAX)]


class Orientation(StrEnum):
    NORTH_SOUTH = "north-south"
    EAST_WEST = "east-west"
    HEDGE = "hedge"


class Role(StrEnum):
    SURFACE_COMBATANT = "surface-combatant"
    MISSILE_CRAFT = "missile-craft"
    PATROL = "patrol"
    MINE_WARFARE = "mine-warfare"
    AMPHIBIOUS = "amphibious"
    SUPPORT = "support"


class Strike(StrEnum):
    NONE = "none"
    GUNS = "guns"
    ANTI_SHIP = "anti-ship"
    LAND_ATTACK = "land-attack"


class Estimate(Strict):
    """A designer estimate: no published figure exists, so the reasoning is given instead."""

    rationale: str = Field(min_length=10)
    cites: list[SourceId] = Field(default_factory=list)


class Provenance(Strict):
    """Where an entity's figures come from: register ids, an estimate, or both."""

    sources: list[SourceId] = Field(default_factory=list)
    estimate: Estimate | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _needs_origin(self) -> Provenance:
        if not self.sources and self.estimate is None:
            raise ValueError("cite at least one source id or give an estimate with a rationale")
        return self


class Figure(Strict):
    """A number with an optional low/high range where sources conflict or are uncertain."""

    value: Bounded
    low: Bounded | None = None
    high: Bounded | None = None

    @property
    def lo(self) -> float:
        return self.value if self.low is None else self.low

    @property
    def hi(self) -> float:
        return self.value if self.high is None else self.high


def _as_figure(raw: object) -> object:
    """Allow a bare number wherever a Figure is expected."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float):
        return {"value": raw}
    return raw


class Calendar(Strict):
    start_year: int = Field(ge=1900, le=2100)
    start_quarter: int = Field(ge=1, le=4)
    turns: int = Field(ge=1, le=MAX_TURNS)

    def label(self, turn: int) -> str:
        """Calendar label of a 1-based turn, e.g. '2021 Q1'."""
        index = self.start_quarter - 1 + turn - 1
        return f"{self.start_year + index // 4} Q{index % 4 + 1}"


class Reference(Strict):
    """An external source used by a figure (same shape as the register's references)."""

    id: SourceId
    title: str
    url: str
    refers_to: str
    confidence: Literal["ok", "weak", "conflict", "derived", "unverified"]
    note: str | None = None


class Zone(Strict):
    name: str
    provenance: Provenance


class VesselClass(Strict):
    name: str
    # A short key for `navy` effects to name the class by (classes no event changes need none).
    id: Slug | None = None
    role: Role
    count: Figure
    displacement_t: Figure
    strike: Strike
    provenance: Provenance

    _coerce_count = field_validator("count", "displacement_t", mode="before")(_as_figure)


class Objectives(Strict):
    """Weights of each score term and the states whose influence share the actor scores,
    and the plain goals a player is judged by (scenario.judging; optional, so scenarios
    without goals keep their hash)."""

    targets: list[ActorId]
    influence: NonNegative
    corridor: NonNegative
    # share: the part of all Caspian sea trade on the actor's routes (a rival's loss is a
    # gain); volume: what its routes carry against their opening capacity (only growth counts)
    corridor_measure: Literal["share", "volume"] = "share"
    autonomy: NonNegative
    revenue: NonNegative
    tension: NonNegative
    rationale: str = Field(min_length=10)
    cites: list[SourceId] = Field(default_factory=list)
    goals: list[Goal] | None = Field(default=None, min_length=1, max_length=MAX_GOALS)


def _presence_shares(presence: dict[str, float]) -> dict[str, float]:
    """Shares of a fleet by zone: each in [0, 1], at most the whole fleet in all."""
    for zone, share in presence.items():
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"presence share in {zone} must lie in [0, 1], got {share}")
    if sum(presence.values()) > 1.0 + 1e-9:
        raise ValueError("presence shares must sum to at most 1")
    return presence


class CapitalChange(Strict):
    """From the upkeep of `turn` on, the actor earns `capital_per_turn` (a state that loses or
    gains room to act at a known date, such as Afghanistan after August 2021)."""

    turn: int = Field(ge=1, le=MAX_TURNS)
    capital_per_turn: float = Field(ge=0, le=20)
    rationale: str = Field(min_length=10)
    cites: list[SourceId] = Field(default_factory=list)


class Neutrality(Strict):
    """A state's standing neutrality: it joins no bloc and takes part in no pressure, so it
    makes no drill, blockade or demand and is asked to join none (the source and the
    reasoning are the scenario's)."""

    rationale: str = Field(min_length=10)
    cites: list[SourceId] = Field(min_length=1)


class Actor(Strict):
    name: str
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    littoral: bool
    home_zone: Slug | None = None
    orientation: Orientation
    kin: Slug | None = None
    neutral: Neutrality | None = None
    economy_bn_usd: Figure
    capital_per_turn: float = Field(ge=0, le=20)
    capital_changes: list[CapitalChange] | None = None
    presence: dict[Slug, float] = Field(default_factory=dict)
    navy: list[VesselClass] = Field(default_factory=list, max_length=MAX_VESSEL_CLASSES)
    objectives: Objectives
    briefing: str = Field(min_length=20)
    provenance: Provenance

    _coerce_economy = field_validator("economy_bn_usd", mode="before")(_as_figure)
    _shares = field_validator("presence")(_presence_shares)


class Port(Strict):
    name: str
    owner: ActorId
    zone: Slug
    capacity_mt: Figure
    throughput_mt: Figure | None = None
    provenance: Provenance

    _coerce = field_validator("capacity_mt", "throughput_mt", mode="before")(_as_figure)


class Leg(Strict):
    """One stretch of a corridor: through a port, across a sea zone, or over land."""

    kind: Literal["port", "sea", "land"]
    ref: str = Field(min_length=1)


class Corridor(Strict):
    name: str
    orientation: Literal["north-south", "east-west"]
    members: list[ActorId] = Field(min_length=2, max_length=MAX_ACTORS)
    legs: list[Leg] = Field(min_length=1, max_length=MAX_LEGS)
    capacity_mt: Figure
    throughput_mt: Figure
    # Whether its flow is Caspian sea trade, the whole the corridor score term shares out.
    # Left out: yes.  A land branch that never touches the sea says `false`; it still pays
    # its members at upkeep.
    sea: bool | None = None
    provenance: Provenance

    _coerce = field_validator("capacity_mt", "throughput_mt", mode="before")(_as_figure)

    def between(self, a: str, b: str) -> list[str]:
        """The members a trade between `a` and `b` crosses, its bridge: those listed strictly
        between the two; none unless both are members."""
        places = self._places(a, b)
        return [] if places is None else self.members[places[0] + 1:places[1]]

    def beyond(self, a: str, b: str) -> list[str]:
        """The members a trade between `a` and `b` goes on to, further towards the route's
        destination: those listed after both; none unless both are members."""
        places = self._places(a, b)
        return [] if places is None else self.members[places[1] + 1:]

    def _places(self, a: str, b: str) -> tuple[int, int] | None:
        """Where `a` and `b` stand along the route, the earlier first (members are listed
        from where the cargo sets out to where it is bound); None unless both are members."""
        if a not in self.members or b not in self.members:
            return None
        first, last = sorted((self.members.index(a), self.members.index(b)))
        return first, last


class Asset(Strict):
    """A project that comes online after enough investment: extra capacity or revenue."""

    name: str
    owners: list[ActorId] = Field(min_length=1)
    kind: Literal["capacity", "revenue"]
    corridor: Slug | None = None
    gain: Positive
    stages: int = Field(ge=1, le=10)
    # A revenue asset's gain split among its owners (shares sum to 1); left out, each owner
    # is paid the whole gain.
    shares: dict[ActorId, Annotated[float, Field(ge=0, le=1)]] | None = None
    # The first turn the asset can be online, however early its stages are done: a field
    # ratified in 2021 that produced nothing by 2023 waits past the calendar.
    earliest_turn: int | None = Field(default=None, ge=1, le=MAX_TURNS + 1)
    # What each stage invested changes at once (a project signals its purpose while it is
    # built, not only when done), and what coming online changes besides capacity or revenue.
    on_stage: list[Effect] | None = None
    on_complete: list[Effect] | None = None
    provenance: Provenance


class InfluenceRow(Strict):
    """Actor a's initial sway (0-100) over each listed state, with the reasoning."""

    values: dict[ActorId, Bounded]
    rationale: str = Field(min_length=10)
    cites: list[SourceId] = Field(default_factory=list)


class RelationEntry(Strict):
    pair: tuple[ActorId, ActorId]
    value: float = Field(ge=-100, le=100)
    rationale: str = Field(min_length=10)
    cites: list[SourceId] = Field(default_factory=list)


class TensionStart(Strict):
    value: float = Field(ge=0, le=10)
    rationale: str = Field(min_length=10)
    cites: list[SourceId] = Field(default_factory=list)


class Initial(Strict):
    influence: dict[ActorId, InfluenceRow]
    relations: list[RelationEntry] = Field(default_factory=list)
    tension: TensionStart
    # True: revenue starts at what the opening throughputs pay, so that the first upkeep does
    # not credit turn 1 with every actor's steady income.  Left out: revenue starts at 0.
    opening_revenue: bool | None = None


class Effect(Strict):
    """One structured consequence of an event; which fields apply depends on `kind`."""

    kind: Literal["tension", "throughput", "capacity", "influence", "relations", "capital",
                  "block", "navy", "presence", "disrupt"]
    amount: float
    actor: ActorId | None = None
    target: ActorId | None = None
    corridor: Slug | None = None
    turns: int | None = Field(default=None, ge=1, le=10)
    vessel: Slug | None = None  # `navy`: the id of one of the actor's vessel classes
    shares: dict[Slug, float] | None = None  # `presence`: the actor's new shares by zone

    @field_validator("amount")
    @classmethod
    def _amount(cls, amount: float, info: ValidationInfo) -> float:
        """The bounds of a facilitator's adjustment: an effect is the same change.  A
        disruption takes a share of a turn's trade, so it lies between 0 and 1."""
        kind = info.data.get("kind", "")
        if kind == "disrupt" and not 0.0 <= amount <= 1.0:
            raise ValueError("a disrupt amount is a share of the turn's trade, from 0 to 1")
        problem = amount_problem(kind, amount)
        if problem is not None:
            raise ValueError(problem)
        return amount

    @field_validator("shares")
    @classmethod
    def _shares(cls, shares: dict[str, float] | None) -> dict[str, float] | None:
        return None if shares is None else _presence_shares(shares)


Quarter = Annotated[int, Field(ge=1, le=4)]


class Event(Strict):
    title: str
    text: str = Field(min_length=10)
    weight: NonNegative
    # Weights that differ from `weight` in some quarters of the calendar (1-4), for events
    # the sources tie to a season.
    weight_by_quarter: dict[Quarter, NonNegative] | None = None
    # Added to the weight for each point of tension when the card is drawn: incidents at sea
    # are likelier the more warships are about and the worse the mood.
    weight_per_tension: NonNegative | None = None
    # The first turn the card is in the deck (a ship launched in 2021 is not in service
    # before the next year).
    earliest_turn: int | None = Field(default=None, ge=1, le=MAX_TURNS)
    scheduled_turn: int | None = Field(default=None, ge=1, le=MAX_TURNS)
    # Happens at most once a game: a drawn card leaves the deck, and a scheduled event that
    # has already come up from the deck does not fire again on its turn.
    once: bool | None = None
    effects: list[Effect] = Field(min_length=1, max_length=MAX_EFFECTS)
    provenance: Provenance


class StrengthClaim(Strict):
    """An article claim encoded as a structured check on derived naval strength.

    Each actor in `stronger` must have at least `ratio` times the strength of each actor in
    `weaker` (compared at the central estimate and, with `robust`, low vs high too).
    """

    id: Slug
    stronger: list[ActorId] = Field(min_length=1)
    weaker: list[ActorId] = Field(min_length=1)
    ratio: Positive
    robust: bool = False
    # Compare the strengths present in one sea zone (strength x opening presence share)
    # instead of whole navies.
    zone: Slug | None = None
    cites: list[SourceId] = Field(min_length=1)


class NavalFormula(Strict):
    """Weights of the derived naval strength formula (see docs/rules.md)."""

    role_weights: dict[Role, Bounded]
    strike_bonus: dict[Strike, Bounded]
    provenance: Provenance


class RuleRange(Strict):
    """The low and high ends a designer gives a rule coefficient: what `--vary` sweeps and
    the model checks' robustness runs play, as they do a sourced figure's range."""

    low: Bounded
    high: Bounded


class Rules(Strict):
    """Every rule coefficient; docs/rules.md explains each by name."""

    rationale: str = Field(min_length=10)
    trade_volumes: list[float] = Field(min_length=1, max_length=MAX_TRADE_VOLUMES)
    cost_trade: NonNegative
    cost_drill: NonNegative
    cost_blockade: NonNegative
    cost_invest: NonNegative
    cost_summit: NonNegative
    cost_demand: NonNegative
    trade_influence_per_mt: NonNegative
    trade_relations_per_mt: NonNegative
    bypass_influence_per_mt: NonNegative
    # A bridge's pull: each member a trade crosses between its two parties (members are
    # listed from where the route's cargo sets out to where it is bound) gains this much
    # sway over each party per Mt.
    # Optional, so that scenarios written before the rule keep their hash: None means 0.
    transit_influence_per_mt: float | None = Field(default=None, ge=0, le=100)
    # The pull of a route's destination: each member listed after both parties (members are
    # listed from where the route's cargo sets out to where it is bound) gains this much
    # sway over each party per Mt.  Optional for the same reason: None means 0.
    onward_influence_per_mt: float | None = Field(default=None, ge=0, le=100)
    drill_tension: NonNegative
    drill_turns: int = Field(ge=1, le=10)
    drill_bonus: float = Field(ge=0, le=2)
    drill_influence: NonNegative
    drill_backfire_p: float = Field(ge=0, le=1)
    drill_backfire_influence: NonNegative
    drill_min_relation: float = Field(ge=-100, le=100)
    # A drill's signal: the routes that bypass the drilling side and cross its zone carry its
    # risk premium (a share of their trade that shippers and insurers avoid; each state's
    # premium keeps that share of what the others leave) for some turns;
    # its sway over hedging states grows with its naval lead there, up to `drill_lead_full`.
    risk_premium: float = Field(ge=0, le=1)
    premium_turns: int = Field(ge=1, le=10)
    # Deals signed on a route while risk premiums stand on it are smaller: shippers commit
    # this share of the premium less (None: deals are signed in full under any premium).
    premium_deters: float | None = Field(default=None, ge=0, le=1)
    drill_lead_full: float = Field(gt=1, le=100)
    blockade_bias: Bounded
    blockade_slope: Positive
    blockade_p_min: float = Field(ge=0, le=1)
    blockade_p_max: float = Field(ge=0, le=1)
    blockade_turns: int = Field(ge=1, le=10)
    blockade_tension_success: NonNegative
    blockade_tension_failure: NonNegative
    blockade_influence_gain: NonNegative
    blockade_relations_drop: NonNegative
    blockade_prestige_loss: NonNegative
    # Optional, so that scenarios written before the rule keep their hash: None means 0.
    blockade_capacity_loss: float | None = Field(default=None, ge=0, le=1)
    # Command of the sea: a blockade is legal only where the blockading side's strength in
    # the zone (a partner's counted) is at least this many times that of the route's littoral
    # members present (None: no such condition).
    blockade_command: float | None = Field(default=None, ge=0, le=100)
    # Share of the capacity still lost to blockades that returns at each upkeep the corridor
    # is open (None: none; only investment rebuilds it).
    blockade_recovery: float | None = Field(default=None, ge=0, le=1)
    # The wider reaction to a blockade, success or failure: sway lost over every hedging
    # state, sway the corridor's outside members (patrons) gain over its littoral members
    # and the hedgers, and a risk premium on the blockader's own routes.
    blockade_hedger_loss: NonNegative
    blockade_patron_gain: NonNegative
    blockade_trade_turns: int = Field(ge=0, le=10)
    # Share of the trade on the blockading side's own routes that leaves them for good, as
    # shippers and forwarders move to routes they trust (None: none).
    blockade_backlash: float | None = Field(default=None, ge=0, le=1)
    invest_capacity_mt: NonNegative
    invest_delay: int = Field(ge=0, le=10)
    invest_influence: NonNegative
    summit_relations: NonNegative
    summit_influence: NonNegative
    summit_tension_relief: NonNegative
    # A demand for a stake in a route: accepted, the claimant takes a share of the route's
    # revenue for some turns and gains sway over the member it asked, and tension eases;
    # refused, tension rises, relations fall, and for some turns the claimant's blockade of
    # that route costs it only `grievance_cost_factor` of the wider reaction.
    stake_share: float = Field(ge=0, le=1)
    stake_turns: int = Field(ge=1, le=20)
    demand_influence: NonNegative
    demand_tension_relief: NonNegative
    demand_tension_refused: NonNegative
    demand_relations_refused: NonNegative
    grievance_turns: int = Field(ge=0, le=20)
    grievance_cost_factor: float = Field(ge=0, le=1)
    # Trades and summits between states of one kin group (actors.X.kin) build sway by this
    # factor more.
    kinship_bonus: NonNegative
    revenue_per_mt: NonNegative
    revenue_to_capital: NonNegative
    tension_decay: NonNegative
    clash_threshold: float = Field(gt=0, le=10)
    clash_penalty: NonNegative
    clash_escalator_penalty: NonNegative
    event_probability: float = Field(ge=0, le=1)
    score_scale: Positive
    capital_start: NonNegative
    capital_max: Positive
    # In a corridor term measured by volume, the capacity built or under way on the actor's
    # routes counts this much beside their traffic (0: traffic alone).  A route that can carry
    # more is an option its users hold before the trade comes.
    capacity_credit: float = Field(default=0.0, ge=0, le=10)
    # Low and high ends of some coefficients, by name (optional: unset keeps old hashes).
    # Declared last, so that its check sees every coefficient.
    ranges: dict[str, RuleRange] | None = None

    @field_validator("trade_volumes")
    @classmethod
    def _positive_volumes(cls, volumes: list[float]) -> list[float]:
        if any(not math.isfinite(v) or not 0 < v <= FIGURE_MAX for v in volumes):
            raise ValueError(f"trade volumes must be positive numbers up to {FIGURE_MAX:,}")
        return volumes

    @field_validator("ranges")
    @classmethod
    def _ranges_fit(cls, ranges: dict[str, RuleRange] | None, info: ValidationInfo
                    ) -> dict[str, RuleRange] | None:
        """Each range names a numeric coefficient, holds its value, and has ends the
        coefficient itself would accept."""
        problems = [f"{name}: {problem}" for name, span in (ranges or {}).items()
                    if (problem := _range_problem(name, span, info.data))]
        if problems:
            raise ValueError("; ".join(problems))
        return ranges


NOT_RANGED = frozenset({"rationale", "trade_volumes", "ranges"})


def _range_problem(name: str, span: RuleRange, rules: dict[str, object]) -> str | None:
    fields = Rules.model_fields
    if name not in fields or name in NOT_RANGED:
        hint = did_you_mean(name, sorted(set(fields) - NOT_RANGED))
        return f"not a rule coefficient ({hint})" if hint else "not a rule coefficient"
    if name not in rules:  # its own error is reported already
        return None
    value = float(rules[name] or 0.0)  # type: ignore[arg-type]
    if not span.low <= value <= span.high:
        return f"the range {span.low:g}–{span.high:g} does not hold the value {value:g}"
    check: TypeAdapter[object] = TypeAdapter(fields[name].rebuild_annotation())
    for end in (span.low, span.high):
        try:
            check.validate_python(end)
        except ValidationError as error:
            return f"the end {end:g} is not a valid {name}: {error.errors()[0]['msg']}"
    return None


class Scenario(Strict):
    """A whole scenario file."""

    id: Slug
    title: str
    version: int = Field(ge=1, le=1_000_000)
    summary: str = Field(min_length=10)
    calendar: Calendar
    sources: list[Reference] = Field(default_factory=list)
    # Counts capped by scenario.limits: the engine's arrays grow with them.
    zones: dict[Slug, Zone] = Field(min_length=1, max_length=MAX_ZONES)
    naval_formula: NavalFormula
    actors: dict[ActorId, Actor] = Field(min_length=2, max_length=MAX_ACTORS)
    initiative: list[ActorId] = Field(max_length=MAX_ACTORS)
    ports: dict[Slug, Port] = Field(default_factory=dict, max_length=MAX_PORTS)
    corridors: dict[Slug, Corridor] = Field(min_length=1, max_length=MAX_CORRIDORS)
    assets: dict[Slug, Asset] = Field(default_factory=dict, max_length=MAX_ASSETS)
    initial: Initial
    events: dict[Slug, Event] = Field(default_factory=dict, max_length=MAX_EVENTS)
    claims: list[StrengthClaim] = Field(default_factory=list, max_length=MAX_CLAIMS)
    rules: Rules
    victory: Victory | None = None
