"""The actor profile shows the navy's sourced opening strength, and its strength now once
events have changed the fleet."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static
from tui_helpers import session_of, settle, sync, text_of

from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.profile import ProfileScreen


async def _profile_text(pilot: Pilot[None]) -> str:
    await pilot.press("p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProfileScreen)
    text = text_of(pilot.app.screen.query_one(Static))
    await pilot.press("escape")
    await settle(pilot)
    return text


@sync
async def test_the_profile_shows_the_strength_now_after_craft_leave() -> None:
    app = CaspianApp()
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        opening = await _profile_text(pilot)
        assert "naval strength 15.9 (range 13.6–16.6)\n" in opening
        session_of(app).game.inject("volga-don-transfer", "the craft leave early")
        later = await _profile_text(pilot)
        assert "naval strength 15.9 (range 13.6–16.6), 15.1 now" in later
