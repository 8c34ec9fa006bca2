"""The map never hides what it is there to show: every port, fleet and zone stays legible.

Drawn for both shipped scenarios at the sizes the game screen gives the map (wide and 80×24)
(56×20 at 120×40, 42×14 at 80×24) and larger, with and without a selected actor.
"""

from __future__ import annotations

import pytest

from caspian_tabletop.engine.game import Game
from caspian_tabletop.tui.map.draw import MAX_BARS, draw_map, short_name
from caspian_tabletop.tui.map.view import map_view
from shipped import scenario

SIZES = [(56, 20), (56, 26), (42, 14), (42, 16), (70, 34), (90, 40)]


@pytest.mark.parametrize("name", ["caspian-2021", "tutorial"])
@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("selected", [None, "AZ"])
def test_every_port_fleet_and_zone_is_legible(name: str, width: int, height: int,
                                              selected: str | None) -> None:
    game = Game(scenario(name), seed=1)
    view = map_view(game, selected if selected in game.compiled.actors else None)
    lines = draw_map(view, width, height).plain.split("\n")
    assert len(lines) == height
    assert all(len(line) == width for line in lines)
    text = "\n".join(lines)
    for port in view.ports:
        assert f"◉ {short_name(port.name)}" in text or f"{short_name(port.name)} ◉" in text
    markers = [f"{fleet.actor}▮" for fleets in view.fleets.values() for fleet in fleets]
    for fleets in view.fleets.values():
        for fleet in fleets:
            assert f"▮{fleet.strength:.1f}" in text
    assert sum(text.count(m) for m in set(markers)) == len(markers)
    for _, zone_name in view.zones:
        assert zone_name.upper().split()[0] in text


@pytest.mark.parametrize(("width", "height"), [(42, 14), (42, 16), (70, 34), (90, 40),
                                               (114, 46)])
def test_a_zones_fleets_sit_by_its_name(width: int, height: int) -> None:
    """Read as one block: every fleet marker within a row or so per fleet of its zone's
    name, at 80×24 and on big terminals (the 200×55 map is 114×46).  At 56 columns the
    middle sea's rows are taken by routes, and its five fleets spread further."""
    game = Game(scenario("caspian-2021"), seed=1)
    view = map_view(game, None)
    lines = draw_map(view, width, height).plain.split("\n")
    strongest = max(f.strength for fleets in view.fleets.values() for f in fleets)
    names = dict(view.zones)
    for zone, fleets in view.fleets.items():
        name = names[zone].upper()
        name_row = next(i for i, line in enumerate(lines)
                        if name in line or f"{name.split()[0]} " in line)
        for fleet in fleets:
            bars = max(1, round(fleet.strength / strongest * MAX_BARS))
            marker = f"{fleet.actor}{'▮' * bars}{fleet.strength:.1f}"
            row = next(i for i, line in enumerate(lines) if marker in line)
            assert abs(row - name_row) <= len(fleets) + 1, (zone, marker, row, name_row)
