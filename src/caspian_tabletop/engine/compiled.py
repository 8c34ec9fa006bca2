"""A scenario compiled to index arrays, and the table of every possible action.

The rules work on integer indices and numpy arrays, never on names; this module is the one
place that maps between the two.  The action table lists, for every actor, every move it could
ever make (legal or not); legality is then a vectorised check over the table.
"""

from __future__ import annotations

from collections.abc import Mapping
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
)
from caspian_tabletop.scenario.naval import naval_strength
from caspian_tabletop.scenario.schema import Orientation, Rules, Scenario

F = NDArray[np.float64]
I = NDArray[np.int64]  # noqa: E741
Bool = NDArray[np.bool_]

ORIENT_NS, ORIENT_EW, ORIENT_HEDGE = 0, 1, 2
_ORIENT = {Orientation.NORTH_SOUTH: ORIENT_NS, Orientation.EAST_WEST: ORIENT_EW,
           Orientation.HEDGE: ORIENT_HEDGE, "north-south": ORIENT_NS, "east-west": ORIENT_EW}
KIND_INDEX = {kind: i for i, kind in enumerate(KIND_ORDER)}
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
    littoral: Bool
    orientation: I
    kin_pair: Bool  # [A, A] both states belong to one kin group (actors.X.kin)
    strength: F
    zone_strength: F
    presence: F
    capital_per_turn: F
    weights: F
    targets: Bool
    corridor_orientation: I
    member: Bool
    sea_zone: Bool
    rival: Bool
    preferred: Bool
    capacity0: F
    throughput0: F
    asset_owner: Bool
    asset_is_capacity: Bool
    asset_corridor: I
    asset_gain: F
    asset_stages: I
    influence0: F
    relations0: F
    tension0: float
    initiative: I
    kind_cost: F
    event_weight: F
    event_turn: I
    event_effects: tuple[tuple[EffectRow, ...], ...]
    act_kind: I
    act_actor: I
    act_partner: I
    act_corridor: I
    act_zone: I
    act_asset: I
    act_volume: F
    act_asks: Bool  # [M] the move waits on its partner's yes or no
    act_start: I
    act_stop: I

    def actor_index(self, actor_id: str) -> int:
        return self.actors.index(actor_id)

    def actions_of(self, actor: int) -> range:
        return range(int(self.act_start[actor]), int(self.act_stop[actor]))

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

    actor_models = list(scenario.actors.values())
    littoral = np.array([a.littoral for a in actor_models])
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

    asset_models = list(scenario.assets.values())
    asset_owner = np.zeros((len(assets), n_a), dtype=bool)
    for si, asset in enumerate(asset_models):
        for o in asset.owners:
            asset_owner[si, a_ix[o]] = True

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
    event_effects = tuple(
        tuple(EffectRow(kind=e.kind, amount=e.amount,
                        actor=a_ix[e.actor] if e.actor else -1,
                        target=a_ix[e.target] if e.target else -1,
                        corridor=c_ix[e.corridor] if e.corridor else -1,
                        turns=e.turns or 1) for e in ev.effects)
        for ev in event_models)

    table = _action_table(scenario, actors, zones, corridors, assets)
    return Compiled(
        scenario=scenario, rules=rules, actors=actors, zones=zones, corridors=corridors,
        assets=assets, events=events, turns=scenario.calendar.turns, littoral=littoral,
        orientation=orientation, kin_pair=kin_pair, strength=strength,
        zone_strength=strength[:, None] * presence,
        presence=presence,
        capital_per_turn=np.array([a.capital_per_turn for a in actor_models]),
        weights=weights, targets=targets, corridor_orientation=corridor_orientation,
        member=member, sea_zone=sea_zone, rival=rival, preferred=preferred,
        capacity0=np.array([c.capacity_mt.value for c in corridor_models]),
        throughput0=np.array([c.throughput_mt.value for c in corridor_models]),
        asset_owner=asset_owner,
        asset_is_capacity=np.array([s.kind == "capacity" for s in asset_models], dtype=bool),
        asset_corridor=np.array([c_ix[s.corridor] if s.corridor else -1 for s in asset_models],
                                dtype=np.int64),
        asset_gain=np.array([s.gain for s in asset_models], dtype=np.float64),
        asset_stages=np.array([s.stages for s in asset_models], dtype=np.int64),
        influence0=influence0, relations0=relations0, tension0=scenario.initial.tension.value,
        initiative=np.array([a_ix[a] for a in scenario.initiative], dtype=np.int64),
        kind_cost=np.array([_cost(rules, MOVE_KINDS[kind].cost) for kind in KIND_ORDER]),
        event_weight=np.array([e.weight for e in event_models], dtype=np.float64),
        event_turn=np.array([e.scheduled_turn or 0 for e in event_models], dtype=np.int64),
        event_effects=event_effects,
        **table,
    )


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
    }


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
