"""A scenario compiled to index arrays, and the table of every possible action.

The rules work on integer indices and numpy arrays, never on names; this module is the one
place that maps between the two.  The action table lists, for every actor, every move it could
ever make (legal or not); legality is then a vectorised check over the table.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.domain.moves import (
    CORRIDOR,
    KIND_ORDER,
    MOVE_KINDS,
    PARTNER,
    TARGET,
    VOLUME,
    ZONE,
    Field,
    Move,
    MoveKind,
)
from caspian_tabletop.engine.arrays import BoolArr, FloatArr, IntArr
from caspian_tabletop.scenario.naval import naval_strength
from caspian_tabletop.scenario.schema import (
    Corridor,
    Effect,
    Event,
    Orientation,
    Rules,
    Scenario,
)

ORIENT_NS, ORIENT_EW, ORIENT_HEDGE = 0, 1, 2
_ORIENT = {Orientation.NORTH_SOUTH: ORIENT_NS, Orientation.EAST_WEST: ORIENT_EW,
           Orientation.HEDGE: ORIENT_HEDGE, "north-south": ORIENT_NS, "east-west": ORIENT_EW}
KIND_INDEX = {kind: i for i, kind in enumerate(KIND_ORDER)}
# Each move kind's number in the action table's `act_kind` column.
TRADE = KIND_INDEX[MoveKind.TRADE]
DRILL = KIND_INDEX[MoveKind.DRILL]
BLOCKADE = KIND_INDEX[MoveKind.BLOCKADE]
INVEST = KIND_INDEX[MoveKind.INVEST]
SUMMIT = KIND_INDEX[MoveKind.SUMMIT]
DEMAND = KIND_INDEX[MoveKind.DEMAND]
PASS = KIND_INDEX[MoveKind.PASS]
TERMS = ("influence", "corridor", "autonomy", "revenue", "tension")


@dataclass(frozen=True)
class EffectRow:
    """An event effect in index form (-1 where a field does not apply)."""

    kind: str
    amount: float
    actor: int
    target: int
    corridor: int
    turns: int
    vessel: int = -1  # `navy`: the class's column in the state's hulls (Compiled.hull_class)
    shares: tuple[float, ...] = ()  # `presence`: the new share in every zone, in zone order


@dataclass(frozen=True)
class Compiled:
    scenario: Scenario
    rules: Rules
    actors: tuple[str, ...]
    zones: tuple[str, ...]
    corridors: tuple[str, ...]
    assets: tuple[str, ...]
    events: tuple[str, ...]
    turns: int
    littoral: BoolArr
    neutral: BoolArr  # [A] states that make and join no drill, blockade or demand
    orientation: IntArr
    kin_pair: BoolArr  # [A, A] both states belong to one kin group (actors.X.kin)
    strength: FloatArr  # [A] opening navies; games read theirs from the state
    zone_strength: FloatArr  # [A, Z] opening strength in each zone
    presence: FloatArr  # [A, Z] opening presence shares
    presence_ever: BoolArr  # [A, Z] present at the opening or after some presence effect
    # Every actor's vessel classes, actor by actor, as the naval formula's terms per hull:
    vessel_role: FloatArr  # [V] role weight,
    vessel_root: FloatArr  # [V] square root of thousands of tonnes,
    vessel_boost: FloatArr  # [V] and 1 + strike bonus
    vessel_slots: IntArr  # [A, K] each actor's classes in list order, padded with V
    vessel_hulls0: FloatArr  # [V] opening hull counts
    hull_class: IntArr  # [H] the classes some `navy` effect changes: the state holds their hulls
    hulls0: FloatArr  # [H] their opening hull counts
    capital_by_turn: FloatArr  # [T, A] capital each actor earns at the upkeep of each turn
    weights: FloatArr
    targets: BoolArr
    corridor_orientation: IntArr
    member: BoolArr
    sea_zone: BoolArr
    sea_trade: BoolArr  # [C] flow that counts as Caspian sea trade in the corridor term
    rival: BoolArr
    preferred: BoolArr
    scored_routes: BoolArr  # [A, C] the sea routes an actor's corridor term counts: preferred
    # ones, and for a term by volume only those it is a member of (its own routes)
    # [A] 0 where the corridor term is a share; else 1 / the opening capacity of the actor's
    # scored routes (the term is their volume against it)
    corridor_volume_scale: FloatArr
    fee_share: FloatArr  # [C, A] revenue per Mt carried, split among the members
    capacity0: FloatArr
    throughput0: FloatArr
    revenue0: FloatArr  # [A] revenue before the first upkeep: 0, or what the opening trade pays
    asset_owner: BoolArr
    asset_is_capacity: BoolArr
    asset_corridor: IntArr
    asset_gain: FloatArr
    asset_pay: FloatArr  # [S, A] what a revenue asset pays each owner per upkeep once online
    asset_stages: IntArr
    asset_earliest: IntArr  # [S] first turn each asset may be online
    asset_effects: tuple[tuple[EffectRow, ...], ...]  # what coming online sets off
    asset_stage_effects: tuple[tuple[EffectRow, ...], ...]  # what each stage invested sets off
    influence0: FloatArr
    relations0: FloatArr
    tension0: float
    initiative: IntArr
    kind_cost: FloatArr
    event_turn: IntArr
    event_once: BoolArr  # [E]
    deck_weight: FloatArr  # [T + 2, E] each card's weight in the draw of each turn (row 0 unused)
    # [T + 2, E] added to a card's weight per point of tension, in the turns it is in the deck
    deck_tension_weight: FloatArr
    event_effects: tuple[tuple[EffectRow, ...], ...]
    act_kind: IntArr
    act_actor: IntArr
    act_partner: IntArr
    act_corridor: IntArr
    act_zone: IntArr
    act_asset: IntArr
    act_volume: FloatArr
    act_asks: BoolArr  # [M] the move waits on its partner's yes or no
    act_bridge: BoolArr  # [M, A] the members a trade crosses between its parties (Corridor.between)
    act_onward: BoolArr  # [M, A] the members a trade goes on to beyond both (Corridor.beyond)
    act_start: IntArr
    act_stop: IntArr

    def actor_index(self, actor_id: str) -> int:
        return self.actors.index(actor_id)

    def actions_of(self, actor: int) -> range:
        return range(int(self.act_start[actor]), int(self.act_stop[actor]))

    def pass_action(self, actor: int) -> int:
        """The table row of `actor`'s pass."""
        rows = np.arange(self.act_start[actor], self.act_stop[actor])
        return int(rows[self.act_kind[rows] == PASS][0])

    def move_of(self, action: int) -> Move:
        """The Move value of a table row."""
        cached: tuple[Move, ...] | None = self.__dict__.get("_moves")
        if cached is None:
            cached = tuple(self._build_move(m) for m in range(len(self.act_kind)))
            object.__setattr__(self, "_moves", cached)
        return cached[action]

    def _build_move(self, action: int) -> Move:
        spec = MOVE_KINDS[KIND_ORDER[int(self.act_kind[action])]]
        values: dict[str, Any] = {f.name: self._value(f, action) for f in spec.fields}
        return Move(spec.kind, self.actors[int(self.act_actor[action])], **values)

    def _value(self, field: Field, action: int) -> str | float | None:
        """What a table row holds for one field of its kind (None: an optional one left out)."""
        if field is VOLUME:
            return float(self.act_volume[action])
        if field is TARGET and self.act_asset[action] >= 0:
            return self.assets[int(self.act_asset[action])]
        column, names = {PARTNER.name: (self.act_partner, self.actors),
                         CORRIDOR.name: (self.act_corridor, self.corridors),
                         TARGET.name: (self.act_corridor, self.corridors),
                         ZONE.name: (self.act_zone, self.zones)}[field.name]
        index = int(column[action])
        return names[index] if index >= 0 else None

    def known(self, field: Field) -> tuple[str | float, ...]:
        """Every value the scenario offers for `field`."""
        values: dict[str, tuple[str | float, ...]] = {
            PARTNER.name: self.actors, CORRIDOR.name: self.corridors, ZONE.name: self.zones,
            TARGET.name: (*self.corridors, *self.assets),
            VOLUME.name: tuple(self.rules.trade_volumes)}
        return values[field.name]

    def action_of(self, move: Move) -> int | None:
        """The table row of a Move, or None when the move names things the scenario lacks."""
        return self._index().get(move)

    def _index(self) -> dict[Move, int]:
        cached: dict[Move, int] | None = self.__dict__.get("_move_index")
        if cached is None:
            cached = {self.move_of(m): m for m in range(len(self.act_kind))}
            object.__setattr__(self, "_move_index", cached)
        return cached


