"""Playing through the TUI with keys only, checked against the engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static
from tui_helpers import session_of, settle, start_tutorial, sync, text_of

from caspian_tabletop.domain.moves import Move, MoveKind
from caspian_tabletop.replay import run_replay
from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.dialogs import ErrorDialog
from caspian_tabletop.tui.screens.end import EndScreen
from caspian_tabletop.tui.screens.game import GameScreen

SIZE = (120, 40)
async def play_pass(pilot: Pilot[None]) -> None:
    await pilot.press("m", "end", "enter", "enter")
    await settle(pilot)


async def play_first_choice(pilot: Pilot[None]) -> None:
    """The first move type with options, its first values, commit; pass if none fits."""
    session = session_of(pilot.app)  # type: ignore[arg-type]
    before = session.game.undo_depth
    await pilot.press("m")
    for _ in range(5):
        await pilot.press("enter")
        await settle(pilot)
        if session.game.undo_depth != before or session.game.is_over:
            return
    await pilot.press("escape", "escape", "escape", "escape")
    await play_pass(pilot)


@pytest.mark.parametrize("strength", ["easy", "normal"])
@sync
async def test_solo_tutorial_to_the_end_with_keys(strength: str) -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot, strength)
        session = session_of(app)
        assert session.seats["AZ"].detail == strength
        for _ in range(12):
            if session.game.is_over:
                break
            assert session.awaiting == "RU"
            await play_first_choice(pilot)
        assert session.game.is_over
        assert isinstance(app.screen, EndScreen)
        rebuilt = run_replay(session.to_replay(), verify=True).game
        assert rebuilt.scores() == session.game.scores()
        moves = [r.move for r in session.game.records if r.kind == "move"]
        assert any(m and m.startswith("RU trade") for m in moves)
        report = text_of(app.screen.query_one("#end-report", Static))
        best = max(session.game.scores().values())
        assert f"{best:.1f}" in report


@sync
async def test_undo_takes_back_the_human_move() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        session = session_of(app)
        start_digest = session.game.state.digest()
        await play_first_choice(pilot)
        assert session.game.state.digest() != start_digest
        await pilot.press("u")
        await settle(pilot)
        assert session.game.state.digest() == start_digest
        assert session.awaiting == "RU"
        await pilot.press("u")  # nothing left to undo: a notification, no crash
        await settle(pilot)
        assert session.game.state.digest() == start_digest


@sync
async def test_builder_refuses_an_illegal_move_with_the_engines_reason() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        session = session_of(app)
        game = session.game
        await pilot.press("t")
        await pilot.press(*"RU blockade instc-west middle", "enter")
        preview = text_of(app.screen.query_one("#preview", Static))
        reason = game.why_illegal(Move(
            MoveKind.BLOCKADE, "RU", corridor="instc-west", zone="middle"))
        assert reason is not None
        assert "not allowed" in preview
        assert reason[:30] in " ".join(preview.split())
        assert game.undo_depth == 0
        await pilot.press("ctrl+a", "backspace", *"RU fly moon", "enter")
        assert "unknown move kind" in text_of(app.screen.query_one("#preview", Static))


@sync
async def test_a_bad_scenario_file_shows_its_located_problems(tmp_path: object) -> None:
    from pathlib import Path

    bad = Path(str(tmp_path)) / "bad.yaml"
    bad.write_text("id: Bad Id\ntitle: 3\n", encoding="utf-8")
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#scenario-path")
        await pilot.press(*str(bad), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        text = "\n".join(app.screen.lines)
        assert f"{bad}:1:" in text and "error:" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, ErrorDialog)


@sync
async def test_a_bad_save_file_says_why(tmp_path: object) -> None:
    from pathlib import Path

    bad = Path(str(tmp_path)) / "save.yaml"
    bad.write_text("format: caspian-replay\nversion: 1\n", encoding="utf-8")
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*str(bad), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert str(bad) in "\n".join(app.screen.lines)


@sync
async def test_new_game_chosen_while_the_scenario_is_read_starts_once_it_is(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The start screen appears before its scenario is read (in the background); Ctrl+N
    pressed meanwhile is kept, not lost, and starts the game when the scenario arrives."""
    import threading

    import caspian_tabletop.tui.app as app_module

    release = threading.Event()
    read = app_module._scenario

    def slow_read(name: str) -> object:
        release.wait(10)
        return read(name)

    monkeypatch.setattr(app_module, "_scenario", slow_read)
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Reading tutorial" in text_of(app.screen.query_one("#summary", Static))
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert not isinstance(app.screen, GameScreen)
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert session_of(app).game.scenario.id == "tutorial"


