"""`caspian-tabletop duel`: mirrored-seat win rates, and usage errors without tracebacks."""

from __future__ import annotations

from click.testing import CliRunner, Result

from caspian_tabletop import paths
from caspian_tabletop.ai.duel import duel, win_rate
from caspian_tabletop.cli import main
from caspian_tabletop.scenario.load import load_scenario


def _run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def test_duel_prints_win_rates_per_actor() -> None:
    result = _run("duel", "tutorial", "--bots", "normal,easy", "--games", "2", "--seed", "3")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("tutorial: normal (A) vs easy (B), seeds 3..4")
    assert [line.split()[0] for line in lines[2:6]] == ["RU", "AZ", "KZ", "all"]
    assert lines[-1].startswith("normal beats easy in ")
    assert lines[-1].endswith("of 6 bouts (ties count half)")


def test_duel_one_actor() -> None:
    result = _run("duel", "tutorial", "--bots", "hard,normal", "--games", "1", "--actor", "az")
    assert result.exit_code == 0, result.output
    assert "of 1 bouts" in result.output
    assert "\nall" not in result.output


def test_duel_usage_errors_exit_2() -> None:
    for args in (["--bots", "hard"], ["--bots", "hard,wizard"], ["--bots", "hard,easy",
                                                                "--actor", "XX"],
                 ["--bots", "hard,easy", "--games", "0"]):
        result = _run("duel", "tutorial", *args)
        assert result.exit_code == 2, (args, result.output)  # `_run`: no crash either


def test_duel_unknown_scenario_exits_1() -> None:
    result = _run("duel", "no-such-scenario", "--bots", "hard,easy")
    assert result.exit_code == 1
    assert "no-such-scenario" in result.output


def test_mirrored_bouts_compare_the_same_seat() -> None:
    scenario = load_scenario(paths.resolve_scenario("tutorial"))
    same = duel(scenario, "normal", "normal", range(2))
    assert all(b.result == "tie" for b in same)
    assert win_rate(same) == 0.5
    assert win_rate(duel(scenario, "normal", "easy", range(2))) > 0.5


def test_duel_reports_each_game_it_plays() -> None:
    scenario = load_scenario(paths.resolve_scenario("tutorial"))
    played: list[int] = []
    bouts = duel(scenario, "easy", "random", range(2), progress=played.append)
    assert sum(played) == 2 * (1 + len(scenario.actors))  # a baseline and a bout per actor
    assert len(bouts) == 2 * len(scenario.actors)
