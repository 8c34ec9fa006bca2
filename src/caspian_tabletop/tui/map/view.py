"""What the map shows, read from a game: plain values, so drawing never touches the engine."""

from __future__ import annotations

from dataclasses import dataclass

from caspian_tabletop.engine.game import Game


@dataclass(frozen=True)
class PortView:
    slug: str
    name: str
    owner: str
    zone: str


@dataclass(frozen=True)
class CorridorView:
    slug: str
    name: str
    members: tuple[str, ...]
    ports: tuple[str, ...]
    sea_zones: tuple[str, ...]
    land: tuple[str, ...]
    throughput: float
    capacity: float
    blocked: int

    @property
    def ratio(self) -> float:
        return self.throughput / self.capacity if self.capacity > 0 else 0.0


@dataclass(frozen=True)
class FleetView:
    actor: str
    strength: float
    drill: int


@dataclass(frozen=True)
class MapView:
    zones: tuple[tuple[str, str], ...]
    ports: tuple[PortView, ...]
    corridors: tuple[CorridorView, ...]
    fleets: dict[str, tuple[FleetView, ...]]
    colours: dict[str, str]
    selected: str | None = None


def map_view(game: Game, selected: str | None = None) -> MapView:
    """The map's content for the game's current state."""
    s, c = game.scenario, game.compiled
    ports = tuple(PortView(k, p.name, p.owner, p.zone) for k, p in s.ports.items())
    corridors = []
    for slug in c.corridors:
        model = s.corridors[slug]
        corridors.append(CorridorView(
            slug, model.name, tuple(model.members),
            tuple(leg.ref for leg in model.legs if leg.kind == "port"),
            tuple(leg.ref for leg in model.legs if leg.kind == "sea"),
            tuple(leg.ref for leg in model.legs if leg.kind == "land"),
            game.throughput(slug), game.capacity(slug), game.blocked_turns(slug)))
    fleets: dict[str, tuple[FleetView, ...]] = {}
    for zone in c.zones:
        here = [FleetView(a, game.zone_strength(a, zone), game.drill_turns(a, zone))
                for a in c.actors if game.zone_strength(a, zone) > 0]
        fleets[zone] = tuple(sorted(here, key=lambda f: -f.strength))
    return MapView(zones=tuple((z, s.zones[z].name) for z in c.zones), ports=ports,
                   corridors=tuple(corridors), fleets=fleets,
                   colours={a: m.colour for a, m in s.actors.items()}, selected=selected)
