"""Classroom play through the TUI: secret orders behind the privacy screen, the umpire's powers."""

from __future__ import annotations

from pathlib import Path

from classroom_helpers import (
    SIZE,
    classroom_app,
    fill_form,
    give_order,
    hand_over,
    open_panel,
    screen_text,
    start_classroom,
)
from textual.widgets import Input
from tui_helpers import session_of, settle, sync

from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.render.offers import outcome_lines
from caspian_tabletop.render.resolution import sentence
from caspian_tabletop.replay import load_replay, run_replay
from caspian_tabletop.tui.screens.cover import PauseScreen, PrivacyScreen, ResultsScreen
from caspian_tabletop.tui.screens.dialogs import AskDialog
from caspian_tabletop.tui.screens.facilitator import FacilitatorScreen
from caspian_tabletop.tui.screens.game import GameScreen
from caspian_tabletop.tui.widgets.event_log import EventLog

RU_ORDER = "RU drill middle"
AZ_ORDER = "AZ invest instc-west"


def log_text(app: object) -> str:
    game_screen = next(s for s in app.screen_stack if isinstance(s, GameScreen))  # type: ignore[attr-defined]
    log = game_screen.query_one(EventLog)
    return "\n".join(log.lines_text())


@sync
async def test_secret_orders_hidden_until_the_reveal_and_an_override_saved(tmp_path: Path,
                                                                           ) -> None:
    app = classroom_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_classroom(pilot)
        session = session_of(app)
        assert "Team RU" in screen_text(app) and "look away" in screen_text(app)
        await hand_over(pilot, "Team RU")
        await give_order(pilot, RU_ORDER)
        assert set(session.game.orders) >= {"RU", "KZ"}
        # Team AZ is called to the keyboard: nothing of Team RU's order is on screen.
        assert isinstance(app.screen, PrivacyScreen)
        assert "drill middle" not in screen_text(app)
        await hand_over(pilot, "Team AZ")
        visible = screen_text(app)
        assert "drill middle" not in visible and "RU drill" not in log_text(app)
        assert "AZ to move" in visible
        # The umpire (only) sees the secret order with its odds, and rules on it.
        await open_panel(pilot)
        assert isinstance(app.screen, FacilitatorScreen)
        assert RU_ORDER in screen_text(app) and "Chance of success" in screen_text(app)
        await fill_form(pilot, "o", {"actor": "RU", "force": "failure",
                                     "reason": "a storm in the middle Caspian"})
        assert session.game.orders["RU"].force == "failure"
        await pilot.press("escape")
        await settle(pilot)
        assert "drill middle" not in screen_text(app)
        await give_order(pilot, AZ_ORDER)
        # Every order is in: the game revealed and resolved them together.
        assert session.game.turn == 2 and not {"RU", "AZ"} & set(session.game.orders)
        log = log_text(app)
        assert RU_ORDER in log and AZ_ORDER in log
        assert "⚖ umpire:" in log and "a storm in the middle Caspian" in log
        # The room sees the turn's results before the keyboard goes to the next team.
        assert isinstance(app.screen, ResultsScreen)
        results = screen_text(app)
        assert "Turn 1: the orders revealed" in results
        for res in session.game.explanations:
            if res.turn == 1 and res.step == "move" and res.actor in ("RU", "AZ"):
                assert sentence(res)[:40] in results
        await hand_over(pilot, "Team RU")
        path = tmp_path / "class.yaml"
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(path)
        await pilot.press("enter")
        await pilot.pause()
    replay = load_replay(path)
    step = next(s for s in replay.turns[0].steps if s.move == RU_ORDER)
    assert (step.force, step.reason) == ("failure", "a storm in the middle Caspian")
    rebuilt = run_replay(replay, verify=True)
    ruled = [i.resolution for i in rebuilt.items
             if i.resolution is not None and i.resolution.text == RU_ORDER]
    assert ruled and ruled[0].facilitator == "a storm in the middle Caspian"
    assert "umpire override" in ruled[0].outcome


@sync
async def test_inject_an_event_note_pause_then_undo_to_an_earlier_turn() -> None:
    app = classroom_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_classroom(pilot, order="sequential", humans=("RU",))
        session = session_of(app)
        game = session.game
        await pilot.press("f")  # a student's stray keys: the panel asks for the passphrase
        await pilot.pause()
        await pilot.press("n", "enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        await open_panel(pilot)
        await fill_form(pilot, "e", {"event": "winter-storm", "reason": "to test the ports"})
        assert game.records[-1].kind == "inject"
        assert game.records[-1].reason == "to test the ports"
        await fill_form(pilot, "n", {"text": "RU asked for a ruling on drills"})
        await fill_form(pilot, "t", {"minutes": "8"})
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        assert app.screen_stack[-2].umpire.timer.paused  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert "⏱ 0" in screen_text(app)
        log = log_text(app)
        assert "⚖ umpire:" in log and "to test the ports" in log
        assert "✎ note: RU asked for a ruling on drills" in log
        await give_order(pilot, "RU pass")
        assert game.turn == 2
        await open_panel(pilot)
        await fill_form(pilot, "z", {"turn": "1"})
        await pilot.press("escape")
        await settle(pilot)
        assert game.turn == 1 and game.undo_depth == 0
        assert not [r for r in game.records if r.kind in ("inject", "note")]
        assert session.awaiting == "RU"
        assert "to test the ports" not in log_text(app)



@sync
async def test_a_trade_offer_between_teams_is_asked_only_at_the_reveal() -> None:
    """Team AZ must not learn of Team RU's secret offer while it can still change its order."""
    app = classroom_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_classroom(pilot)
        session = session_of(app)
        await hand_over(pilot, "Team RU")
        await give_order(pilot, "RU trade AZ instc-west 0.5")
        assert isinstance(app.screen, PrivacyScreen)
        await hand_over(pilot, "Team AZ")
        assert "instc-west 0.5" not in screen_text(app)
        await pilot.press("t", *"AZ pass", "enter")
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(250):
            if isinstance(app.screen, AskDialog):
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, AskDialog)
        await pilot.pause()  # the dialog drawn
        assert "RU proposes: trade 0.5 Mt with AZ via instc-west" in screen_text(app)
        # What each answer would do to AZ, as the bots weigh it, is shown with the question.
        shown = outcome_lines(session.game.offer_outcomes(parse_move("RU trade AZ instc-west "
                                                                     "0.5")))
        # North–south trade: less of the sea's trade on AZ's routes, a little more in fees.
        assert shown == ["If AZ accepts: score -1.6 (corridor -1.9, revenue +0.2)",
                         "If AZ declines: no change"]
        assert all(line in app.screen.body for line in shown)
        assert "If AZ accepts" in screen_text(app) and "If AZ declines" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        trade = next(r for r in session.game.explanations if r.text.startswith("RU trade"))
        assert "declined" in trade.outcome
        assert session.game.turn == 2
