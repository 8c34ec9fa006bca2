"""A player whose navy does not command the zone is told so when it orders a blockade."""

from __future__ import annotations

from textual.widgets import Static
from tui_helpers import session_of, settle, sync, text_of

from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.game import GameScreen

SIZE = (120, 40)


@sync
async def test_irans_blockade_is_refused_for_want_of_command() -> None:
    app = CaspianApp("caspian-2021")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#seat-RU").focus()
        await pilot.press("right", "right")  # human → ai easy → ai normal
        app.screen.query_one("#seat-IR").focus()
        await pilot.press("left", "left")  # ai normal → ai easy → human
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        game = session_of(app).game
        assert game.to_move == "IR"  # Russia's AI has moved
        await pilot.press("t", *"IR blockade middle-corridor middle RU", "enter")
        preview = " ".join(text_of(app.screen.query_one("#preview", Static)).split())
        assert "not allowed" in preview
        assert "IR does not command the middle zone" in preview
        assert game.to_move == "IR"
