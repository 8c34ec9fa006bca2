"""A player offering a deal while a drill's risk premium stands is told, before committing,
that shippers will sign for less (docs/rules.md, Trade)."""

from __future__ import annotations

from tui_helpers import session_of, settle, start_with_seats, sync, typed_preview

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
        preview = await typed_preview(pilot, "AZ trade KZ middle-corridor 0.5")
        assert "Signed 0.375 of 0.5 Mt/yr under a 25% risk premium" in preview
        assert "throughput 0.60→0.97" in preview
        await pilot.press("escape")
        preview = await typed_preview(pilot, "AZ trade TM turkmenbashi-baku 0.5")
        assert "Signed 0.375 of 0.5" in preview  # the ferry crosses the middle zone too
