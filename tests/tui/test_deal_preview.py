"""A player offering a deal while a drill's risk premium stands is told, before committing,
that shippers will sign for less (docs/rules.md, Trade)."""

from __future__ import annotations

from textual.widgets import Static
from tui_helpers import session_of, settle, start_with_seats, sync, text_of

from caspian_tabletop.tui.app import CaspianApp

SIZE = (120, 40)


@sync
async def test_a_deal_under_russias_premium_shows_what_will_be_signed() -> None:
    app = CaspianApp("caspian-2021")
    async with app.run_test(size=SIZE) as pilot:
        await start_with_seats(pilot, {"IR": "human", "AZ": "human"})
        game = session_of(app).game
        for order in ("RU drill middle", "IR pass"):
            await pilot.press("t", *order, "enter", "enter")
            await settle(pilot)
        assert game.to_move == "AZ"
        await pilot.press("t", *"AZ trade KZ middle-corridor 0.5", "enter")
        preview = " ".join(text_of(app.screen.query_one("#preview", Static)).split())
        assert "Signed 0.375 of 0.5 Mt/yr under a 25% risk premium" in preview
        assert "throughput 0.60→0.97" in preview
        await pilot.press("escape")
        await pilot.press("t", *"AZ trade TM turkmenbashi-baku 0.5", "enter")
        preview = " ".join(text_of(app.screen.query_one("#preview", Static)).split())
        assert "Signed 0.375 of 0.5" in preview  # the ferry crosses the middle zone too
