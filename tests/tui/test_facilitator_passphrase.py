"""The facilitator panel behind a passphrase: on one laptop in a classroom game (chosen at the
start, kept as a hash in the save, asked again after a resume), and in a served session (the
server's passphrase); a solo game keeps its simple confirmation."""

from __future__ import annotations

from pathlib import Path

from classroom_helpers import PASSPHRASE, SIZE, choose_passphrase, classroom_app, start_classroom
from textual.pilot import Pilot
from textual.widgets import Static
from tui_helpers import session_of, settle, start_tutorial, sync

from caspian_tabletop import saves
from caspian_tabletop.domain.seats import Seat
from caspian_tabletop.passphrase import FREE_TRIES, TryGuard, opens
from caspian_tabletop.replay import load_replay
from caspian_tabletop.session import Session
from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.dialogs import AskDialog
from caspian_tabletop.tui.screens.facilitator import FacilitatorScreen
from caspian_tabletop.tui.screens.game import GameScreen
from caspian_tabletop.tui.screens.passphrase import (
    WRONG,
    ChoosePassphraseDialog,
    PassphraseDialog,
)
from caspian_tabletop.tui.screens.start import StartScreen
from caspian_tabletop.tui.served import Served
from shipped import scenario

SERVER_PASS = "k7m4q9tr"


def problem_text(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#passphrase-problem", Static).content)


async def try_passphrase(pilot: Pilot[None], typed: str) -> None:
    """F2, then type `typed` (each character a key) and Enter."""
    if not isinstance(pilot.app.screen, PassphraseDialog):
        await pilot.press("f2")
        await pilot.pause()
    assert isinstance(pilot.app.screen, PassphraseDialog), type(pilot.app.screen)
    await pilot.press(*typed, "enter")
    await pilot.pause()


async def assert_closed_by_y_and_a_wrong_passphrase(pilot: Pilot[None], right: str) -> None:
    await try_passphrase(pilot, "y")  # the old confirmation key is just a wrong passphrase
    assert isinstance(pilot.app.screen, PassphraseDialog)
    assert problem_text(pilot) == WRONG
    await try_passphrase(pilot, right[:-1])
    assert isinstance(pilot.app.screen, PassphraseDialog)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GameScreen)
    await try_passphrase(pilot, right)
    assert isinstance(pilot.app.screen, FacilitatorScreen)


@sync
async def test_a_hot_seat_classroom_game_opens_the_panel_with_its_passphrase_only() -> None:
    app = classroom_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_classroom(pilot, order="sequential", humans=("RU", "AZ"))
        assert isinstance(app.screen, GameScreen)
        lock = session_of(app).facilitator_lock
        assert lock is not None and opens(lock, PASSPHRASE)
        await assert_closed_by_y_and_a_wrong_passphrase(pilot, PASSPHRASE)


@sync
async def test_a_classroom_game_starts_only_once_a_passphrase_is_chosen_twice_alike() -> None:
    app = classroom_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#mode").value = "classroom"  # type: ignore[attr-defined]
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ChoosePassphraseDialog)
        await pilot.press(*"abc", "enter", *"abc", "enter")  # too short
        assert "at least 4" in problem_text(pilot)
        await pilot.press(*"ternlamp", "enter", *"ternlump", "enter")
        assert "differ" in problem_text(pilot)
        assert isinstance(app.screen, ChoosePassphraseDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)  # no game without a passphrase
        await pilot.press("ctrl+n")
        await pilot.pause()
        await choose_passphrase(pilot)
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)


@sync
async def test_a_resumed_classroom_game_still_asks_for_its_passphrase(tmp_path: Path) -> None:
    first = CaspianApp("tutorial")
    async with first.run_test(size=SIZE) as pilot:
        await start_classroom(pilot, order="sequential", humans=("RU", "AZ"))
        await settle(pilot)
    [saved] = saves.list_games()
    text = saved.path.read_text(encoding="utf-8")
    assert "facilitator_lock: scrypt$" in text and PASSPHRASE not in text

    resumed = CaspianApp("tutorial")
    async with resumed.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("enter")  # the one game in the list
        await settle(pilot)
        assert isinstance(resumed.screen, GameScreen)
        await assert_closed_by_y_and_a_wrong_passphrase(pilot, PASSPHRASE)


@sync
async def test_a_classroom_game_saved_without_a_passphrase_asks_for_one_first() -> None:
    app = classroom_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seats = {"RU": Seat("human", "Team RU"), "AZ": Seat("human", "Team AZ")}
        path = saves.games_dir() / "tutorial-20261201-0900-abcdef.yaml"
        path.parent.mkdir(parents=True)
        session = Session.start(scenario("tutorial"), seats, seed=2, mode="classroom",
                                autosave_path=path)
        app.play(session)
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ChoosePassphraseDialog)
        await choose_passphrase(pilot)
        assert isinstance(app.screen, FacilitatorScreen)
        saved = load_replay(path).facilitator_lock
        assert saved is not None and opens(saved, PASSPHRASE)


@sync
async def test_wrong_tries_in_a_row_make_the_next_wait() -> None:
    app = classroom_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_classroom(pilot, order="sequential", humans=("RU", "AZ"))
        game_screen = app.screen
        assert isinstance(game_screen, GameScreen)
        now = [0.0]
        game_screen.umpire.guard = TryGuard(clock=lambda: now[0])
        for _ in range(FREE_TRIES):
            await try_passphrase(pilot, "wrong")
        await try_passphrase(pilot, PASSPHRASE)  # right, but too soon: not even checked
        assert isinstance(app.screen, PassphraseDialog)
        assert "wait 5 s" in problem_text(pilot)
        now[0] += 5.0
        await try_passphrase(pilot, PASSPHRASE)
        assert isinstance(app.screen, FacilitatorScreen)


@sync
async def test_a_served_session_asks_for_the_servers_passphrase() -> None:
    app = CaspianApp("tutorial", autosave=False,
                     served=Served(saves.saves_dir(), SERVER_PASS))
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)  # a solo game: in a browser it asks all the same
        await assert_closed_by_y_and_a_wrong_passphrase(pilot, SERVER_PASS)


@sync
async def test_a_served_classroom_game_needs_no_passphrase_of_its_own() -> None:
    app = CaspianApp("tutorial", autosave=False,
                     served=Served(saves.saves_dir(), SERVER_PASS))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#mode").value = "classroom"  # type: ignore[attr-defined]
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert session_of(app).facilitator_lock is None
        await try_passphrase(pilot, PASSPHRASE)
        assert isinstance(app.screen, PassphraseDialog)
        await try_passphrase(pilot, SERVER_PASS)
        assert isinstance(app.screen, FacilitatorScreen)


@sync
async def test_a_server_without_a_passphrase_keeps_the_panel_shut() -> None:
    app = CaspianApp("tutorial", autosave=False, served=Served(saves.saves_dir(), None))
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await try_passphrase(pilot, "")
        assert isinstance(app.screen, PassphraseDialog)
        assert problem_text(pilot) == WRONG


@sync
async def test_a_solo_game_keeps_the_simple_confirmation() -> None:
    app = CaspianApp("tutorial", autosave=False)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
