"""No key sequence may crash the app: two hundred seeded random presses."""

from __future__ import annotations

import random

from tui_helpers import settle, sync

from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.widgets.move_builder import Choices, MoveBuilder

KEYS = ("up", "down", "left", "right", "enter", "escape", "tab", "shift+tab", "space",
        "backspace", "home", "end", "m", "t", "a", "u", "p", "l", "s", "y", "n", "b",
        "question_mark", "ctrl+n", "ctrl+r", "ctrl+o", "ctrl+p", "1", "R", "U", "x",
        "f", "f2", "f9", "ctrl+e", "o", "e", "z", "v", "pagedown", "pageup", "ctrl+s")


@sync
async def test_random_keys_never_crash() -> None:
    rng = random.Random(2021)
    app = CaspianApp("tutorial")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(20):
            await pilot.press(*(rng.choice(KEYS) for _ in range(10)))
            await settle(pilot)
        assert app.is_running
    assert app.return_code in (None, 0)


@sync
async def test_paging_the_move_list_before_it_is_laid_out_again() -> None:
    """A page key handled in the frame the builder refills its emptied list (an AI has just
    moved) pages to the first or last choice instead of raising."""
    app = CaspianApp("tutorial")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+n")
        await settle(pilot)
        builder = app.screen.query_one(MoveBuilder)
        game, actor = builder.game, builder.actor
        assert game is not None and actor is not None
        builder.wait("an AI is thinking")
        await pilot.pause()
        choices = builder.query_one(Choices)
        builder.start(game, actor)
        choices.action_page_down()
        assert choices.highlighted == choices.option_count - 1
        choices.action_page_up()
        assert choices.highlighted == 0
        await pilot.pause()
        choices.action_page_down()  # laid out now: Textual's own paging
        assert choices.highlighted is not None and choices.highlighted > 0
        assert app.is_running
