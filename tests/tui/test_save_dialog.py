"""The Save dialog: a new file is written at once; an existing one only after "Replace?" is
answered yes; no keeps it and brings the path prompt back; errors show in the error dialog."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_helpers import start_tutorial, sync

from caspian_tabletop.replay import load_replay
from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.dialogs import AskDialog, ErrorDialog, PathDialog
from caspian_tabletop.tui.screens.game import GameScreen

SIZE = (120, 40)
OLD = "a file the class needs\n"


async def save_as(pilot: Pilot[None], path: Path) -> None:
    """Press `s` on the board, give `path` and confirm."""
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PathDialog)
    pilot.app.screen.query_one("#path", Input).value = str(path)
    await pilot.press("enter")
    await pilot.pause()


@sync
async def test_a_new_file_is_saved_without_asking(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    app = CaspianApp("tutorial", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await save_as(pilot, path)
        assert isinstance(app.screen, GameScreen)
    assert load_replay(path).scenario.id == "tutorial"


@sync
async def test_no_keeps_the_file_and_asks_for_another_path(tmp_path: Path) -> None:
    path = tmp_path / "class.yaml"
    path.write_text(OLD, encoding="utf-8")
    app = CaspianApp("tutorial", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await save_as(pilot, path)
        assert isinstance(app.screen, AskDialog)
        assert f"Replace {path}?" in str(app.screen.query_one(".dialog-body", Static).content)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        assert app.screen.query_one("#path", Input).value == str(path)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
    assert path.read_text(encoding="utf-8") == OLD


@sync
async def test_yes_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "class.yaml"
    path.write_text(OLD, encoding="utf-8")
    app = CaspianApp("tutorial", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await save_as(pilot, path)
        assert isinstance(app.screen, AskDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
    assert load_replay(path).scenario.id == "tutorial"


@sync
async def test_a_missing_folder_is_shown_as_an_error(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "class.yaml"
    app = CaspianApp("tutorial", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await save_as(pilot, path)
        assert isinstance(app.screen, ErrorDialog)
        assert app.screen.lines == [f"{path}: error: cannot write: the folder "
                                    f"{tmp_path / 'missing'} does not exist"]
    assert not (tmp_path / "missing").exists()
