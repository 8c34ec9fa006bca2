"""The board screens' layout at each breakpoint: nothing overlaps, the space is used."""

from __future__ import annotations

import pytest
from classroom_helpers import screen_text
from textual.screen import Screen
from textual.widgets import Button
from tui_helpers import settle, start_tutorial, sync

from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.form import FormDialog
from caspian_tabletop.tui.screens.replay_viewer import ReplayScreen
from caspian_tabletop.tui.widgets.choice import Choice
from caspian_tabletop.tui.widgets.event_log import EventLog

ROOMY = (200, 55)


def check_layout(screen: Screen[object], roomy: bool) -> None:
    board, log = screen.query_one("#main").region, screen.query_one("#log").region
    chart = screen.query_one("#chart").region
    footer_row = screen.size.height - 1  # the key bindings
    assert log.y >= board.bottom
    assert chart.bottom <= footer_row and not chart.overlaps(board)
    assert not log.overlaps(board) and not log.overlaps(chart)
    if roomy:  # the map and the log use the room: both far larger than at 120×40
        sea = screen.query_one("#map").region
        assert sea.width >= 100 and sea.height >= 30
        assert log.width >= 140 and log.height >= 12


@pytest.mark.parametrize(("size", "roomy"), [((120, 40), False), (ROOMY, True)])
@sync
async def test_the_game_log_sits_below_the_board_and_a_big_terminal_grows_both(
        size: tuple[int, int], roomy: bool) -> None:
    app = CaspianApp("caspian-2021")
    async with app.run_test(size=size) as pilot:
        await start_tutorial(pilot)
        check_layout(app.screen, roomy)
        first = app.screen.query_one(EventLog).render_line(0).text.rstrip()
        assert first.startswith("▶ T1 event:")
        if roomy:  # a log line is shown whole
            assert not first.endswith("…"), first


@sync
async def test_the_replay_viewer_uses_a_roomy_terminal_alike() -> None:
    app = CaspianApp(autosave=False)
    async with app.run_test(size=ROOMY) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")  # the shipped historical replay
        await settle(pilot)
        assert isinstance(app.screen, ReplayScreen)
        check_layout(app.screen, roomy=True)


@sync
async def test_at_80_by_24_the_start_screen_shows_every_seat() -> None:
    app = CaspianApp("caspian-2021")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer_row = app.screen.size.height - 1
        seats = list(app.screen.query_one("#seats").query(Choice))
        assert len(seats) == 7
        for seat in [*seats, app.screen.query_one("#seed"), app.screen.query_one("#new")]:
            assert 0 <= seat.region.y and seat.region.bottom <= footer_row, seat


@sync
async def test_at_80_by_24_a_facilitator_form_shows_its_buttons_with_labels() -> None:
    app = CaspianApp("caspian-2021")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_tutorial(pilot)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("y")  # solo: open the panel after the confirmation
        await pilot.pause()
        await pilot.press("o")  # override an outcome
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        for button in app.screen.query(Button):
            region = button.region
            assert region.bottom <= app.screen.size.height - 1, button
            label = str(button.label)
            assert region.width >= len(label) and region.height >= 1
            assert label in screen_text(app), label
