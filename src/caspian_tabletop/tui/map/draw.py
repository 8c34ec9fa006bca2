"""Drawing a MapView onto a canvas: sea by zone, corridors by status, ports, fleets, legend.

Colour carries status (corridor throughput ratio, blockades in red) and the glyphs repeat
it for monochrome terminals: heavy lines for busy corridors, dashed for closed ones.
"""

from __future__ import annotations

from functools import lru_cache

from rich.style import Style
from rich.text import Text

from caspian_tabletop.tui.map.canvas import Canvas
from caspian_tabletop.tui.map.geometry import (
    LAT,
    Projection,
    crossings,
    land_side,
    port_place,
    zone_bands,
)
from caspian_tabletop.tui.map.view import CorridorView, MapView

ZONE_BG = ("#0d2b45", "#123a5c", "#0b3350", "#16476e")
OFF_BG = "#1b2430"
BLOCKED = "#ff5f5f"
BUSY, FAIR, THIN = "#7ee787", "#3fb950", "#5f8f6f"
MAX_BARS = 6
DIGITS = "123456789abcdefghijklmnopqrstuvwxyz"


def corridor_colour(corridor: CorridorView) -> str:
    if corridor.blocked:
        return BLOCKED
    return BUSY if corridor.ratio >= 0.5 else FAIR if corridor.ratio >= 0.2 else THIN


def short_name(name: str) -> str:
    return name.split(" (")[0]


def legend_text(view: MapView) -> Text:
    """One entry per corridor (number, name, throughput/capacity, closure) and the key."""
    text = Text()
    for i, corridor in enumerate(view.corridors):
        colour = corridor_colour(corridor)
        dim = view.selected is not None and view.selected not in corridor.members
        style = Style(color=colour, dim=dim)
        status = f" ✖ closed {corridor.blocked}t" if corridor.blocked else ""
        text.append(f"{DIGITS[i]} ", Style(color="black", bgcolor=colour, bold=True))
        text.append(f"{short_name(corridor.name)} {corridor.throughput:.2g}/"
                    f"{corridor.capacity:.2g} Mt{status}", style)
        text.append("   ")
    text.append("▮ fleet strength  ✦ drill bonus  ━ busy  ─ light  ╌ blockaded",
                Style(dim=True))
    return text


