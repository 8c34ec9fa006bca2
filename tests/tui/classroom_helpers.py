"""Driving a classroom game in tests: setting up seats, typing orders, reading the screen."""

from __future__ import annotations

import html
import re

from textual.pilot import Pilot
from tui_helpers import settle

from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.cover import PrivacyScreen, ResultsScreen
from caspian_tabletop.tui.screens.form import FormDialog
from caspian_tabletop.tui.screens.passphrase import ChoosePassphraseDialog
from caspian_tabletop.tui.widgets.choice import Choice

SIZE = (120, 40)
PASSPHRASE = "ternlamp"  # letters only: Pilot presses each character as a key


def classroom_app() -> CaspianApp:
    app = CaspianApp("tutorial", autosave=False)
    app.animation_level = "none"
    return app


async def start_classroom(pilot: Pilot[None], order: str = "simultaneous",
                          humans: tuple[str, ...] = ("RU", "AZ")) -> None:
    """Tutorial, classroom mode: `humans` are teams, the other seats an easy AI."""
    await settle(pilot)  # the start screen has read its scenario
    screen = pilot.app.screen
    screen.query_one("#mode", Choice).value = "classroom"
    screen.query_one("#order", Choice).value = order
    for actor in ("RU", "AZ", "KZ"):
        screen.query_one(f"#seat-{actor}", Choice).value = (
            "human" if actor in humans else "ai easy")
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()
    await choose_passphrase(pilot)
    await settle(pilot)


async def choose_passphrase(pilot: Pilot[None], passphrase: str = PASSPHRASE) -> None:
    """The facilitator types the classroom game's passphrase twice."""
    assert isinstance(pilot.app.screen, ChoosePassphraseDialog), type(pilot.app.screen)
    await pilot.press(*passphrase, "enter", *passphrase, "enter")
    await pilot.pause()


def screen_text(app: CaspianApp) -> str:
    """Everything visible in the terminal right now, as plain text."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def give_order(pilot: Pilot[None], notation: str) -> None:
    """The team at the keyboard types its order and commits it."""
    await pilot.press("t", *notation, "enter")
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


async def hand_over(pilot: Pilot[None], team: str) -> None:
    """The keyboard goes to `team` (after the room has seen a reveal's results, if any)."""
    if isinstance(pilot.app.screen, ResultsScreen):
        await pilot.press("enter")
        await settle(pilot)
    assert isinstance(pilot.app.screen, PrivacyScreen), type(pilot.app.screen)
    assert pilot.app.screen.team == team
    await pilot.press("enter")
    await settle(pilot)


async def open_panel(pilot: Pilot[None], passphrase: str = PASSPHRASE) -> None:
    await pilot.press("f2")
    await pilot.pause()
    await pilot.press(*passphrase, "enter")
    await pilot.pause()


async def fill_form(pilot: Pilot[None], key: str, values: dict[str, str]) -> None:
    """Open a panel action by its key, fill its fields and press OK."""
    await pilot.press(key)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, FormDialog), type(form)
    for name, value in values.items():
        form.query_one(f"#f-{name}").value = value  # type: ignore[attr-defined]
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
