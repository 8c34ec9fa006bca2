"""`agency-gap`: the yardstick's move swapped in one turn at a time, against the normal bot.

The runs share their random draws, so a turn in which the normal bot and the yardstick
choose alike must show exactly no gain; a yardstick that never moves must lose to the bot;
and the figures must add up (terms to the gain, kind shares to one).
"""

from __future__ import annotations

import json
import math
import re

import pytest
from click.testing import CliRunner

from caspian_tabletop.analysis.agency_gap import EVERY_TURN, GapReport, Swap, agency_gap
from caspian_tabletop.cli import main
from caspian_tabletop.cli.agency_gap_commands import swap_text, terms_text
from caspian_tabletop.engine.compiled import Compiled, compile_scenario
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.scenario.load import load_scenario


def _compiled(name: str) -> Compiled:
    return compile_scenario(load_scenario(resolve_scenario(name)))


@pytest.fixture(scope="module")
def iran_against_trade() -> GapReport:
    c = _compiled("caspian-2021")
    return agency_gap(c, c.actors.index("IR"), "trade-only", 24, 5)


def test_a_turn_where_the_bot_chooses_as_the_yardstick_gains_exactly_nothing(
        iran_against_trade: GapReport) -> None:
    # Iran's normal bot trades in every game of turn 1, and the trade-only seat picks the
    # same best trade: the swapped run is the normal run, draw for draw.
    first = iran_against_trade.turns[0]
    assert iran_against_trade.chosen[0] == {"trade": 1.0}
    assert first.turn == 1
    assert first.gain == 0.0 and first.error == 0.0
    assert all(value == 0.0 for value in first.terms.values())


def test_the_figures_add_up(iran_against_trade: GapReport) -> None:
    report = iran_against_trade
    assert report.overall.turn == EVERY_TURN
    assert [s.turn for s in report.turns] == list(range(1, 9))
    assert len(report.chosen) == 8
    for shares in report.chosen:
        assert math.isclose(sum(shares.values()), 1.0)
        assert all(share > 0 for share in shares.values())
    for swap in (report.overall, *report.turns):
        assert math.isclose(sum(swap.terms.values()), swap.gain, abs_tol=1e-9)
        assert swap.error >= 0.0
    assert report.sd > 0


def test_a_seat_that_never_moves_loses_to_the_normal_bot() -> None:
    c = _compiled("tutorial")
    report = agency_gap(c, c.actors.index("RU"), "pass", 60, 3)
    assert report.overall.gain < -2 * report.overall.error
    assert report.overall.terms["corridor"] < 0


@pytest.fixture(scope="module")
def russia_against_pass_with_hard() -> GapReport:
    c = _compiled("tutorial")
    return agency_gap(c, c.actors.index("RU"), "pass", 60, 3, hard_games=20)


def test_the_hard_bot_beats_a_seat_that_never_moves(
        russia_against_pass_with_hard: GapReport) -> None:
    hard = russia_against_pass_with_hard.hard
    assert hard is not None and hard.games == 20
    against = hard.yardstick_over_hard
    assert against.gain < -2 * against.error
    assert against.terms["corridor"] < 0
    for swap in (hard.over_normal, against):
        assert math.isclose(sum(swap.terms.values()), swap.gain, abs_tol=1e-9)
        assert swap.error > 0.0


def test_the_hard_bots_choices_are_counted_turn_by_turn(
        russia_against_pass_with_hard: GapReport) -> None:
    hard = russia_against_pass_with_hard.hard
    assert hard is not None
    assert len(hard.chosen) == 4
    for shares in hard.chosen:
        assert math.isclose(sum(shares.values()), 1.0)
    # It searches: it does not simply copy the normal bot's turn-by-turn mix.
    assert hard.chosen != russia_against_pass_with_hard.chosen


def test_without_hard_games_no_hard_bot_is_asked(iran_against_trade: GapReport) -> None:
    assert iran_against_trade.hard is None