def compile_scenario(scenario: Scenario) -> Compiled:
    """Turn a validated scenario into arrays and the action table."""
    rules = scenario.rules
    actors = tuple(scenario.actors)
    zones = tuple(scenario.zones)
    corridors = tuple(scenario.corridors)
    assets = tuple(scenario.assets)
    events = tuple(scenario.events)
    n_a, n_z, n_c = len(actors), len(zones), len(corridors)
    a_ix = {a: i for i, a in enumerate(actors)}
    z_ix = {z: i for i, z in enumerate(zones)}
    c_ix = {c: i for i, c in enumerate(corridors)}
    navy = _navy_tables(scenario, actors)
    keys: list[tuple[str, str]] = navy.pop("keys")
    changing = sorted({keys.index((e.actor or "", e.vessel)) for e in _every_effect(scenario)
                       if e.kind == "navy" and e.vessel is not None})
    v_ix = {keys[v]: column for column, v in enumerate(changing)}

    def effect_rows(effects: list[Effect] | None) -> tuple[EffectRow, ...]:
        return tuple(_effect_row(e, a_ix, c_ix, zones, v_ix) for e in effects or ())

    actor_models = list(scenario.actors.values())
    littoral = np.array([a.littoral for a in actor_models])
    neutral = np.array([a.neutral is not None for a in actor_models])
    orientation = np.array([_ORIENT[a.orientation] for a in actor_models], dtype=np.int64)
    kin = [a.kin for a in actor_models]
    kin_pair = np.array([[x is not None and x == y for y in kin] for x in kin], dtype=bool)
    np.fill_diagonal(kin_pair, False)
    strength = np.array([naval_strength(a, scenario.naval_formula).value for a in actor_models])
    presence = np.zeros((n_a, n_z))
    for i, actor in enumerate(actor_models):
        for zone, share in actor.presence.items():
            presence[i, z_ix[zone]] = share
    weights = np.array([[getattr(a.objectives, t) for t in TERMS] for a in actor_models])
    targets = np.zeros((n_a, n_a), dtype=bool)
    for i, actor in enumerate(actor_models):
        for t in actor.objectives.targets:
            targets[i, a_ix[t]] = True

    corridor_models = list(scenario.corridors.values())
    corridor_orientation = np.array([_ORIENT[c.orientation] for c in corridor_models],
                                    dtype=np.int64)
    member = np.zeros((n_c, n_a), dtype=bool)
    sea_zone = np.zeros((n_c, n_z), dtype=bool)
    for ci, corridor in enumerate(corridor_models):
        for m in corridor.members:
            member[ci, a_ix[m]] = True
        for leg in corridor.legs:
            if leg.kind == "sea":
                sea_zone[ci, z_ix[leg.ref]] = True
    # A rival of a corridor prefers the other orientation: the corridor bypasses it.
    rival = (orientation[None, :] != ORIENT_HEDGE) & (
        orientation[None, :] != corridor_orientation[:, None])
    preferred = (orientation[:, None] == corridor_orientation[None, :]) | (
        (orientation[:, None] == ORIENT_HEDGE) & member.T)
    fee_share = member * (rules.revenue_per_mt / member.sum(axis=1))[:, None]
    throughput0 = np.array([c.throughput_mt.value for c in corridor_models])
    capacity0 = np.array([c.capacity_mt.value for c in corridor_models])
    sea_trade = np.array([c.sea is not False for c in corridor_models], dtype=bool)
    by_volume = np.array([a.objectives.corridor_measure == "volume" for a in actor_models])
    scored_routes = preferred & sea_trade & (member.T | ~by_volume[:, None])

    asset_models = list(scenario.assets.values())
    asset_owner = np.zeros((len(assets), n_a), dtype=bool)
    asset_pay = np.zeros((len(assets), n_a))
    for si, asset in enumerate(asset_models):
        for o in asset.owners:
            asset_owner[si, a_ix[o]] = True
            if asset.kind == "revenue":
                share = 1.0 if asset.shares is None else asset.shares.get(o, 0.0)
                asset_pay[si, a_ix[o]] = asset.gain * share

    influence0 = np.zeros((n_a, n_a))
    for a, row in scenario.initial.influence.items():
        for b, value in row.values.items():
            influence0[a_ix[a], a_ix[b]] = value
    np.fill_diagonal(influence0, 0.0)
    relations0 = np.zeros((n_a, n_a))
    for entry in scenario.initial.relations:
        i, j = a_ix[entry.pair[0]], a_ix[entry.pair[1]]
        relations0[i, j] = relations0[j, i] = entry.value

    event_models = list(scenario.events.values())
    event_effects = tuple(effect_rows(ev.effects) for ev in event_models)
    asset_effects = tuple(effect_rows(s.on_complete) for s in asset_models)
    asset_stage_effects = tuple(effect_rows(s.on_stage) for s in asset_models)

    table = _action_table(scenario, actors, zones, corridors, assets)
    return Compiled(
        scenario=scenario, rules=rules, actors=actors, zones=zones, corridors=corridors,
        assets=assets, events=events, turns=scenario.calendar.turns, littoral=littoral,
        neutral=neutral,
        orientation=orientation, kin_pair=kin_pair, strength=strength,
        zone_strength=strength[:, None] * presence,
        presence=presence,
        presence_ever=_presence_ever(presence, (*event_effects, *asset_effects,
                                                *asset_stage_effects)),
        **navy, hull_class=np.array(changing, dtype=np.int64),
        hulls0=navy["vessel_hulls0"][changing],
        capital_by_turn=_capital_by_turn(scenario),
        weights=weights, targets=targets, corridor_orientation=corridor_orientation,
        member=member, sea_zone=sea_zone,
        sea_trade=sea_trade,
        rival=rival, preferred=preferred, fee_share=fee_share,
        scored_routes=scored_routes,
        corridor_volume_scale=_volume_scale(by_volume, scored_routes, capacity0),
        capacity0=capacity0,
        throughput0=throughput0,
        revenue0=(_fees_paid(fee_share, throughput0) if scenario.initial.opening_revenue
                  else np.zeros(n_a)),
        asset_owner=asset_owner,
        asset_is_capacity=np.array([s.kind == "capacity" for s in asset_models], dtype=bool),
        asset_corridor=np.array([c_ix[s.corridor] if s.corridor else -1 for s in asset_models],
                                dtype=np.int64),
        asset_gain=np.array([s.gain for s in asset_models], dtype=np.float64),
        asset_pay=asset_pay,
        asset_stages=np.array([s.stages for s in asset_models], dtype=np.int64),
        asset_earliest=np.array([s.earliest_turn or 1 for s in asset_models], dtype=np.int64),
        asset_effects=asset_effects, asset_stage_effects=asset_stage_effects,
        influence0=influence0, relations0=relations0, tension0=scenario.initial.tension.value,
        initiative=np.array([a_ix[a] for a in scenario.initiative], dtype=np.int64),
        kind_cost=np.array([_cost(rules, MOVE_KINDS[kind].cost) for kind in KIND_ORDER]),
        event_turn=np.array([e.scheduled_turn or 0 for e in event_models], dtype=np.int64),
        event_once=np.array([bool(e.once) for e in event_models], dtype=bool),
        deck_weight=_deck_weight(scenario, lambda e, quarter: (e.weight_by_quarter or {}).get(
            quarter, e.weight)),
        deck_tension_weight=_deck_weight(scenario, lambda e, quarter: e.weight_per_tension or 0.0),
        event_effects=event_effects,
        **table,
    )


