"""Driving the TUI in tests: waiting for AI workers, finding the open session."""

from __future__ import annotations

import asyncio
import functools
import io
from collections.abc import Callable, Coroutine
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Static

from caspian_tabletop.session import Session
from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.dialogs import AskDialog
from caspian_tabletop.tui.screens.end import EndScreen
from caspian_tabletop.tui.screens.game import GameScreen


async def settle(pilot: Pilot[None]) -> None:
    """Let AI workers finish (accepting any trade they offer us) and the screen catch up."""
    app = pilot.app
    for _ in range(2000):
        await pilot.pause()
        if isinstance(app.screen, AskDialog):
            await pilot.press("y")
            continue
        game = next((s for s in app.screen_stack if isinstance(s, GameScreen)), None)
        if game is None or not game.thinking:
            await app.workers.wait_for_complete()
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("the AI never finished")


async def steady(pilot: Pilot[None]) -> None:
    """Wait for AI workers, drop toasts and stop cursors blinking: frames become fixed (for
    snapshots)."""
    await settle(pilot)
    pilot.app.clear_notifications()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


def session_of(app: CaspianApp) -> Session:
    for screen in reversed(app.screen_stack):
        if isinstance(screen, GameScreen | EndScreen):
            return screen.session
    raise AssertionError("no game is open")


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test with asyncio (no async pytest plugin is needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def text_of(widget: Static, width: int = 120) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


async def start_tutorial(pilot: Pilot[None], second_seat: str | None = None) -> None:
    """Start screen → a new game of the app's scenario with the default seats (RU human);
    in the tutorial, optionally set AZ's AI strength."""
    await settle(pilot)  # the start screen has read its scenario
    if second_seat is not None:
        pilot.app.screen.query_one("#seat-AZ").focus()
        await pilot.press(*(["left"] if second_seat == "easy" else []))
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, GameScreen)


# Key presses on a seat's choice from its default (RU human, the rest ai normal).
SEAT_KEYS = {"ai normal": ("right", "right"),  # human → ai easy → ai normal
             "human": ("left", "left")}  # ai normal → ai easy → human


async def start_with_seats(pilot: Pilot[None], seats: dict[str, str]) -> None:
    """Start screen → a new game with each seat of `seats` changed by keys, as a player would
    ("human" from the AI default, "ai normal" from Russia's human default)."""
    await settle(pilot)
    for actor, seat in seats.items():
        pilot.app.screen.query_one(f"#seat-{actor}").focus()
        await pilot.press(*SEAT_KEYS[seat])
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, GameScreen)


async def typed_preview(pilot: Pilot[None], move: str) -> str:
    """Type `move` into the move builder as a player would and return its preview, on one
    line, before anything is committed."""
    await pilot.press("t", *move, "enter")
    preview = pilot.app.screen.query_one("#preview", Static)
    return " ".join(text_of(preview).split())
