"""Monte Carlo `simulate`: deterministic for a seed, statistics equal a plain per-game loop,
and every bad input is a clear error with exit 1."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from click.testing import CliRunner

from caspian_tabletop.analysis.sensitivity import plan_sweep, ranged_figures
from caspian_tabletop.analysis.simulate import percentile_of, run_outcomes, summarise
from caspian_tabletop.cli import main
from caspian_tabletop.engine.batch import RandomPolicy
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.scenario.load import load_scenario
from shipped import compiled


def outcomes(seed: int, games: int = 300):  # noqa: ANN201 - test helper
    c = compiled("caspian-2021")
    return c, run_outcomes(c, games, seed, [RandomPolicy.for_scenario(c)] * len(c.actors))


def test_same_seed_same_results_and_another_seed_differs() -> None:
    _, one = outcomes(4)
    _, two = outcomes(4)
    _, other = outcomes(5)
    assert np.array_equal(one.scores, two.scores)
    assert np.array_equal(one.kind_counts, two.kind_counts)
    assert not np.array_equal(one.scores, other.scores)


def test_statistics_match_a_direct_per_game_loop() -> None:
    c, out = outcomes(7, games=200)
    summary = summarise(c, out)
    n = out.games
    for a, stats in enumerate(summary.actors):
        scores = [float(out.scores[g, a]) for g in range(n)]
        mean = sum(scores) / n
        sd = math.sqrt(sum((x - mean) ** 2 for x in scores) / (n - 1))
        wins = sum(1 for g in range(n)
                   if max(range(len(c.actors)), key=lambda x: out.scores[g, x] - out.par[x]) == a)
        assert stats.score_mean == pytest.approx(mean)
        assert stats.score_interval[1] - mean == pytest.approx(1.959964 * sd / math.sqrt(n))
        assert stats.win_share == pytest.approx(wins / n)
        for target, shift in stats.influence_shift.items():
            t = c.actors.index(target)
            loop = sum(float(out.influence_change[g, a, t]) for g in range(n)) / n
            assert shift == pytest.approx(loop)
    assert summary.clash_share == pytest.approx(sum(bool(x) for x in out.clash) / n)
    assert sum(summary.move_shares.values()) == pytest.approx(1.0)


def test_percentile_counts_ties_half() -> None:
    values = np.array([1.0, 2.0, 3.0, 4.0])
    assert percentile_of(values, 2.0) == pytest.approx(37.5)
    assert percentile_of(values, 10.0) == pytest.approx(100.0)


def test_json_output_is_deterministic() -> None:
    args = ["simulate", "tutorial", "--games", "200", "--seed", "3", "--json"]
    first = CliRunner().invoke(main, args)
    second = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data == json.loads(second.stdout)
    assert data["games"] == 200 and len(data["actors"]) == 3


def test_from_replay_places_the_played_game() -> None:
    result = CliRunner().invoke(main, [
        "simulate", "--from-replay", "tutorial-demo", "--turn", "2", "--games", "300"])
    assert result.exit_code == 0, result.output
    assert "Where the played game falls in that distribution:" in result.output
    assert "percentile" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--games", "50", "--policy", "XX=normal"], "no actor 'XX'"),
    (["--games", "50", "--policy", "AZ=genius"], "unknown policy 'genius'"),
    (["--games", "50", "--policy", "AZ"], "expected ACTOR=POLICY"),
    (["--games", "50", "--from-replay", "tutorial-demo", "--turn", "9"],
     "--turn 9 is outside the replay"),
    (["--games", "50", "--from-replay", "historical-2020-2021"], "before the game's end"),
    (["--games", "50", "--vary", "actors.RU.navy[1].count"], "has no low–high range"),
    (["--games", "50", "--vary", "actors.XX.navy"], "no such figure"),
    (["--games", "50", "--vary", "actors.RU.navy"],
     "not a sourced figure with a range; figures with a range include actors.RU.economy_bn_usd, "
     "actors.RU.navy[0].displacement_t"),
])
def test_bad_input_is_a_clear_error(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["simulate", *args])
    assert result.exit_code == 1, result.output
    assert message in result.output


def test_every_figure_offered_for_a_sweep_can_be_swept() -> None:
    scenario = load_scenario(resolve_scenario("caspian-2021"))
    ranged = ranged_figures(scenario)
    assert len(ranged) > 20 and "actors.IR.navy[2].count" in ranged
    for path in ranged:
        sweep = plan_sweep(scenario, path, 3)
        assert sweep.path == path and sweep.values[0] < sweep.values[-1]
