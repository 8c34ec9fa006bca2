"""Where things sit on the stylised map: the sea outline, zone bands and port places.

Pure presentation data in longitude/latitude, projected onto a character grid of any size.
Scenarios name ports and zones freely, so unknown ones get a reasonable fallback place.
"""

from __future__ import annotations

from dataclasses import dataclass

# A coarse Caspian coastline, clockwise from the Terek delta (longitude, latitude).
OUTLINE: tuple[tuple[float, float], ...] = (
    (46.7, 44.4), (47.2, 45.5), (48.3, 46.1), (49.4, 46.5), (51.0, 47.0), (52.8, 46.8),
    (53.2, 46.1), (52.4, 45.5), (51.2, 45.2), (51.4, 44.5), (51.0, 43.9), (51.7, 43.0),
    (52.6, 42.1), (52.8, 41.3), (53.2, 40.6), (52.8, 40.0), (53.3, 39.3), (53.9, 38.2),
    (53.9, 37.2), (53.0, 36.8), (51.6, 36.7), (50.2, 37.2), (49.3, 37.6), (48.9, 38.4),
    (49.2, 39.3), (49.6, 40.0), (50.4, 40.4), (49.6, 40.7), (48.7, 41.9), (47.6, 42.9),
    (47.3, 43.8), (46.7, 44.4),
)
LON = (46.2, 54.4)
LAT = (36.5, 47.2)

# The usual basin split: north of the Chechen–Tyuleniy sill, south of the Absheron sill.
ZONE_BANDS: dict[str, tuple[float, float]] = {
    "north": (44.4, 47.2),
    "middle": (40.4, 44.4),
    "south": (36.5, 40.4),
}

PORT_PLACES: dict[str, tuple[float, float]] = {
    "aktau": (51.2, 43.65),
    "kuryk": (51.7, 43.15),
    "baku-alat": (49.55, 40.0),
    "baku": (49.9, 40.4),
    "turkmenbashi": (53.0, 40.1),
    "makhachkala": (47.55, 42.95),
    "astrakhan": (48.2, 46.1),
    "anzali": (49.45, 37.5),
    "atyrau": (51.8, 46.95),
    "amirabad": (53.3, 36.9),
}

# Which coast an actor's unknown ports go to (west or east), by the usual geography.
WEST_OWNERS = {"RU", "AZ", "IR"}
# Which side of the sea an actor's land routes run: west (-1), east (+1), both (0).
SIDES = {"AZ": -1, "TR": -1, "KZ": 1, "TM": 1, "AF": 1}


def land_side(members: tuple[str, ...]) -> int:
    """+1 when a land corridor's members lie mostly east of the sea, else -1."""
    return 1 if sum(SIDES.get(m, 0) for m in members) > 0 else -1


@dataclass(frozen=True)
class Projection:
    """Maps longitude/latitude onto the sea's rectangle of cells at (left, top)."""

    left: int
    top: int
    width: int
    height: int

    def cell(self, lon: float, lat: float) -> tuple[int, int]:
        x = self.left + round((lon - LON[0]) / (LON[1] - LON[0]) * (self.width - 1))
        y = self.top + round((LAT[1] - lat) / (LAT[1] - LAT[0]) * (self.height - 1))
        return x, y

    def point(self, x: int, y: int) -> tuple[float, float]:
        lon = LON[0] + (x - self.left + 0.5) / self.width * (LON[1] - LON[0])
        lat = LAT[1] - (y - self.top + 0.5) / self.height * (LAT[1] - LAT[0])
        return lon, lat


def crossings(lat: float) -> list[float]:
    """Longitudes where the outline crosses the parallel `lat`.

    A point on it is inside the sea when an odd number of them lie east of it (the even-odd
    rule), so a whole row of cells is tested against one list.
    """
    points = OUTLINE
    return [x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False)
            if (y1 > lat) != (y2 > lat)]


def zone_bands(zones: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    """Latitude band of each scenario zone: the usual split if names match, else even slices."""
    if all(z in ZONE_BANDS for z in zones):
        return {z: ZONE_BANDS[z] for z in zones}
    step = (LAT[1] - LAT[0]) / len(zones)
    return {z: (LAT[1] - (i + 1) * step, LAT[1] - i * step) for i, z in enumerate(zones)}


def port_place(slug: str, owner: str, band: tuple[float, float] | None) -> tuple[float, float]:
    """A port's longitude/latitude: known places, else on its owner's coast in its zone."""
    if slug in PORT_PLACES:
        return PORT_PLACES[slug]
    lat = (band[0] + band[1]) / 2 if band else (LAT[0] + LAT[1]) / 2
    lon = 48.0 if owner in WEST_OWNERS else 53.0
    return lon, lat