def _effect_row(effect: Effect, a_ix: Mapping[str, int], c_ix: Mapping[str, int],
                zones: tuple[str, ...], v_ix: Mapping[tuple[str, str], int]) -> EffectRow:
    """An effect in index form."""
    vessel = v_ix[(effect.actor, effect.vessel)] if effect.actor and effect.vessel else -1
    shares = (tuple(effect.shares.get(z, 0.0) for z in zones)
              if effect.shares is not None else ())
    return EffectRow(kind=effect.kind, amount=effect.amount,
                     actor=a_ix[effect.actor] if effect.actor else -1,
                     target=a_ix[effect.target] if effect.target else -1,
                     corridor=c_ix[effect.corridor] if effect.corridor else -1,
                     turns=effect.turns or 1, vessel=vessel, shares=shares)


def _navy_tables(scenario: Scenario, actors: tuple[str, ...]) -> dict[str, Any]:
    """Every vessel class of every actor as columns of the naval formula's terms, so that a
    navy changed in play is rated exactly as `naval_strength` rates the scenario's; "keys"
    names each class (actor, id) for `navy` effects."""
    formula = scenario.naval_formula
    keys: list[tuple[str, str]] = []
    role, root, boost, hulls = [], [], [], []
    slots: list[list[int]] = []
    for actor_id in actors:
        mine = []
        for vessel in scenario.actors[actor_id].navy:
            mine.append(len(keys))
            keys.append((actor_id, vessel.id or ""))
            role.append(formula.role_weights.get(vessel.role, 0.0))
            root.append(math.sqrt(max(vessel.displacement_t.value, 0.0) / 1000.0))
            boost.append(1.0 + formula.strike_bonus.get(vessel.strike, 0.0))
            hulls.append(vessel.count.value)
        slots.append(mine)
    width = max((len(s) for s in slots), default=0)
    padded = [s + [len(keys)] * (width - len(s)) for s in slots]
    return {"keys": keys, "vessel_role": np.array(role, dtype=np.float64),
            "vessel_root": np.array(root, dtype=np.float64),
            "vessel_boost": np.array(boost, dtype=np.float64),
            "vessel_slots": np.array(padded, dtype=np.int64).reshape(len(actors), width),
            "vessel_hulls0": np.array(hulls, dtype=np.float64)}


