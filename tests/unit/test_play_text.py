"""The text `play` session shows a new game's first events and ends by telling the player how
they did, and a saved game is named by the turn it stopped at."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from caspian_tabletop.analysis.comparison import compare_with_bots
from caspian_tabletop.cli import main
from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.victory import verdicts
from caspian_tabletop.render.offers import outcome_lines
from caspian_tabletop.render.victory import achievement, comparison_words
from caspian_tabletop.replay import load_replay
from caspian_tabletop.saves import HOME_ENV, list_games
from caspian_tabletop.session import Session
from caspian_tabletop.tui.screens.game import default_save_path
from shipped import scenario


def test_play_prints_turn_ones_events_before_the_first_prompt(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    game = Game(scenario("caspian-2021"), seed=3)
    events = [r.text for r in game.explanations if r.turn == 1 and r.step == "event"]
    assert events  # seed 3 opens with events
    result = CliRunner().invoke(main, ["play", "--seed", "3", "--actor", "AZ"], input="quit\n")
    assert result.exit_code == 0, result.output
    before_prompt = result.output.split("AZ (player) >")[0]
    for text in events:
        assert text.removeprefix("event: ") in before_prompt


def test_a_save_is_named_by_the_turn_it_stopped_at(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    game = Game(scenario("tutorial"), seed=2)
    assert default_save_path(game).name == "tutorial-seed2-turn1.yaml"
    while not game.is_over:
        actor = game.to_move
        assert actor is not None
        game.play(next(m for m in game.legal_moves(actor) if m.kind.value == "pass"))
    last = game.compiled.turns
    assert default_save_path(game).name == f"tutorial-seed2-turn{last}-final.yaml"


def test_load_keeps_the_saved_seats_and_explains_a_teams_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    branch = tmp_path / "branch.yaml"
    runner = CliRunner()
    made = runner.invoke(main, ["replay", "historical-2020-2021", "--branch", str(branch),
                                "--until", "1"])
    assert made.exit_code == 0, made.output
    teams = runner.invoke(main, ["play", "--load", str(branch)], input="quit\n")
    assert teams.exit_code == 0 and "seats are 7 teams" in teams.output
    assert "add --actor ID" in teams.output
    chosen = runner.invoke(main, ["play", "--load", str(branch), "--actor", "AZ"],
                           input="quit\n")
    assert chosen.exit_code == 0, chosen.output
    assert "AZ human player" in chosen.output and "RU ai normal" in chosen.output
    saved = next(g.path for g in list_games() if g.humans == ("AZ player",))
    kept = runner.invoke(main, ["play", "--load", str(saved)], input="quit\n")
    assert kept.exit_code == 0, kept.output
    assert "AZ human player" in kept.output and "RU ai normal" in kept.output


def test_the_end_says_what_the_player_achieved(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A passing Azerbaijan to the end: its level, place and margin in words, then where
    its score falls among normal-bot games from the same start."""
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    answers = "".join("n\npass\n" for _ in range(12))  # decline every offer, always pass
    args = ["play", "--scenario", "tutorial", "--actor", "AZ", "--seed", "4"]
    result = CliRunner().invoke(main, [*args, "--compare-games", "300"], input=answers)
    assert result.exit_code == 0 and result.exception is None, result.output
    saved = next(g.path for g in list_games())
    game = Session.from_replay(load_replay(saved)).game
    judged = verdicts(game.compiled, game.state)
    assert f"You played {achievement(game.scenario, judged, 'AZ')}" in result.output
    compared = compare_with_bots(game.compiled, game.scores(), 4, 300)
    assert (f"AZ: {comparison_words(compared.better_than['AZ'], 300)}"
            in [line.strip() for line in result.output.splitlines()])
    skipped = CliRunner().invoke(main, [*args, "--compare-games", "0"], input=answers)
    assert "You played Azerbaijan" in skipped.output and "Better than" not in skipped.output


def test_an_offer_shows_what_each_answer_would_do(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Russia's first-turn summit offer to a human Azerbaijan, with both outcomes, before the
    question; the lines are the engine's own (`Game.offer_outcomes`)."""
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    result = CliRunner().invoke(main, ["play", "--scenario", "tutorial", "--actor", "AZ",
                                       "--seed", "4", "--compare-games", "0"],
                                input="n\nquit\n")
    assert result.exit_code == 0 and result.exception is None, result.output
    game = Game(scenario("tutorial"), seed=4)
    expected = outcome_lines(game.offer_outcomes(parse_move("RU summit AZ")))
    asked = result.output.index("RU offers `RU summit AZ` to AZ; by the end of the turn:")
    question = result.output.index("AZ: accept? [y/n]")
    assert asked < result.output.index(expected[0]) < result.output.index(expected[1]) < question