def test_text_report_names_the_seat_the_verdict_and_every_turn() -> None:
    result = CliRunner().invoke(main, ["agency-gap", "tutorial", "--seat", "RU",
                                       "--yardstick", "pass", "--games", "40", "--seed", "3"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Tutorial: across the middle Caspian: RU's normal bot against pass"
    assert any(line.startswith("pass in every turn: -") and
               line.endswith("(the normal bot beats the yardstick)") for line in lines)
    header = next(i for i, line in enumerate(lines) if line.split()[:1] == ["Turn"])
    rows = lines[header + 1:]
    assert [row.split()[0] for row in rows] == ["1", "2", "3", "4"]
    assert all(" sd" in row for row in rows)
    assert "playing 6 runs of 40 games" in result.stderr


def test_text_report_with_the_hard_bot_gives_its_verdict_and_choices() -> None:
    result = CliRunner().invoke(main, ["agency-gap", "tutorial", "--seat", "RU",
                                       "--yardstick", "pass", "--games", "60", "--seed", "3",
                                       "--hard-games", "20"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("The hard bot in RU's"))
    # In 20 games the hard bot and the normal bot are within sampling error of each other:
    # the line gives the margin and its error, whichever way it falls.
    assert re.match(r"  the hard bot against the normal bot: [+-]\d+\.\d+ ± \d+\.\d+ sd",
                    lines[start + 2])
    assert lines[start + 4].startswith("  pass against the hard bot: -")
    assert lines[start + 4].endswith("(the hard bot beats the yardstick)")
    assert lines[start + 7].split() == ["Turn", "Hard", "bot", "chose"]
    assert [row.split()[0] for row in lines[start + 8:]] == ["1", "2", "3", "4"]
    assert "and the hard bot in 20 games (a few seconds each)..." in result.stderr


def test_json_has_every_turn_and_the_unit() -> None:
    result = CliRunner().invoke(main, ["agency-gap", "tutorial", "--seat", "AZ",
                                       "--yardstick", "trade-only", "--games", "20",
                                       "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("actor", "yardstick", "games", "seed", "unit")} == {
        "actor": "AZ", "yardstick": "trade-only", "games": 20, "seed": 0, "unit": "sd"}
    assert [t["turn"] for t in data["turns"]] == [1, 2, 3, 4]
    assert set(data["overall"]) == {"turn", "gain", "error", "terms"}
    assert data["hard"] is None


@pytest.mark.parametrize(("args", "message"), [
    (["--seat", "XX", "--yardstick", "pass"],
     "error: --seat 'XX': no actor 'XX' in this scenario (actors: RU, AZ, KZ)\n"),
    (["--seat", "RU", "--yardstick", "normal"],
     "error: --yardstick 'normal': unknown yardstick 'normal' (known: random, pass, "
     "trade-only, "
     "drill-only, blockade-only, invest-only, summit-only, demand-only)\n"),
])
def test_a_bad_seat_or_yardstick_is_a_clear_error(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["agency-gap", "tutorial", *args])
    assert result.exit_code == 1
    assert result.stderr == message
    assert result.stdout == ""


def test_one_game_gives_points_and_no_verdict() -> None:
    result = CliRunner().invoke(main, ["agency-gap", "tutorial", "--seat", "RU",
                                       "--yardstick", "pass", "--games", "1"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == ("  1 game a run, seed 0; gains in points (RU's score never varied), "
                        "± one standard error")
    assert lines[3].startswith("pass in every turn: ")
    assert lines[3].endswith(" points (one game: no standard error to judge by)")
    assert "playing 6 runs of 1 game..." in result.stderr


@pytest.mark.parametrize(("option", "message"), [
    (["--games", "20001"], "'--games': 20001 is not in the range 1<=x<=20000"),
    (["--hard-games", "1001"], "'--hard-games': 1001 is not in the range 0<=x<=1000"),
])
def test_a_count_out_of_its_range_is_refused_before_anything_runs(option: list[str],
                                                                  message: str) -> None:
    # --games: each run is one batch; --hard-games: the hard bot takes seconds a game.
    result = CliRunner().invoke(main, ["agency-gap", "tutorial", "--seat", "RU",
                                       "--yardstick", "pass", *option])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "playing" not in result.stderr


def test_a_tiny_loss_never_reads_as_minus_zero() -> None:
    """A margin of a few thousandths of an sd decides a check's sign: it keeps its digits."""
    swap = Swap(turn=7, gain=-0.0024, error=0.002, terms={"corridor": -0.004, "revenue": 0.0})
    assert swap_text(swap, "sd") == "-0.0024 ± 0.00 sd"
    assert terms_text(Swap(7, 0.03, 0.01, {"corridor": 0.0512, "autonomy": -0.02})) == (
        "corridor +0.05, autonomy -0.02")
    assert swap_text(Swap(1, 0.0, 0.0, {}), "sd") == "+0.00 ± 0.00 sd"