def _every_effect(scenario: Scenario) -> list[Effect]:
    """The effects of every event and of every asset's completion."""
    return [*(e for ev in scenario.events.values() for e in ev.effects),
            *(e for s in scenario.assets.values() for e in s.on_complete or ())]


def _presence_ever(presence: FloatArr, effects: tuple[tuple[EffectRow, ...], ...]) -> BoolArr:
    """[A, Z] where an actor is present at the opening or after some presence effect: the
    zones its naval moves can ever name."""
    ever = presence > 0
    for row in (e for group in effects for e in group if e.kind == "presence"):
        ever[row.actor] |= np.array(row.shares) > 0
    return ever


def _capital_by_turn(scenario: Scenario) -> FloatArr:
    """[T, A] each actor's capital per turn at each upkeep, its changes applied in turn."""
    table = np.zeros((scenario.calendar.turns, len(scenario.actors)))
    for i, actor in enumerate(scenario.actors.values()):
        table[:, i] = actor.capital_per_turn
        for change in sorted(actor.capital_changes or (), key=lambda ch: ch.turn):
            table[change.turn - 1:, i] = change.capital_per_turn
    return table


def _volume_scale(by_volume: BoolArr, routes: BoolArr, capacity0: FloatArr) -> FloatArr:
    """[A] 1 / the opening capacity of each actor's scored routes where it measures its
    corridor term by volume, 0 where by share.  A route's capacity, not its traffic, is the
    yardstick: it is fixed for the game and never zero for a route that exists."""
    scale = np.zeros(by_volume.size)
    for i in np.flatnonzero(by_volume):
        room = float(capacity0 @ routes[i]) if routes[i].any() else 0.0
        if room > 0:
            scale[i] = 1.0 / room
    return scale


