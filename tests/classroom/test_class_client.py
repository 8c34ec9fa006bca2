"""The Textual class client against a running server, driven with keys: a team seals an
order from its move list, the projector shows who has sealed (never what), and the
facilitator's console rules on an order and reveals the turn."""

from __future__ import annotations

import asyncio
import io
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from class_helpers import connect, reveal_now, running_class
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from caspian_tabletop.classroom.hosting import issue_codes
from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.render.offers import outcome_lines
from caspian_tabletop.tui.class_client.app import ClassClientApp
from caspian_tabletop.tui.class_client.screens import (
    CodeScreen,
    FacilitatorScreen,
    ProjectorScreen,
    PromptScreen,
    TeamScreen,
)
from caspian_tabletop.tui.screens.dialogs import AskDialog
from caspian_tabletop.tui.served import Served

UNTIL_SECONDS = 30.0


def _text(widget: Static) -> str:
    console = Console(width=200, record=True, color_system=None, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


async def _until(pilot: Pilot[None], done: Callable[[], bool], what: str) -> None:
    """Wait for `done`, up to `UNTIL_SECONDS` of wall time: a loaded machine runs the
    server, three clients and the test in one event loop slowly, not wrongly."""
    deadline = time.monotonic() + UNTIL_SECONDS
    while time.monotonic() < deadline:
        await pilot.pause(0.02)
        if done():
            return
    raise AssertionError(f"never happened: {what}")


def _view(app: ClassClientApp) -> dict[str, Any]:
    assert app.view is not None
    return app.view


def test_team_projector_and_facilitator_clients_play_a_turn(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            room = hosted.room
            codes = hosted.codes
            team = ClassClientApp(base)  # asks for the code
            wall = ClassClientApp(base, codes.projector)
            console = ClassClientApp(base, codes.facilitator)
            async with team.run_test(size=(140, 44)) as tp, \
                    wall.run_test(size=(140, 44)) as wp, \
                    console.run_test(size=(140, 44)) as fp:
                assert isinstance(team.screen, CodeScreen)
                await tp.click("#code")
                await tp.press(*"KZ-ZZZZ", "enter")  # a wrong code: asked again, with why
                await _until(tp, lambda: isinstance(team.screen, CodeScreen) and "not one"
                             in _text(team.screen.query_one("#code-problem", Static)),
                             "the wrong code is refused")
                team.screen.query_one("#code", Input).value = codes.teams["KZ"]
                await tp.press("enter")
                await _until(tp, lambda: isinstance(team.screen, TeamScreen)
                             and team.view is not None, "the team board")
                await tp.press("f3", "down", "enter")  # seal the second legal move
                await _until(tp, lambda: "KZ" in room.state.sealed, "the order is sealed")
                sealed = room.state.sealed["KZ"].move.notation()
                assert sealed == _view(team)["team"]["legal"][1]
                await _until(tp, lambda: "Your sealed order: " + sealed in _text(
                    team.screen.query_one("#my-order", Static)), "the team sees its order")

                await _until(wp, lambda: isinstance(wall.screen, ProjectorScreen)
                             and wall.view is not None and any(
                                 t["submitted"] for t in _view(wall)["teams"]),
                             "the projector shows KZ has sealed")
                board = _text(wall.screen.query_one("#teams", Static))
                assert "sealed" in board and sealed not in str(wall.view)

                await _until(fp, lambda: isinstance(console.screen, FacilitatorScreen)
                             and console.view is not None
                             and "facilitator" in _view(console)
                             and any(o["actor"] == "KZ"
                                     for o in _view(console)["facilitator"]["orders"]),
                             "the console lists the order")
                table = console.screen.query_one("#orders", DataTable)
                rows = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
                table.move_cursor(row=rows.index("KZ"))
                await fp.press("o")
                await fp.press(*"failure", "enter", *"storm", "enter")
                await _until(fp, lambda: room.state.sealed["KZ"].force == "failure",
                             "the ruling")
                await _until(fp, lambda: "failure: storm" in [
                    str(table.get_row_at(i)[4]) for i in range(table.row_count)],
                    "the console shows the ruling")
                await fp.press("r")
                await _until(fp, lambda: room.state.phase == "answers"
                             or room.session.game.turn == 2, "the orders close")
                if room.state.phase == "answers":
                    await _until(fp, lambda: _view(console)["phase"] == "answers",
                                 "the console sees the answers phase")
                    await fp.press("r")
                    if isinstance(console.screen, AskDialog):  # teams still owe answers
                        await fp.press("y")
                await _until(wp, lambda: _view(wall)["turn"] == 2 and bool(
                    _view(wall)["revealed"]), "the projector shows the reveal")
                log = _text(wall.screen.query_one("#revealed", Static))
                assert f"KZ: {sealed} — " in log and "umpire override" in log
                await _until(tp, lambda: _view(team)["turn"] == 2, "the team sees turn 2")
                assert _view(team)["digest"] == _view(wall)["digest"] == \
                    room.session.game.digest()
            for app in (team, wall, console):
                if app.connection is not None:
                    await app.connection.close()
    asyncio.run(scenario())


def test_the_console_exports_the_game_and_never_overwrites(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            console = ClassClientApp(base, hosted.codes.facilitator)
            target = tmp_path / "class.yaml"
            async with console.run_test(size=(140, 44)) as fp:
                await _until(fp, lambda: isinstance(console.screen, FacilitatorScreen)
                             and console.view is not None, "the console")
                await fp.press("e", *str(target), "enter")
                await _until(fp, target.exists, "the export is written")
                first = target.read_text()
                assert "human Astana" in first
                target.write_text("mine")
                await fp.press("e", *str(target), "enter")
                await _until(fp, lambda: any("exists" in n.message
                                             for n in console._notifications),
                             "the refusal")
                assert target.read_text() == "mine"
                assert console.connection is not None
                await console.connection.close()
    asyncio.run(scenario())


def test_a_browser_tabs_export_goes_to_the_browser_never_to_a_named_file(
        tmp_path: Path) -> None:
    """Served, `e` asks for no file: the game is kept under our name in the tab's folder and
    delivered to the browser; a path typed by the remote client is never written."""
    folder = tmp_path / "class-tabs" / "0123" / "saves"
    named = tmp_path / "written-by-browser.yaml"

    async def scenario() -> None:
        async with running_class() as (base, hosted):
            console = ClassClientApp(base, hosted.codes.facilitator,
                                     served=Served(folder, None))
            delivered: list[tuple[Path, dict[str, Any]]] = []
            console.deliver_text = (  # type: ignore[method-assign]
                lambda path, **options: delivered.append((path, options)))
            async with console.run_test(size=(140, 44)) as fp:
                await _until(fp, lambda: isinstance(console.screen, FacilitatorScreen)
                             and console.view is not None, "the console")
                await fp.press("e")
                await _until(fp, lambda: len(delivered) == 1, "the first delivery")
                assert not isinstance(console.screen, PromptScreen)  # no file was asked for
                console.export_to(str(named))  # as if the client had typed a path
                await _until(fp, lambda: len(delivered) == 2, "the second delivery")
                assert console.connection is not None
                await console.connection.close()
        assert not named.exists()
        paths = [path for path, _ in delivered]
        assert [options for _, options in delivered] == [{"save_filename": p.name}
                                                         for p in paths]
        assert sorted(folder.iterdir()) == sorted(paths) and paths[0] != paths[1]
        assert all(re.fullmatch(r"class-game-\d{8}-\d{4}(-2)?\.yaml", p.name) for p in paths)
        assert all("human Astana" in p.read_text(encoding="utf-8") for p in paths)

    asyncio.run(scenario())


def test_a_team_answers_an_offer_after_another_team_has_answered() -> None:
    """Views arrive while a team looks at its offers; its cursor stays where it was."""
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            room = hosted.room
            az = await connect(base, hosted.codes.teams["AZ"])
            facilitator = await connect(base, hosted.codes.facilitator)
            team = ClassClientApp(base, hosted.codes.teams["RU"])
            async with team.run_test(size=(140, 44)) as tp:
                await _until(tp, lambda: isinstance(team.screen, TeamScreen)
                             and team.view is not None, "the team board")
                await tp.press("f4", *"RU trade AZ instc-west 0.5", "enter")
                await az.ask({"type": "order", "move": "AZ trade RU instc-west 0.25"})
                await _until(tp, lambda: "RU" in room.state.sealed, "RU's order")
                await facilitator.ask(reveal_now(room))
                await _until(tp, lambda: bool(_view(team)["team"]["offers"]),
                             "RU sees AZ's offer")
                await az.ask({"type": "answer", "offer_from": "RU", "accept": True})
                await _until(tp, lambda: _view(team)["facilitator_connected"] is True
                             and room.state.answers.get("RU") is True, "AZ's answer")
                await tp.pause(0.2)  # the view after AZ's answer has been drawn
                await tp.press("enter")
                await _until(tp, lambda: isinstance(team.screen, AskDialog), "the question")
                offer = _view(team)["team"]["offers"][0]  # the highlighted offer
                first = offer["from"]
                # The dialog says what each answer would do to RU, as the room's game has it.
                outcomes = outcome_lines(room.session.game.offer_outcomes(
                    parse_move(offer["move"])))
                assert offer["outcomes"] == outcomes
                assert isinstance(team.screen, AskDialog)
                assert all(line in team.screen.body for line in outcomes)
                await tp.press("y")
                await _until(tp, lambda: room.state.answers.get(first) is True,
                             "RU's answer reaches the room")
                assert team.connection is not None
                await team.connection.close()
            await az.close()
            await facilitator.close()
    asyncio.run(scenario())


def test_a_reveal_that_would_decline_unanswered_offers_is_asked_first() -> None:
    """A second `r` a moment after the first finds the class at its answers: it must not
    end a team's chance to answer an offer without the facilitator saying so."""
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            room = hosted.room
            ru = await connect(base, hosted.codes.teams["RU"])
            console = ClassClientApp(base, hosted.codes.facilitator)
            async with console.run_test(size=(140, 44)) as fp:
                await _until(fp, lambda: isinstance(console.screen, FacilitatorScreen)
                             and console.view is not None, "the console")
                await ru.ask({"type": "order", "move": "RU trade AZ instc-west 0.5"})
                await fp.press("r")
                await _until(fp, lambda: console.view is not None
                             and _view(console)["phase"] == "answers", "the orders close")
                await fp.press("r")
                await _until(fp, lambda: isinstance(console.screen, AskDialog),
                             "the question")
                assert isinstance(console.screen, AskDialog)
                assert "AZ: RU trade AZ instc-west 0.5" in console.screen.body
                await fp.press("n")
                await fp.pause(0.3)
                assert room.state.phase == "answers" and room.session.game.turn == 1
                await fp.press("r")
                await _until(fp, lambda: isinstance(console.screen, AskDialog),
                             "the question again")
                await fp.press("y")
                await _until(fp, lambda: room.session.game.turn == 2, "the reveal")
                assert console.connection is not None
                await console.connection.close()
            await ru.close()
    asyncio.run(scenario())


def test_the_timer_redraws_nothing_on_a_screen_not_composed() -> None:
    """The app's one-second timer can fire while a role screen is being pushed or torn down
    (it did in a clean-clone run); the status line is then absent and nothing is drawn."""
    for screen in (TeamScreen(), ProjectorScreen(), FacilitatorScreen()):
        screen.view = {"turn": 1}
        screen.tick()
        assert not list(screen.query("#status"))


def test_a_device_whose_token_was_revoked_is_asked_for_its_code_again() -> None:
    """A resume without --keep-tokens revokes every token: the client, refused when it
    reconnects, goes back to the code screen saying why, and the new code brings it in."""
    async def scenario() -> None:
        async with running_class() as (base, hosted):
            team = ClassClientApp(base, hosted.codes.teams["KZ"])
            async with team.run_test(size=(140, 44)) as pilot:
                await _until(pilot, lambda: isinstance(team.screen, TeamScreen)
                             and team.view is not None, "the team board")
                fresh = issue_codes(hosted.store, hosted.room)  # as a resume does
                connection = team.connection
                assert connection is not None and connection._ws is not None
                await connection._ws.close()  # as a restarted server drops it
                await _until(pilot, lambda: isinstance(team.screen, CodeScreen)
                             and "unknown token" in _text(
                                 team.screen.query_one("#code-problem", Static)),
                             "the code screen, with why")
                assert team.joined is None and team.connection is None
                team.screen.query_one("#code", Input).value = fresh.teams["KZ"]
                await pilot.press("enter")
                await _until(pilot, lambda: isinstance(team.screen, TeamScreen)
                             and team.view is not None, "the team board again")
                assert team.connection is not None
                await team.connection.close()
    asyncio.run(scenario())
