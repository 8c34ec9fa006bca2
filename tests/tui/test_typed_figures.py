"""Figures typed into the TUI: out-of-range ones are refused where they are typed, with the
reason, and nothing is changed (the facilitator's adjust form stays open; the start screen
starts no game)."""

from __future__ import annotations

from typing import Any

import pytest
from classroom_helpers import (
    SIZE,
    classroom_app,
    fill_form,
    open_panel,
    screen_text,
    start_classroom,
)
from textual.widgets import Input
from tui_helpers import session_of, settle, sync

from caspian_tabletop.replay import load_replay
from caspian_tabletop.saves import list_games
from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.facilitator import FacilitatorScreen
from caspian_tabletop.tui.screens.form import FormDialog
from caspian_tabletop.tui.screens.game import GameScreen
from caspian_tabletop.tui.screens.start import StartScreen

REASON = {"reason": "a student typed it"}
CASES = [
    ({"kind": "tension", "amount": "1e308"}, "a tension adjustment is at most 10 either way"),
    ({"kind": "influence", "actor": "RU", "target": "KZ", "amount": "-inf"},
     "the amount must be a finite number"),
    ({"kind": "capital", "actor": "AZ", "amount": "nan"}, "the amount must be a finite number"),
    ({"kind": "block", "corridor": "middle-corridor", "amount": "0",
      "turns": "100000000000000000000"}, "turns must be between 1 and 4"),
    ({"kind": "block", "corridor": "middle-corridor", "amount": "0", "turns": "1e20"},
     "turns must be a whole number"),
    ({"kind": "block", "corridor": "middle-corridor", "amount": "0", "turns": "²"},
     "turns must be a whole number"),
]


@sync
@pytest.mark.parametrize(("values", "message"), CASES, ids=[
    "tension-1e308", "influence-minus-inf", "capital-nan", "block-10-to-the-20",
    "block-1e20", "block-superscript-two"])
async def test_out_of_range_figures_are_refused_in_the_form(values: dict[str, str],
                                                            message: str) -> None:
    app = classroom_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_classroom(pilot, order="sequential", humans=("RU",))
        game = session_of(app).game
        digest, records = game.state.digest(), list(game.records)
        await open_panel(pilot)
        await fill_form(pilot, "v", {**values, **REASON})
        assert isinstance(app.screen, FormDialog)  # still open, showing why
        assert message in screen_text(app)
        assert game.state.digest() == digest and game.records == records
        # Corrected, the same form is accepted and closes.
        form = app.screen
        form.query_one("#f-amount", Input).value = "1"
        form.query_one("#f-turns", Input).value = "2" if values["kind"] == "block" else ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        assert game.records[-1].kind == "adjust"
        assert game.records[-1].reason == REASON["reason"]


@sync
async def test_a_seed_no_save_could_hold_is_refused_on_the_start_screen() -> None:
    app = CaspianApp("tutorial")
    notices: list[str] = []
    notify = app.notify

    def record(message: str, **options: Any) -> None:
        notices.append(message)
        notify(message, **options)

    app.notify = record  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#seed", Input).value = str(2**63)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert notices == ["the seed must be a whole number below 9,223,372,036,854,775,808"]
        app.screen.query_one("#seed", Input).value = str(2**63 - 1)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert session_of(app).game.seed == 2**63 - 1
    assert load_replay(list_games()[0].path).seed == 2**63 - 1