def _fees_paid(fee_share: FloatArr, throughput: FloatArr) -> FloatArr:
    """[A] what the corridors pay each actor at these throughputs (none closed), added in
    corridor order as upkeep adds them."""
    paid = np.zeros(fee_share.shape[1])
    for k, a in zip(*np.nonzero(fee_share), strict=True):
        paid[a] += fee_share[k, a] * throughput[k]
    return paid


def _deck_weight(scenario: Scenario, weight: Callable[[Event, int], float]) -> FloatArr:
    """[T + 2, E] each event's `weight(event, quarter)` in the draw of each turn (rows 1..T,
    and T + 1 for a game just over), zero before its earliest turn and from its scheduled
    turn on."""
    calendar = scenario.calendar
    rows = np.zeros((calendar.turns + 2, len(scenario.events)))
    for e, event in enumerate(scenario.events.values()):
        for turn in range(1, calendar.turns + 2):
            quarter = (calendar.start_quarter - 1 + turn - 1) % 4 + 1
            due = turn >= (event.earliest_turn or 1) and (
                event.scheduled_turn is None or turn < event.scheduled_turn)
            rows[turn, e] = weight(event, quarter) if due else 0.0
    return rows


def _action_table(scenario: Scenario, actors: tuple[str, ...], zones: tuple[str, ...],
                  corridors: tuple[str, ...], assets: tuple[str, ...],
                  ) -> dict[str, NDArray[Any]]:
    """Every move each actor could make: a row per move, grouped by actor.

    Per actor, kinds follow `MOVE_KINDS`; within a kind, every combination of its fields'
    choices in notation order, an optional field left out first.
    """
    rows: list[tuple[int, int, int, int, int, int, float]] = []
    starts, stops = [], []
    for a in range(len(actors)):
        starts.append(len(rows))
        for spec in (MOVE_KINDS[kind] for kind in KIND_ORDER):
            domains: list[list[Mapping[str, float]]] = [
                ([{}] if p.optional else [])
                       + _choices(p.field, a, scenario, actors, zones, corridors, assets)
                       for p in spec.params]
            for combination in product(*domains):
                row = dict(_BLANK_ROW)
                for part in combination:
                    row.update(part)
                rows.append((KIND_INDEX[spec.kind], a, int(row["partner"]), int(row["corridor"]),
                             int(row["zone"]), int(row["asset"]), float(row["volume"])))
        stops.append(len(rows))
    cols = list(zip(*rows, strict=True))
    as_int = [np.array(col, dtype=np.int64) for col in cols[:6]]
    return {
        "act_kind": as_int[0], "act_actor": as_int[1], "act_partner": as_int[2],
        "act_corridor": as_int[3], "act_zone": as_int[4], "act_asset": as_int[5],
        "act_volume": np.array(cols[6], dtype=np.float64),
        "act_asks": np.array([MOVE_KINDS[KIND_ORDER[k]].answered and p >= 0
                              for k, p in zip(cols[0], cols[2], strict=True)], dtype=bool),
        "act_start": np.array(starts, dtype=np.int64), "act_stop": np.array(stops, dtype=np.int64),
        "act_bridge": _route_members(scenario, actors, corridors, cols, Corridor.between),
        "act_onward": _route_members(scenario, actors, corridors, cols, Corridor.beyond),
    }