@sync
async def test_help_shows_the_keys_and_the_whole_rulebook() -> None:
    from caspian_tabletop.paths import rulebook_path
    from caspian_tabletop.tui.screens.help import HelpScreen

    headings = [line.lstrip("# ").strip() for line in
                rulebook_path().read_text(encoding="utf-8").splitlines()
                if line.startswith("## ")]
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.query_one("Markdown").source  # type: ignore[attr-defined]
        assert "Ctrl+P" in shown
        assert all(heading in shown for heading in headings) and len(headings) >= 8
        await pilot.press("escape")
        assert isinstance(app.screen, GameScreen)


@sync
async def test_a_new_game_is_autosaved_once_its_screen_is_drawn(tmp_path: Path) -> None:
    from caspian_tabletop.saves import list_games

    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        [saved] = list_games()
        assert saved.scenario == "tutorial" and saved.open_by is not None  # this window's


@sync
async def test_a_game_that_cannot_be_saved_goes_on_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from caspian_tabletop.saves import HOME_ENV

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(HOME_ENV, str(blocker))
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        warning = app.screen.query_one("#save-warning", Static)
        assert warning.display
        shown = " ".join(text_of(warning).split())  # wrapped where the path's length puts it
        assert "autosave failed" in shown
        assert "this game is not being saved" in shown
        await play_pass(pilot)  # the game goes on
        assert session_of(app).game.undo_depth > 0
        assert blocker.read_text(encoding="utf-8") == "not a folder"


@sync
async def test_a_full_disk_mid_game_is_shown_and_the_last_save_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    from caspian_tabletop.saves import list_games

    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        [saved] = list_games()
        good = saved.path.read_bytes()
        warning = app.screen.query_one("#save-warning", Static)
        assert not warning.display

        def full(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)
        await play_pass(pilot)
        assert warning.display
        assert "autosave failed: disk full — this game is not being saved" in text_of(warning)
        assert saved.path.read_bytes() == good
        assert sorted(p.name for p in saved.path.parent.iterdir()) == sorted(
            [saved.path.name, saved.path.name + ".lock"])  # no temporary file left behind


@sync
async def test_resume_lists_the_saved_games_and_continues_the_chosen_one() -> None:
    from textual.widgets import DataTable

    from caspian_tabletop.tui.screens.saved_games import SavedGamesScreen

    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await play_pass(pilot)
        first = session_of(app)
        digest, records = first.game.state.digest(), len(first.game.records)
        app.action_new_game()
        await pilot.pause()
        await start_tutorial(pilot)  # a second game: the first one is kept
        app.action_new_game()
        await pilot.pause()
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, SavedGamesScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        await pilot.press("down", "enter")  # the older game, second in the list
        await settle(pilot)
        resumed = session_of(app)
        assert isinstance(app.screen, GameScreen) and resumed is not first
        assert resumed.game.state.digest() == digest
        assert len(resumed.game.records) == records


@sync
async def test_the_advisor_offers_three_moves_and_hands_the_chosen_one_to_the_builder() -> None:
    from textual.widgets import OptionList

    from caspian_tabletop.tui.screens.advisor import AdvisorScreen

    app = CaspianApp("caspian-2021")
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        session = session_of(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AdvisorScreen)
        assert app.screen.query_one("#advice", OptionList).option_count == 3
        second = app.screen.advice[1].move
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        await pilot.press("enter")  # the builder waits on its confirm step: commit
        await settle(pilot)
        played = [r.move for r in session.game.records if r.kind == "move"]
        assert played[0] == second.notation()
