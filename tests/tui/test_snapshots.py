"""Snapshots at a fixed size and seed with animation off (pytest-textual-snapshot).

Regenerate on purpose only: `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from tui_helpers import steady

from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.end import EndScreen
from caspian_tabletop.tui.widgets.choice import Choice

WIDE = (120, 40)
SMALL = (80, 24)
ROOMY = (200, 55)


def make_app() -> CaspianApp:
    app = CaspianApp()
    app.animation_level = "none"
    return app


async def new_game(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+n")
    await steady(pilot)


def test_start_screen(snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=WIDE, run_before=steady)


def test_game_screen(snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=WIDE, run_before=new_game)


def test_move_builder_with_odds(snap_compare: Any) -> None:
    async def blockade(pilot: Pilot[None]) -> None:
        await new_game(pilot)
        await pilot.press("m", "down", "down", "enter", "enter", "enter")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=WIDE, run_before=blockade)


def test_actor_profile(snap_compare: Any) -> None:
    async def profile(pilot: Pilot[None]) -> None:
        await new_game(pilot)
        await pilot.press("p")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=WIDE, run_before=profile)


def test_end_screen(snap_compare: Any) -> None:
    """A player's own end screen (Russia, passing every turn of the tutorial): what they
    achieved in words, how that compares with bot games, then every actor's level and why."""
    async def autoplay(pilot: Pilot[None]) -> None:
        await steady(pilot)  # the start screen has read its scenario
        pilot.app.screen.query_one("#scenario", Choice).value = "tutorial"
        await pilot.pause()
        await new_game(pilot)
        while not isinstance(pilot.app.screen, EndScreen):
            await pilot.press("m", "end", "enter", "enter")  # pass
            await steady(pilot)  # an offer to Russia is accepted (`settle`)

    assert snap_compare(make_app(), terminal_size=WIDE, run_before=autoplay)


def test_game_screen_small(snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=new_game)


def test_game_screen_roomy(snap_compare: Any) -> None:
    """200×55: the map takes the width the side panel leaves and the log runs whole lines."""
    assert snap_compare(make_app(), terminal_size=ROOMY, run_before=new_game)


def test_start_screen_small(snap_compare: Any) -> None:
    """80×24: every seat of the seven on screen, two to a row."""
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=steady)