def _route_members(scenario: Scenario, actors: tuple[str, ...], corridors: tuple[str, ...],
                   cols: Sequence[tuple[Any, ...]],
                   pick: Callable[[Corridor, str, str], list[str]]) -> BoolArr:
    """[M, A] for each trade, the members of its route that `pick` names for its two
    parties (those it crosses between them, or those it goes on to)."""
    kinds, movers, partners, routes = cols[0], cols[1], cols[2], cols[3]
    found = np.zeros((len(kinds), len(actors)), dtype=bool)
    for row, (kind, a, b, k) in enumerate(zip(kinds, movers, partners, routes, strict=True)):
        if kind == TRADE:
            for member in pick(scenario.corridors[corridors[k]], actors[a], actors[b]):
                found[row, actors.index(member)] = True
    return found


def _cost(rules: Rules, key: str | None) -> float:
    """A kind's capital cost from the scenario rule its table entry names (None: free)."""
    return float(getattr(rules, key)) if key is not None else 0.0


# A table row's columns for the fields its kind leaves out.
_BLANK_ROW: dict[str, float] = {"partner": -1, "corridor": -1, "zone": -1, "asset": -1,
                                "volume": 0.0}


def _choices(field: Field, actor: int, scenario: Scenario, actors: tuple[str, ...],
             zones: tuple[str, ...], corridors: tuple[str, ...], assets: tuple[str, ...],
             ) -> list[Mapping[str, float]]:
    """The table columns of each value `actor` could give `field`."""
    if field is PARTNER:
        return [{"partner": b} for b in range(len(actors)) if b != actor]
    if field is CORRIDOR:
        return [{"corridor": c} for c in range(len(corridors))]
    if field is ZONE:
        return [{"zone": z} for z in range(len(zones))]
    if field is VOLUME:
        return [{"volume": v} for v in scenario.rules.trade_volumes]
    if field is TARGET:
        linked = [scenario.assets[s].corridor for s in assets]
        on_corridors: list[Mapping[str, float]] = [{"corridor": c} for c in range(len(corridors))]
        return on_corridors + [{"asset": s, "corridor": corridors.index(link) if link else -1}
                               for s, link in enumerate(linked)]
    raise ValueError(f"the action table has no column for field {field.name!r}")
