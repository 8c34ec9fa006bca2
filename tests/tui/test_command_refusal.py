"""A player whose navy does not command the zone is told so when it orders a blockade."""

from __future__ import annotations

from tui_helpers import session_of, start_with_seats, sync, typed_preview

from caspian_tabletop.tui.app import CaspianApp

SIZE = (120, 40)


@sync
async def test_irans_blockade_is_refused_for_want_of_command() -> None:
    app = CaspianApp("caspian-2021")
    async with app.run_test(size=SIZE) as pilot:
        await start_with_seats(pilot, {"RU": "ai normal", "IR": "human"})
        game = session_of(app).game
        assert game.to_move == "IR"  # Russia's AI has moved
        preview = await typed_preview(pilot, "IR blockade middle-corridor middle RU")
        assert "not allowed" in preview
        assert "IR does not command the middle zone" in preview
        assert game.to_move == "IR"
