"""The header tells the table how likely the next card is to start an armed clash, once
there is any chance of it: the figure the bots weigh (ai/hazard.py)."""

from __future__ import annotations

from textual.widgets import Static
from tui_helpers import session_of, settle, start_tutorial, sync, text_of

from caspian_tabletop.ai.hazard import next_card_chance
from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.game import GameScreen
from caspian_tabletop.tui.text import tension_gauge


def test_the_gauge_names_the_next_card_s_chance_only_when_there_is_one() -> None:
    assert "next card" not in tension_gauge(3.0, 10.0).plain
    assert "next card" not in tension_gauge(9.0, 10.0, next_card=0.001).plain
    assert tension_gauge(9.6, 10.0, next_card=0.123).plain.endswith(
        "9.6/10 clash · next card 12% clash")


@sync
async def test_near_the_brink_the_header_shows_the_next_card_s_chance_of_a_clash() -> None:
    app = CaspianApp("caspian-2021")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_tutorial(pilot)
        screen = app.screen
        assert isinstance(screen, GameScreen)
        header = screen.query_one("#header", Static)
        assert "next card" not in text_of(header)  # calm at the opening
        game = session_of(app).game
        game.state.tension[0] = 9.6
        screen.refresh_view()
        await settle(pilot)
        chance = next_card_chance(game)
        assert chance > 0.0
        assert f"9.6/10 clash · next card {chance:.0%} clash" in text_of(header)
