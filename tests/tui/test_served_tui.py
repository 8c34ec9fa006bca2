"""A served TUI (one browser session of `serve`): saves by plain name in its own folder, files
opened from lists, downloads to the browser, no typed path anywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static
from tui_helpers import session_of, settle, start_tutorial, sync

from caspian_tabletop import saves
from caspian_tabletop.replay import load_replay
from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.dialogs import AskDialog, PathDialog
from caspian_tabletop.tui.screens.file_choice import FileChoiceDialog
from caspian_tabletop.tui.screens.game import GameScreen
from caspian_tabletop.tui.screens.replay_viewer import ReplayScreen
from caspian_tabletop.tui.screens.save_name import SaveNameDialog
from caspian_tabletop.tui.screens.start import StartScreen
from caspian_tabletop.tui.served import FACILITATOR_PASS_ENV, SERVED_ENV, Served, name_problem

SIZE = (120, 40)


def served_app(folder: Path) -> CaspianApp:
    return CaspianApp("tutorial", served=Served(folder, "k7m4q9tr"))


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


async def type_save_name(pilot: Pilot[None], name: str) -> None:
    dialog = pilot.app.screen
    assert isinstance(dialog, SaveNameDialog), type(dialog)
    dialog.query_one("#save-name", Input).value = name
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("name", ["plain", "team-baku_3", "turn3.yaml", "  spaced  "])
def test_plain_names_are_accepted(name: str) -> None:
    assert name_problem(name) is None


@pytest.mark.parametrize("name", ["../x", "/etc/x", "a/b", "a\\b", ".hidden", "x.y", "~/x",
                                  "-x", "two words", "", "autosave", "Autosave-2",
                                  "x" * 61, "é"])
def test_names_that_could_leave_the_folder_are_refused(name: str) -> None:
    assert name_problem(name) is not None


def test_the_environment_marks_a_served_process(tmp_path: Path) -> None:
    assert Served.from_environment({}) is None
    served = Served.from_environment({SERVED_ENV: "1", FACILITATOR_PASS_ENV: "k7m4q9tr"})
    assert served == Served(saves.saves_dir(), "k7m4q9tr")
    assert Served.from_environment({SERVED_ENV: "1"}) == Served(saves.saves_dir(), None)


@sync
async def test_the_save_dialog_keeps_saves_inside_the_sessions_folder(tmp_path: Path) -> None:
    folder = saves.saves_dir()
    app = served_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        before = files_under(tmp_path)
        await pilot.press("s")
        await pilot.pause()
        for bad in ("../x", "/etc/x", "a/b", "..", ".x"):
            await type_save_name(pilot, bad)
            assert isinstance(app.screen, SaveNameDialog), bad
            assert str(app.screen.query_one("#save-problem", Static).content), bad
        assert files_under(tmp_path) == before
        assert not Path("/etc/x").exists()
        await type_save_name(pilot, "team-baku")
        assert isinstance(app.screen, GameScreen)
        saved = folder / "team-baku.yaml"
        assert files_under(tmp_path) - before == {saved}
        assert load_replay(saved).seed == session_of(app).game.seed


@sync
async def test_saving_over_a_save_asks_and_no_keeps_it() -> None:
    folder = saves.saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mine.yaml").write_text("an older save\n", encoding="utf-8")
    app = served_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await pilot.press("s")
        await pilot.pause()
        await type_save_name(pilot, "mine")
        assert isinstance(app.screen, AskDialog)
        await pilot.press("n")
        await pilot.pause()
        assert (folder / "mine.yaml").read_text(encoding="utf-8") == "an older save\n"
        await pilot.press("s")
        await pilot.pause()
        await type_save_name(pilot, "mine.yaml")
        await pilot.press("y")
        await pilot.pause()
        assert load_replay(folder / "mine.yaml").scenario.id == "tutorial"


@sync
async def test_save_and_download_delivers_the_saved_file_to_the_browser() -> None:
    folder = saves.saves_dir()
    app = served_app(folder)
    delivered: list[tuple[Any, dict[str, Any]]] = []
    app.deliver_text = lambda path, **options: delivered.append((path, options))  # type: ignore
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#save-name", Input).value = "for-home"
        await pilot.click("#download")
        await pilot.pause()
    assert delivered == [(folder / "for-home.yaml", {"save_filename": "for-home.yaml"})]
    assert (folder / "for-home.yaml").is_file()


@sync
async def test_load_lists_the_folders_saves_and_opens_the_chosen_one() -> None:
    folder = saves.saves_dir()
    app = served_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await pilot.press("s")
        await pilot.pause()
        await type_save_name(pilot, "first-game")
        seed = session_of(app).game.seed
        app.action_new_game()
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert not app.screen.query("#scenario-path")  # no scenario file typed either
        await pilot.press("ctrl+o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FileChoiceDialog) and not dialog.query(Input)
        names = [label.split()[0] for label, _ in dialog.entries]
        assert names == ["first-game"]  # the game's own autosave is under Resume
        dialog.query_one(OptionList).highlighted = names.index("first-game")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert session_of(app).game.seed == seed


@sync
async def test_an_empty_folder_says_so() -> None:
    app = served_app(saves.saves_dir())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, FileChoiceDialog)
        empty = app.screen.query_one("#file-choices-empty", Static)
        assert "No saved games yet" in str(empty.content)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


@sync
async def test_watch_offers_the_bundled_replays_and_opens_one() -> None:
    app = served_app(saves.saves_dir())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FileChoiceDialog)
        labels = [label for label, _ in dialog.entries]
        assert any("historical-2020-2021" in label for label in labels)
        dialog.query_one(OptionList).highlighted = next(
            i for i, label in enumerate(labels) if "historical" in label)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReplayScreen)


@sync
async def test_in_a_terminal_the_path_dialogs_stay() -> None:
    app = CaspianApp("tutorial", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query("#scenario-path")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
