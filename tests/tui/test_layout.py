"""The game screen's layout at each breakpoint: nothing overlaps, the space is used."""

from __future__ import annotations

import pytest
from tui_helpers import start_tutorial, sync

from caspian_tabletop.tui.app import CaspianApp


@pytest.mark.parametrize(("size", "log_on_the_right"),
                         [((120, 40), False), ((200, 55), True)])
@sync
async def test_the_log_sits_below_the_board_or_in_a_column_beside_it(
        size: tuple[int, int], log_on_the_right: bool) -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=size) as pilot:
        await start_tutorial(pilot)
        screen = app.screen
        board, log = screen.query_one("#main").region, screen.query_one("#log").region
        chart = screen.query_one("#chart").region
        footer = screen.query_one("CaspianFooter").region
        if log_on_the_right:  # a roomy terminal: a full-height log right of the board
            assert log.x >= board.right and log.height >= size[1] // 2
        else:
            assert log.y >= board.bottom
        assert chart.bottom <= footer.y and not chart.overlaps(board)
        assert not log.overlaps(board) and not log.overlaps(chart)
