"""The game screen's log: a line per resolution, opened to its record by key or click."""

from __future__ import annotations

from rich.style import Style
from textual.pilot import Pilot
from tui_helpers import session_of, settle, sync

from caspian_tabletop.engine.explain import Resolution
from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.board import log_entries
from caspian_tabletop.tui.screens.game import GameScreen
from caspian_tabletop.tui.text import resolution_lines
from caspian_tabletop.tui.widgets.event_log import EventLog, label_of

SIZE = (120, 40)


async def start(pilot: Pilot[None]) -> EventLog:
    await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, GameScreen)
    return pilot.app.screen.query_one(EventLog)


async def play_pass(pilot: Pilot[None]) -> None:
    await pilot.press("m", "end", "enter", "enter")
    await settle(pilot)


def visible(log: EventLog) -> list[str]:
    """The rows the log shows now, as plain text."""
    return [log.render_line(y).text.rstrip()
            for y in range(log.scrollable_content_region.height)]


def last_entry(app: CaspianApp) -> Resolution:
    return log_entries(session_of(app).game)[-1]


@sync
async def test_each_resolution_gets_a_line_and_the_cursor_follows_the_newest() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        log = await start(pilot)
        for _ in range(2):  # the tutorial ends after its fourth turn
            before = log.lines_text()
            await play_pass(pilot)
            lines = log.lines_text()
            game = session_of(app).game
            assert len(lines) == len(log_entries(game)) > len(before)
            assert lines[: len(before)] == before
            assert any(line.startswith(f"T{game.turn - 1} RU pass") for line in lines)
        assert log.virtual_size.height > log.scrollable_content_region.height
        assert visible(log)[-1].startswith("▶ " + lines[-1][:20])
        await pilot.press("l", "home")
        assert visible(log)[0].startswith("▶ " + lines[0][:20])
        await play_pass(pilot)
        lines = log.lines_text()
        assert visible(log)[-1].startswith("▶ " + lines[-1][:20])
        # The cursor is on the newest line: Enter opens that one.
        await pilot.press("l", "enter")
        shown = visible(log)
        assert any(row.startswith("▼ " + lines[-1][:20]) for row in shown)
        assert resolution_lines(last_entry(app))[0] in "\n".join(shown)


@sync
async def test_enter_opens_a_line_to_its_full_record_and_closes_it_again() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        log = await start(pilot)
        await play_pass(pilot)
        await pilot.press("l", "home", "enter")
        first = log_entries(session_of(app).game)[0]
        shown = "\n".join(visible(log))
        assert shown.startswith("▼ T1 ")
        for fact in resolution_lines(first)[: log.scrollable_content_region.height - 2]:
            assert fact[:30] in shown
        await pilot.press("down", "enter")  # from a line of the record: closes it too
        assert visible(log)[0].startswith("▶ T1 ")
        assert resolution_lines(first)[0] not in "\n".join(visible(log))
        await pilot.press("space")
        assert visible(log)[0].startswith("▼ T1 ")
        await pilot.press("enter")
        assert all(not row.startswith("▼") for row in visible(log))


@sync
async def test_a_click_opens_and_closes_a_line() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        log = await start(pilot)
        await play_pass(pilot)
        await pilot.press("l", "home")
        first = log_entries(session_of(app).game)[0]
        await pilot.click(EventLog, offset=(4, 1))  # inside the border: the top row
        assert visible(log)[0].startswith("▼ T1 ")
        assert resolution_lines(first)[0] in "\n".join(visible(log))
        await pilot.click(EventLog, offset=(4, 1))
        assert visible(log)[0].startswith("▶ T1 ")


@sync
async def test_undo_rebuilds_the_log_from_the_shorter_history() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        log = await start(pilot)
        before = log.lines_text()
        await pilot.press("l", "home", "enter")  # an opened line before the cut stays open
        await play_pass(pilot)
        assert len(log.lines_text()) > len(before)
        await pilot.press("u")
        await settle(pilot)
        assert log.lines_text() == before
        assert not any("RU pass" in line for line in log.lines_text())
        await pilot.press("l", "home")
        assert visible(log)[0].startswith("▼ " + before[0][:20])


@sync
async def test_keys_and_clicks_on_an_empty_or_short_log_do_nothing_harmful() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=(80, 24)) as pilot:
        log = await start(pilot)
        await pilot.press("l", "pageup", "up", "enter", "pagedown", "pagedown", "down",
                          "space", "end", "home", "left", "right", "enter")
        await pilot.click(EventLog, offset=(2, 0))
        await pilot.click(EventLog, offset=(2, 4))
        await settle(pilot)
        assert app.is_running and log.lines_text()


def test_the_line_marks_rulings_and_colours_the_actor() -> None:
    plain = Resolution(turn=3, step="move", actor="RU", text="RU pass")
    label = label_of(plain, {"RU": "red"})
    assert label.plain == "T3 RU pass"
    assert Style(color="red", bold=True) in [s.style for s in label.spans]
    ruled = Resolution(turn=3, step="move", actor="RU", text="RU pass", facilitator="storm")
    assert "⚖ umpire: " in label_of(ruled, {}).plain
    note = Resolution(turn=2, step="note", actor=None, text="note", facilitator="well done")
    assert label_of(note, {}).plain == "T2 ✎ note: well done"
