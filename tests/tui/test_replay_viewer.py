"""The replay viewer: open the shipped replay, step by move and by turn, then branch."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static
from tui_helpers import session_of, settle, sync, text_of

from caspian_tabletop.replay import load_replay, replay_game
from caspian_tabletop.tui.app import HISTORICAL_REPLAY, CaspianApp
from caspian_tabletop.tui.screens.dialogs import ErrorDialog
from caspian_tabletop.tui.screens.form import FormDialog
from caspian_tabletop.tui.screens.game import GameScreen
from caspian_tabletop.tui.screens.replay_viewer import ReplayScreen
from caspian_tabletop.tui.screens.start import StartScreen

SIZE = (120, 40)


@sync
async def test_step_forward_and_back_then_branch() -> None:
    replay = load_replay(HISTORICAL_REPLAY)
    first = replay.turns[0].steps
    app = CaspianApp(autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")  # the default path: the shipped historical replay
        await pilot.pause()
        viewer = app.screen
        assert isinstance(viewer, ReplayScreen)
        cursor = viewer.cursor
        assert cursor.position == (0, 0)
        await pilot.press("right", "right")
        assert cursor.position == (0, 2) and cursor.game().turn == 1
        info = text_of(viewer.query_one("#replay-info", Static))
        assert (first[1].move or first[1].note or "")[:20] in info
        await pilot.press("left")
        assert cursor.position == (0, 1)
        await pilot.press("pagedown")
        assert cursor.position == (0, len(first)) and cursor.turn == 2
        assert cursor.game().turn == 2
        await pilot.press("pageup")
        assert cursor.position == (0, 0)
        await pilot.press("end")
        assert cursor.game().state.digest() == replay_game(replay).state.digest()
        await pilot.press("home", "pagedown")
        await pilot.press("b")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        for actor in cursor.compiled.actors:
            form.query_one(f"#f-{actor}").value = "human" if actor == "AZ" else "ai easy"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        session = session_of(app)
        assert session.seats["AZ"].kind == "human" and session.seats["RU"].detail == "easy"
        assert session.game.turn == 2
        assert session.awaiting == "AZ"
        assert session.mode == "classroom"


@sync
async def test_a_changed_file_is_refused_by_the_viewer_and_by_load(tmp_path: Path) -> None:
    tampered = tmp_path / "tampered.yaml"
    tampered.write_text(HISTORICAL_REPLAY.read_text(encoding="utf-8").replace(
        "seed: ", "seed: 1", 1), encoding="utf-8")
    app = CaspianApp(autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("ctrl+e", "ctrl+o"):  # watch it, then load it to play on
            await settle(pilot)
            await pilot.press(key)
            await pilot.pause()
            app.screen.query_one(Input).value = str(tampered)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ErrorDialog)
            assert "turn 1: digest mismatch" in "\n".join(app.screen.lines)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, StartScreen)
