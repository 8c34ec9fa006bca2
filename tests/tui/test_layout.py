"""The board screens' layout at each breakpoint: nothing overlaps, the space is used."""

from __future__ import annotations

import pytest
from textual.screen import Screen
from tui_helpers import settle, start_tutorial, sync

from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.replay_viewer import ReplayScreen

ROOMY = (200, 55)


def check_layout(screen: Screen[object], log_on_the_right: bool) -> None:
    board, log = screen.query_one("#main").region, screen.query_one("#log").region
    chart = screen.query_one("#chart").region
    footer_row = screen.size.height - 1  # the key bindings
    if log_on_the_right:  # a roomy terminal: a full-height log right of the board
        assert log.x >= board.right and log.height >= screen.size.height // 2
    else:
        assert log.y >= board.bottom
    assert chart.bottom <= footer_row and not chart.overlaps(board)
    assert not log.overlaps(board) and not log.overlaps(chart)


@pytest.mark.parametrize(("size", "log_on_the_right"), [((120, 40), False), (ROOMY, True)])
@sync
async def test_the_game_log_sits_below_the_board_or_in_a_column_beside_it(
        size: tuple[int, int], log_on_the_right: bool) -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=size) as pilot:
        await start_tutorial(pilot)
        check_layout(app.screen, log_on_the_right)


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
        check_layout(app.screen, log_on_the_right=True)
