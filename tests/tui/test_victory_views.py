"""The player is told what winning means: the goals panel during the game (beside the log at
80×24) and, at the end, each actor's level and why."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Static
from tui_helpers import session_of, settle, start_tutorial, sync, text_of

from caspian_tabletop.analysis.comparison import compare_with_bots
from caspian_tabletop.engine.victory import verdicts
from caspian_tabletop.render.victory import (
    achievement,
    comparison_words,
    goal_status,
    standing_line,
    verdict_line,
)
from caspian_tabletop.session import Session
from caspian_tabletop.tui.app import CaspianApp
from caspian_tabletop.tui.screens.end import EndScreen
from caspian_tabletop.tui.widgets.choice import Choice

WIDE = (120, 40)
SMALL = (80, 24)


def _words(text: str) -> str:
    return " ".join(text.split())


def _expected_lines(session: Session, actor: str) -> list[str]:
    game = session.game
    verdict = next(v for v in verdicts(game.compiled, game.state) if v.actor == actor)
    return [f"{actor}: {standing_line(verdict)}",
            *(("✔ " if r.met else "✘ ") + goal_status(game.scenario, actor, r)
              for r in verdict.goals)]


async def _first_move(pilot: Pilot[None], session: Session) -> None:
    """The builder's first move type with its first values, committed."""
    await pilot.press("m")
    for _ in range(5):
        await pilot.press("enter")
        await settle(pilot)
        if session.game.undo_depth:
            return


@sync
async def test_the_goals_panel_shows_the_players_goals_and_follows_every_move() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=WIDE) as pilot:
        await start_tutorial(pilot)
        session = session_of(app)
        panel = app.screen.query_one("#goals", Static)
        before = _expected_lines(session, "RU")
        assert text_of(panel).splitlines() == before
        assert len(before) == 4 and before[3] == "✔ no armed clash"
        await _first_move(pilot, session)
        assert session.game.undo_depth > 0 and session.awaiting == "RU"
        after = _expected_lines(session, "RU")
        assert after != before
        assert text_of(panel).splitlines() == after


@sync
async def test_at_80_by_24_the_goals_sit_beside_the_log() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=SMALL) as pilot:
        await start_tutorial(pilot)
        screen = app.screen
        assert not screen.query_one("#goals").display
        low, log = screen.query_one("#goals-low"), screen.query_one("#log")
        board, footer_row = screen.query_one("#main").region, screen.size.height - 1
        region = low.region
        assert region.width >= 40 and region.height >= 4
        assert region.right <= screen.size.width and region.bottom <= footer_row
        assert not region.overlaps(log.region) and not region.overlaps(board)
        shown = text_of(low, width=region.width).splitlines()
        expected = _expected_lines(session_of(app), "RU")
        assert len(shown) == len(expected)
        for line, whole in zip(shown, expected, strict=True):  # cut, never wrapped
            assert whole.startswith(line.rstrip("…").rstrip())


@sync
async def test_the_end_screen_gives_each_level_and_why() -> None:
    app = CaspianApp("tutorial")
    async with app.run_test(size=WIDE) as pilot:
        await start_tutorial(pilot)
        session = session_of(app)
        for _ in range(4):
            if session.game.is_over:
                break
            await pilot.press("m", "end", "enter", "enter")  # pass
            await settle(pilot)
        assert isinstance(app.screen, EndScreen)
        game = session.game
        shown = _words(text_of(app.screen.query_one("#end-report", Static), width=200))
        judged = verdicts(game.compiled, game.state)
        assert "Result (best first)" in shown
        for place, v in enumerate(judged):
            assert _words(verdict_line(game.scenario, v)) in shown
            assert f"{place + 1} │ {v.actor}" in shown and v.level in shown
        assert shown.index(f"• {game.scenario.actors[judged[0].actor].name}:") < shown.index(
            f"• {game.scenario.actors[judged[-1].actor].name}:")


@sync
async def test_the_end_screen_tells_the_player_how_they_did() -> None:
    """At once: the player's level, place and margin in words; once the simulated games are
    done (in the background), where the score falls among them."""
    app = CaspianApp("tutorial", compare_games=300)
    async with app.run_test(size=WIDE) as pilot:
        await start_tutorial(pilot)
        session = session_of(app)
        while not session.game.is_over:
            await pilot.press("m", "end", "enter", "enter")  # pass
            await settle(pilot)  # also waits for the comparison
        assert isinstance(app.screen, EndScreen)
        game = session.game
        shown = _words(text_of(app.screen.query_one("#end-yours", Static), width=200))
        judged = verdicts(game.compiled, game.state)
        compared = compare_with_bots(game.compiled, game.scores(), game.seed, 300)
        assert shown.startswith("Your result")
        assert _words(achievement(game.scenario, judged, "RU")) in shown
        assert comparison_words(compared.better_than["RU"], 300) in shown


@pytest.mark.parametrize(("seed", "advised", "outcome"), [(2, True, "gain"), (3, False, "loss")])
@sync
async def test_the_end_screen_tells_a_win_and_a_loss_in_words(
        seed: int, advised: bool, outcome: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Azerbaijan against two normal bots: taking the advisor's first pick every turn of
    game 2 ends in a gain, passing every turn of game 3 in a loss; the screen says which."""
    monkeypatch.setattr("caspian_tabletop.tui.setup.secrets.randbelow", lambda _: seed)
    app = CaspianApp("tutorial", compare_games=100)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.screen.query_one("#seat-RU", Choice).value = "ai normal"
        app.screen.query_one("#seat-AZ", Choice).value = "human"
        await pilot.pause()
        await pilot.press("ctrl+n")
        await settle(pilot)
        session = session_of(app)
        while not isinstance(app.screen, EndScreen):
            if advised:
                await pilot.press("a")
                await pilot.pause()
                await pilot.press("enter")  # the advisor's first pick, onto the builder
                await pilot.pause()
                await pilot.press("enter")  # committed
            else:
                await pilot.press("m", "end", "enter", "enter")  # pass
            await settle(pilot)
        game = session.game
        judged = verdicts(game.compiled, game.state)
        mine = next(v for v in judged if v.actor == "AZ")
        assert mine.level.endswith(outcome)
        shown = _words(text_of(app.screen.query_one("#end-yours", Static), width=200))
        assert _words(achievement(game.scenario, judged, "AZ")) in shown
        assert f"Azerbaijan: {mine.level}, " in shown and "Better than" in shown
