"""No key sequence may crash the app: two hundred seeded random presses."""

from __future__ import annotations

import random

from tui_helpers import settle, sync

from caspian_tabletop.tui.app import CaspianApp

KEYS = ("up", "down", "left", "right", "enter", "escape", "tab", "shift+tab", "space",
        "backspace", "home", "end", "m", "t", "a", "u", "p", "l", "s", "y", "n", "b",
        "question_mark", "ctrl+n", "ctrl+r", "ctrl+o", "ctrl+p", "1", "R", "U", "x",
        "f", "f2", "f9", "ctrl+e", "o", "e", "z", "v", "pagedown", "ctrl+s")


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