class MapPainter:
    """Paints one frame of the map at a given size."""

    def __init__(self, view: MapView, width: int, height: int) -> None:
        self.view = view
        self.canvas = Canvas(width, height)
        sea_w = min(max(width - 28, 12), round(height * 1.5))
        self.proj = Projection((width - sea_w) // 2, 0, sea_w, height)
        self.bands = zone_bands(tuple(z for z, _ in view.zones))
        self.sea: set[tuple[int, int]] = set()
        self.row_xs: dict[int, list[int]] = {}
        self.zone_rows: dict[str, list[int]] = {z: [] for z in self.bands}
        self.zone_names_at: dict[str, tuple[int, int]] = {}  # where each zone's name sits
        self.port_cells: dict[str, tuple[int, int]] = {}

    def paint(self) -> Canvas:
        self._sea()
        self._ports_place()
        for i, corridor in enumerate(self.view.corridors):
            self._corridor(i, corridor)
        self._ports_draw()
        self._zone_names()
        self._fleets()  # last, and only onto blank cells: a fleet never hides a port or label
        return self.canvas

    # ----- parts --------------------------------------------------------------------------
    def _sea(self) -> None:
        cells = sea_cells(self.proj, tuple(self.bands.items()))
        water = {zone: Style(bgcolor=ZONE_BG[i % len(ZONE_BG)])
                 for i, zone in enumerate(self.bands)}
        off = Style(bgcolor=OFF_BG)
        for x, y, zone in cells:
            self.sea.add((x, y))
            self.row_xs.setdefault(y, []).append(x)
            self.canvas.paint(x, y, off if zone is None else water[zone])
            if zone is not None and (not self.zone_rows[zone] or self.zone_rows[zone][-1] != y):
                self.zone_rows[zone].append(y)

    def _zone_names(self) -> None:
        """Each zone's name on its topmost row with room for it between the routes, else
        beside its sea (its first word where the whole name does not fit)."""
        names = dict(self.view.zones)
        for zone, rows in self.zone_rows.items():
            name = names[zone].upper()
            for label in (name, name.split()[0]):
                spots = [(start + 1, y) for y in rows
                         for start, run in self._blank_runs(y, self.row_xs.get(y, []))
                         if run >= len(label) + 1]
                spot = spots[0] if spots else self._spill_spot(rows, len(label))
                if spot is not None:
                    self.canvas.write(*spot, label,
                                      Style(color="#8fb3d9", italic=True, dim=True))
                    self.zone_rows[zone] = [spot[1], *[r for r in rows if r != spot[1]]]
                    self.zone_names_at[zone] = (spot[0] + len(label) // 2, spot[1])
                    break

    def _ports_place(self) -> None:
        for port in self.view.ports:
            lon, lat = port_place(port.slug, port.owner, self.bands.get(port.zone))
            self.port_cells[port.slug] = self.proj.cell(lon, lat)

    def _route(self, corridor: CorridorView) -> list[tuple[int, int]]:
        """Cells the corridor's sea crossing passes: its ports, through each zone it crosses."""
        points = [self.port_cells[p] for p in corridor.ports if p in self.port_cells]
        if len(points) < 2 or not corridor.sea_zones:
            return []
        first, last = points[0], points[-1]
        if len(corridor.sea_zones) > 1:
            middles = [self._zone_centre(z) for z in corridor.sea_zones[1:-1]]
            waypoints = [first, *[m for m in middles if m], last]
        else:
            waypoints = points
        cells: list[tuple[int, int]] = []
        for a, b in zip(waypoints, waypoints[1:], strict=False):
            cells += _line(a, b)
        return cells

    def _zone_centre(self, zone: str) -> tuple[int, int] | None:
        rows = self.zone_rows.get(zone)
        if not rows:
            return None
        y = rows[len(rows) // 2]
        xs = self.row_xs[y]
        return (sum(xs) // len(xs), y)

    def _corridor(self, index: int, corridor: CorridorView) -> None:
        colour = corridor_colour(corridor)
        selected = self.view.selected
        mine = selected is None or selected in corridor.members
        style = Style(color=colour, bold=mine and selected is not None, dim=not mine)
        label = Style(color="black", bgcolor=colour, bold=True, dim=not mine)
        cells = self._route(corridor)
        if cells:
            for (x0, y0), (x1, y1) in zip(cells, cells[1:], strict=False):
                self.canvas.put(x1, y1, _glyph(x1 - x0, y1 - y0, corridor), style)
            mx, my = cells[len(cells) // 2]
            self.canvas.write(mx, my, DIGITS[index], label)
            if corridor.blocked:
                self.canvas.put(mx + 1, my, "✖", Style(color=BLOCKED, bold=True))
            return
        self._land_route(index, corridor, style, label)

    def _land_route(self, index: int, corridor: CorridorView, style: Style, label: Style) -> None:
        """A land-only corridor: a dotted route down the map's west or east edge."""
        side = land_side(corridor.members)
        lanes = [c for c in self.view.corridors if not self._route(c)
                 and land_side(c.members) == side]
        lane = lanes.index(corridor)
        x = (self.canvas.width - 1 - lane) if side > 0 else lane
        top, bottom = 1, self.canvas.height - 2
        for y in range(top, bottom + 1):
            self.canvas.put(x, y, "╎" if corridor.blocked else "┊", style)
        self.canvas.put(x, 0, DIGITS[index], label)
        self.canvas.put(x, bottom + 1, DIGITS[index], label)

    def _fleets(self) -> None:
        """Each fleet goes into a free stretch of sea in its zone, one marker per stretch."""
        strongest = max((f.strength for fl in self.view.fleets.values() for f in fl), default=1.0)
        for zone, fleets in self.view.fleets.items():
            rows = self.zone_rows.get(zone, [])
            used: set[int] = set()
            for fleet in fleets:
                bars = max(1, round(fleet.strength / strongest * MAX_BARS))
                marker = f"{fleet.actor}{'▮' * bars}{fleet.strength:.1f}"
                marker += "✦" if fleet.drill else ""
                spot = self._free_spot(rows, used, len(marker), self.zone_names_at.get(zone))
                if spot is None:
                    break
                used.add(spot[1])
                self.canvas.write(*spot, marker, self._actor_style(fleet.actor))

    def _free_spot(self, rows: list[int], used: set[int], length: int,
                   name: tuple[int, int] | None = None) -> tuple[int, int] | None:
        """Where a marker of `length` cells goes in a zone, without covering anything: in
        its sea on a row not used yet (the first row holds the zone's name), as near the
        name as there is room, so that a zone's fleets read with its name; else the blank
        run nearest its sea on such a row, spilling onto the land beside it; rows already
        used are tried the same way last; else nowhere."""
        body = rows[1:] or rows
        for candidates in ([y for y in body if y not in used], [y for y in body if y in used]):
            spot = (self._sea_spot(candidates, length, name)
                    or self._spill_spot(candidates, length))
            if spot is not None:
                return spot
        return None

    def _sea_spot(self, rows: list[int], length: int, name: tuple[int, int] | None
                  ) -> tuple[int, int] | None:
        """A blank run of the sea with room for `length` cells: the one nearest `name` (rows
        first, then columns), or the widest without a name."""
        fits = [(start + 1, y, run) for y in rows
                for start, run in self._blank_runs(y, self.row_xs.get(y, []))
                if run >= length + 2]
        if not fits:
            return None
        if name is None:
            x, y, _ = max(fits, key=lambda f: f[2])
            return x, y
        nx, ny = name
        x, y, run = min(fits, key=lambda f: (abs(f[1] - ny),
                                             abs(f[0] + min(f[2] - 2, length) // 2 - nx)))
        # Within its run, the marker sits as near the name as the run allows.
        x = min(max(x, nx - length // 2), x + run - 2 - length)
        return x, y

    def _spill_spot(self, rows: list[int], length: int) -> tuple[int, int] | None:
        spills: list[tuple[int, int, int]] = []
        for y in rows:
            xs = self.row_xs.get(y, [])
            if not xs:
                continue
            for start, run in self._blank_runs(y, range(self.canvas.width)):
                if run >= length + 2:
                    x = start + 1 if start < xs[0] else start + run - length - 1
                    spills.append((min(abs(x - xs[0]), abs(x + length - 1 - xs[-1])), y, x))
        if not spills:
            return None
        _, y, x = min(spills)
        return x, y

    def _blank_runs(self, y: int, xs: list[int] | range) -> list[tuple[int, int]]:
        """(start, length) of each run of consecutive blank cells among `xs` on row y."""
        runs: list[tuple[int, int]] = []
        start, run, last = 0, 0, None
        row = self.canvas.chars[y] if 0 <= y < self.canvas.height else []
        for x in xs:
            blank = 0 <= x < len(row) and row[x] == " "
            if blank and (run == 0 or last == x - 1):
                start, run = (x, 1) if run == 0 else (start, run + 1)
            elif blank:
                runs.append((start, run))
                start, run = x, 1
            else:
                if run:
                    runs.append((start, run))
                run = 0
            last = x
        if run:
            runs.append((start, run))
        return runs

    def _actor_style(self, actor: str) -> Style:
        colour = self.view.colours.get(actor, "white")
        selected = self.view.selected
        if selected is None:
            return Style(color=colour, bold=True)
        if selected == actor:
            return Style(color="black", bgcolor=colour, bold=True)
        return Style(color=colour, dim=True)

    def _ports_draw(self) -> None:
        centre = self.proj.left + self.proj.width // 2
        for port in self.view.ports:
            x, y = self.port_cells[port.slug]
            style = self._actor_style(port.owner)
            self.canvas.put(x, y, "◉", style)
            name = port.name.split(" (")[0]
            if x >= centre:
                self.canvas.write(x + 1, y, f" {name}", style)
            else:
                self.canvas.write(x - len(name) - 1, y, f"{name} ", style)


@lru_cache(maxsize=16)
def sea_cells(proj: Projection, bands: tuple[tuple[str, tuple[float, float]], ...],
              ) -> tuple[tuple[int, int, str | None], ...]:
    """(x, y, zone) of every sea cell, row by row: the coastline depends only on the size,
    so it is traced once per size, not on every redraw."""
    cells = []
    for y in range(proj.top, proj.top + proj.height):
        lat = proj.point(proj.left, y)[1]
        east, zone = crossings(lat), _zone_at(bands, lat)
        for x in range(proj.left, proj.left + proj.width):
            lon = proj.point(x, y)[0]
            if sum(lon < cross for cross in east) % 2:
                cells.append((x, y, zone))
    return tuple(cells)


def _zone_at(bands: tuple[tuple[str, tuple[float, float]], ...], lat: float) -> str | None:
    for zone, (low, high) in bands:
        if low <= lat < high or (lat >= LAT[1] and high >= LAT[1]):
            return zone
    return None


def draw_map(view: MapView, width: int, height: int) -> Text:
    """The map without its legend, sized to fill `width` × `height` cells."""
    return MapPainter(view, width, height).paint().to_text()


def _line(a: tuple[int, int], b: tuple[int, int]) -> list[tuple[int, int]]:
    """Bresenham cells from a to b inclusive."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    cells = [(x0, y0)]
    while (x0, y0) != (x1, y1):
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy
        cells.append((x0, y0))
    return cells


def _glyph(dx: int, dy: int, corridor: CorridorView) -> str:
    heavy = corridor.ratio >= 0.5
    if corridor.blocked:
        return "╌" if dy == 0 else "╎" if dx == 0 else "╳"
    if dy == 0:
        return "━" if heavy else "─"
    if dx == 0:
        return "┃" if heavy else "│"
    return "╲" if (dx > 0) == (dy > 0) else "╱"
