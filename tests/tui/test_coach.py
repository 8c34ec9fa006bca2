"""The coached first game, played to its end with keys only: each step points at its part of
the screen and moves on when the player has done what it teaches."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import session_of, settle, sync

from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.coach import STEPS, CoachPanel
from caspian_tabletop.tui.screens.advisor import AdvisorScreen
from caspian_tabletop.tui.screens.dialogs import AskDialog
from caspian_tabletop.tui.screens.end import EndScreen
from caspian_tabletop.tui.screens.game import GameScreen
from caspian_tabletop.tui.screens.start import StartScreen
from caspian_tabletop.tui.widgets.move_builder import MoveBuilder

SIZE = (100, 32)


def _coach(app: CaspianApp) -> CoachPanel:
    game = next(s for s in app.screen_stack if isinstance(s, GameScreen))
    return game.query_one(CoachPanel)


async def _until_step(pilot: Pilot[None], app: CaspianApp, index: int) -> None:
    """Wait for the coach's step `index`, declining any offer the AI seats make meanwhile."""
    for _ in range(100):
        await pilot.pause(0.05)
        if isinstance(app.screen, AskDialog):
            await pilot.press("n")
            await settle(pilot)
        if _coach(app).index == index:
            return
    raise AssertionError(f"the coach never reached step {index + 1}: {_coach(app).index + 1}")


@sync
async def test_the_coached_game_from_the_start_screen_to_the_end() -> None:
    app = CaspianApp("caspian-2021", compare_games=100)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        await pilot.press("ctrl+l")  # Learn to play, whatever scenario the form shows
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        session = session_of(app)
        game = session.game
        assert game.scenario.id == "tutorial"
        assert session.humans == ["AZ"]
        assert {s.detail for a, s in session.seats.items() if a != "AZ"} == {"easy"}
        coach = _coach(app)
        # Step 1 points at the goals; c moves on.
        assert coach.index == 0 and app.screen.query_one("#goals").has_class("-coached")
        await pilot.press("c")
        assert coach.index == 1 and app.screen.query_one("#map").has_class("-coached")
        assert not app.screen.query_one("#goals").has_class("-coached")
        await pilot.press("c")
        await _until_step(pilot, app, 2)  # the builder: waits for a move on its confirm step
        await pilot.press("c")  # c does nothing on a step that waits for a move
        assert coach.index == 2
        builder = app.screen.query_one(MoveBuilder)
        for _ in range(6):  # the first option at each step, down to the commit line
            if builder.final is not None:
                break
            await pilot.press("enter")
            await pilot.pause()
        await _until_step(pilot, app, 3)  # the preview: Enter commits
        await pilot.press("enter")
        await settle(pilot)
        await _until_step(pilot, app, 4)  # the log, with the first outcome explained
        first = next(r for r in game.explanations if r.step == "move" and r.actor == "AZ")
        assert first.text in str(coach.render())
        await pilot.press("l")
        await _until_step(pilot, app, 5)  # the advisor
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AdvisorScreen)
        await pilot.press("enter")  # its first pick goes to the builder's commit step
        await pilot.pause()
        await _until_step(pilot, app, 6)
        assert isinstance(app.screen, GameScreen)
        await pilot.press("enter")  # commit, whatever had the focus before the advisor
        await settle(pilot)
        await _until_step(pilot, app, len(STEPS) - 1)
        await pilot.press("c")  # the last step closes the coach
        await pilot.pause()
        assert not app.screen.query(CoachPanel)
        while not game.is_over:
            await pilot.press("m", "end", "enter", "enter")  # pass
            await settle(pilot)
        assert isinstance(app.screen, EndScreen)


@sync
async def test_the_coach_can_be_left_at_any_step() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.press("c")
        await pilot.press("x")
        await pilot.pause()
        assert not app.screen.query(CoachPanel)
        assert not app.screen.query(".-coached")
        await pilot.press("x", "c")  # the coach's keys do nothing once it has gone
        assert isinstance(app.screen, GameScreen)


@sync
async def test_a_new_game_gets_a_fresh_seed_shown_and_choosable(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed field holds a drawn seed (shown, so the game can be replayed); a typed one
    is used instead."""
    monkeypatch.setattr("caspian_tabletop.tui.setup.secrets.randbelow", lambda _: 4242)
    app = CaspianApp("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#seed", Input).value == "4242"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert session_of(app).game.seed == 4242
        assert "seed 4242" in str(app.screen.query_one("#header").render())
        app.pop_screen()
        await pilot.pause()
        seed = app.screen.query_one("#seed", Input)
        seed.value = "77"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert session_of(app).game.seed == 77
