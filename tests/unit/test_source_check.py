"""The report's "Model and source" section: the game's measures taken from its records and
state, simulated games measured the same way at the same point, and the words for both."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.analysis.policies import named_policy
from caspian_tabletop.analysis.source_check import (
    game_measures,
    simulated_measures,
    source_section,
)
from caspian_tabletop.cli import main
from caspian_tabletop.domain.moves import MoveKind
from caspian_tabletop.engine.batch import BatchPolicy, play_turn
from caspian_tabletop.engine.compiled import KIND_INDEX
from caspian_tabletop.engine.state import initial_state
from caspian_tabletop.engine.upkeep import open_throughput
from caspian_tabletop.replay import load_replay, run_replay
from shipped import compiled


def test_the_games_measures_come_from_its_moves_and_its_final_state() -> None:
    game = run_replay(load_replay("tutorial-demo")).game
    m = game_measures(game)
    moves = [r.move for r in game.records if r.kind == "move" and not r.fizzled]
    assert int(m.drills[0]) == sum(1 for x in moves if x.startswith("RU drill"))
    assert int(m.blockades[0]) == sum(1 for x in moves if x.startswith("RU blockade")) == 1
    c = game.compiled
    east_west = open_throughput(c, game.state)[0, 0] - open_throughput(c, initial_state(c))[0, 0]
    assert float(m.east_west[0]) == float(east_west)
    assert int(m.aktau[0]) == int(game.state.asset_progress[0, 0]) == 1


@pytest.mark.parametrize("russia", ["normal", "blockade-only"])
def test_simulated_games_count_every_drill_and_blockade_the_coercers_make(russia: str) -> None:
    """Normal bots hardly ever blockade now (docs/balance.md, steps 22–24), so a Russia that
    always tries shows that blockades are counted, and only those the rules let through."""
    c = compiled("caspian-2021")

    def seats() -> list[BatchPolicy]:
        normal = GreedyPolicy.for_scenario(c)
        return [named_policy(c, russia) if a == "RU" else normal for a in c.actors]

    m = simulated_measures(c, 60, 0, turns=8, orders=False, policies=seats())
    kinds = np.zeros((len(c.actors), len(KIND_INDEX)), dtype=np.int64)
    rng = np.random.Generator(np.random.PCG64(0))
    st = initial_state(c, 60)
    policies = seats()
    for _ in range(8):  # the same games again, counting every move made
        play_turn(c, st, policies, rng, kinds)
    coercers = [c.actor_index("RU"), c.actor_index("IR")]
    drills = kinds[coercers, KIND_INDEX[MoveKind.DRILL]].sum()
    blockades = kinds[coercers, KIND_INDEX[MoveKind.BLOCKADE]].sum()
    assert m.drills.sum() == drills and m.blockades.sum() == blockades
    assert (drills if russia == "normal" else blockades) > 0  # each run counts something
    assert m.east_west.shape == (60,) and np.all(m.aktau >= 0)


def test_an_unfinished_game_is_compared_where_it_stopped() -> None:
    game = run_replay(load_replay("historical-2020-2021")).game
    section = source_section(game, 40, 0)
    assert "to where this game stopped (turn 2's orders)" in section.intro
    assert [f.claims for f in section.findings] == [
        ("EDM-19", "EDM-20", "EDM-22"), ("EDM-05", "EDM-14"), ("EDM-05", "EDM-14", "EDM-28"),
        ("EDM-15",)]
    signals = section.findings[0]
    assert signals.agrees and signals.this_game == (
        "Russia and Iran held 1 naval drill and 0 blockades: they signalled with drills and "
        "never used force.")
    assert signals.simulated.startswith("In 40 simulated games from the same start")


def test_the_tutorial_has_the_points_it_has_subjects_for() -> None:
    game = run_replay(load_replay("tutorial-demo")).game
    section = source_section(game, 0, 0)
    assert "(the comparison with simulated games was skipped)" in section.intro
    assert [f.question for f in section.findings] == [
        "Did Russia signal or use force?", "Did the east–west routes grow?",
        "Who gained sway in Kazakhstan?", "Did Kazakhstan fund the Aktau expansion?"]
    assert all(f.simulated == "" for f in section.findings)
    assert section.findings[0].this_game.endswith("it used force.")


def test_report_games_zero_skips_the_simulation_and_a_bad_count_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["report", "tutorial-demo", "--games", "0"])
    assert result.exit_code == 0
    assert "## Model and source" in result.stdout and "*Simulated:*" not in result.stdout
    assert result.stderr == ""
    bad = CliRunner().invoke(main, ["report", "tutorial-demo", "--games", "-1"])
    assert bad.exit_code == 2 and "Invalid value for '--games'" in bad.output
