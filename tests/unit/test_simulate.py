"""Monte Carlo `simulate`: deterministic for a seed, its running statistics equal a direct
computation over every game's final state, and every bad input is a clear error."""

from __future__ import annotations

import json
import math
from dataclasses import asdict

import numpy as np
import pytest
from click.testing import CliRunner

from caspian_tabletop.analysis import simulate
from caspian_tabletop.analysis.sensitivity import plan_sweep, ranged_figures, with_value
from caspian_tabletop.analysis.simulate import run_outcomes, summarise
from caspian_tabletop.cli import main
from caspian_tabletop.domain.figures import ordinal
from caspian_tabletop.engine.batch import RandomPolicy, event_phase, play_to_end, play_turn
from caspian_tabletop.engine.compiled import KIND_INDEX, Compiled
from caspian_tabletop.engine.goals import met_counts
from caspian_tabletop.engine.scoring import scores
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import open_throughput
from caspian_tabletop.engine.victory import LEVELS
from caspian_tabletop.paths import resolve_scenario
from caspian_tabletop.replay import load_replay, run_replay
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.scenario.schema import RuleRange
from shipped import compiled


def _levels(c: Compiled, points: np.ndarray, met: np.ndarray) -> np.ndarray:
    """Victory levels worked out game by game from the rule in docs/rules.md: the margin in
    sd against the cut-offs, a step up with every goal met, a step down with none."""
    block = c.scenario.victory
    assert block is not None
    goals = [len(c.scenario.actors[a].objectives.goals or []) for a in c.actors]
    out = np.zeros(points.shape, dtype=int)
    for g in range(points.shape[0]):
        for i, actor in enumerate(c.actors):
            z = (points[g, i] - block.actors[actor].par) / block.actors[actor].sd
            cuts = (-block.decisive, -block.marginal)
            base = sum(z > cut for cut in cuts) + sum(z >= cut for cut in
                                                     (block.marginal, block.decisive))
            step = 0 if not goals[i] else 1 if met[g, i] == goals[i] else -1 if not met[g, i] else 0
            out[g, i] = min(max(base + step, 0), len(LEVELS) - 1)
    return out


def outcomes(seed: int, games: int = 300):  # noqa: ANN201 - test helper
    c = compiled("caspian-2021")
    return c, run_outcomes(c, games, seed, [RandomPolicy.for_scenario(c)] * len(c.actors))


def test_same_seed_same_results_and_another_seed_differs() -> None:
    c, one = outcomes(4)
    _, two = outcomes(4)
    _, other = outcomes(5)
    assert asdict(summarise(c, one)) == asdict(summarise(c, two))
    assert np.array_equal(one.kind_counts, two.kind_counts)
    assert not np.array_equal(one.scores.mean, other.scores.mean)


def _every_game(c: Compiled, games: int, seed: int, chunk: int) -> list[BatchState]:
    """The run's games played again, chunk by chunk with the same generators, kept whole."""
    policies = [RandomPolicy.for_scenario(c)] * len(c.actors)
    sizes = [min(chunk, games - i) for i in range(0, games, chunk)]
    streams = np.random.SeedSequence(seed).spawn(len(sizes))
    finals = [play_to_end(c, initial_state(c, 1).repeat(size), policies,
                          np.random.Generator(np.random.PCG64(stream)))
              for size, stream in zip(sizes, streams, strict=True)]
    return finals


@pytest.mark.parametrize("chunk", [simulate.CHUNK, 37])
def test_running_statistics_equal_a_direct_computation(chunk: int,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Over a few chunks (37 games each) or one: every printed figure, from the games kept."""
    monkeypatch.setattr(simulate, "CHUNK", chunk)
    c = compiled("caspian-2021")
    n, seed = 200, 7
    finals = _every_game(c, n, seed, chunk)
    points = np.concatenate([scores(c, f) for f in finals])
    change = np.concatenate([f.influence - c.influence0 for f in finals])
    carried = np.concatenate([open_throughput(c, f) for f in finals])
    clash = np.concatenate([f.clash for f in finals])
    met = np.concatenate([met_counts(c, f) for f in finals])
    level = _levels(c, points, met)
    reference = points[0]  # the first game's own result: at least one tie per actor
    out = run_outcomes(c, n, seed, [RandomPolicy.for_scenario(c)] * len(c.actors),
                       reference=reference)
    summary = summarise(c, out)
    assert out.games == n
    for a, stats in enumerate(summary.actors):
        column = [float(x) for x in points[:, a]]
        mean = sum(column) / n
        sd = math.sqrt(sum((x - mean) ** 2 for x in column) / (n - 1))
        wins = sum(1 for g in range(n) if max(range(len(c.actors)), key=lambda x: (
            level[g, x], (points[g, x] - out.par[x]) / out.sd[x])) == a)
        assert stats.score_mean == pytest.approx(mean)
        assert stats.score_interval[1] - mean == pytest.approx(1.959964 * sd / math.sqrt(n))
        assert stats.win_share == wins / n
        for k, name in enumerate(LEVELS):
            assert stats.levels[name] == sum(1 for g in range(n) if level[g, a] == k) / n
        for target, shift in stats.influence_shift.items():
            t = c.actors.index(target)
            assert shift == pytest.approx(sum(float(change[g, a, t]) for g in range(n)) / n)
        below = sum(1 for x in column if x < column[0] - 1e-9)
        tied = sum(1 for x in column if abs(x - column[0]) <= 1e-9)
        assert out.percentile_of_reference()[a] == pytest.approx(100 * (below + tied / 2) / n)
    for k, stats in enumerate(summary.corridors):
        width = out.throughput_spread[k].width
        assert stats.mean == pytest.approx(float(carried[:, k].mean()))
        for q, value in ((5, stats.p5), (50, stats.p50), (95, stats.p95)):
            assert abs(value - float(np.percentile(carried[:, k], q))) <= width
    assert summary.clash_share == int(clash.sum()) / n
    assert sum(summary.move_shares.values()) == pytest.approx(1.0)
    assert set(summary.move_shares) == {kind.value for kind in KIND_INDEX}
    with pytest.raises(ValueError, match="did not keep"):
        out.final_scores()
    kept = run_outcomes(c, n, seed, [RandomPolicy.for_scenario(c)] * len(c.actors),
                        keep_scores=True)
    assert np.array_equal(kept.final_scores(), points)  # every game, in the order played


def test_json_output_is_deterministic() -> None:
    args = ["simulate", "tutorial", "--games", "200", "--seed", "3", "--json"]
    first = CliRunner().invoke(main, args)
    second = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data == json.loads(second.stdout)
    assert data["games"] == 200 and len(data["actors"]) == 3


def test_from_replay_places_the_played_game() -> None:
    """The class's final scores are the replay's own, and each is placed at the percentile
    the run computed (a run whose statistics are tested in `test_outcomes_match...`)."""
    args = ["simulate", "--from-replay", "tutorial-demo", "--turn", "2", "--games", "300"]
    data = json.loads(CliRunner().invoke(main, [*args, "--json"]).stdout)
    final = run_replay(load_replay("tutorial-demo"), verify=True).game.scores()
    assert data["from_replay"]["actual"] == pytest.approx(final)
    assert data["from_replay"]["stopped_after"] is None
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Where the played game falls in that distribution:" in result.output
    for actor, percentile in data["from_replay"]["percentile"].items():
        assert 0.0 <= percentile <= 100.0
        assert (f"({actor}): final score {final[actor]:.1f}, at the "
                f"{ordinal(round(percentile))} percentile") in result.output


def test_an_unfinished_game_is_compared_where_it_stopped() -> None:
    """The historical replay stops after one whole turn: the re-runs stop there too, with
    normal bots by default, and place the class's scores after turn 1 among theirs."""
    result = CliRunner().invoke(main, ["simulate", "--from-replay", "historical-2020-2021",
                                       "--games", "200", "--json"])
    assert result.exit_code == 0 and result.exception is None, result.output
    data = json.loads(result.stdout)
    assert data["from_replay"]["stopped_after"] == 1
    assert set(data["policies"].split(", ")) == {f"{a}=normal" for a in data["from_replay"]
                                                 ["actual"]}
    assert data["from_replay"]["actual"]["RU"] == pytest.approx(44.8, abs=0.05)
    text = CliRunner().invoke(main, ["simulate", "--from-replay", "historical-2020-2021",
                                     "--games", "200"]).output
    assert "to the end of turn 1, where the game stopped" in text
    for actor, percentile in data["from_replay"]["percentile"].items():
        actual = data["from_replay"]["actual"][actor]
        assert f"({actor}): score after turn 1 {actual:.1f}, at the " \
               f"{ordinal(round(percentile))} percentile" in text


@pytest.mark.parametrize(("args", "message"), [
    (["--games", "50", "--policy", "XX=normal"], "no actor 'XX'"),
    (["--games", "50", "--policy", "AZ=genius"], "unknown policy 'genius'"),
    (["--games", "50", "--policy", "AZ"], "expected ACTOR=POLICY"),
    (["--games", "50", "--from-replay", "tutorial-demo", "--turn", "9"],
     "--turn 9 is outside the replay"),
    (["--games", "50", "--vary", "actors.RU.navy[1].count"], "has no low–high range"),
    (["--games", "50", "--vary", "actors.XX.navy"], "no such figure"),
    (["--games", "50", "--vary", "actors.RU.navy"],
     "not a sourced figure with a range; figures with a range include "),
])
def test_bad_input_is_a_clear_error(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["simulate", *args])
    assert result.exit_code == 1, result.output
    assert message in result.output


def test_every_figure_offered_for_a_sweep_can_be_swept() -> None:
    """Including those a wrong path suggests."""
    scenario = load_scenario(resolve_scenario("caspian-2021"))
    ranged = ranged_figures(scenario)
    wrong = CliRunner().invoke(main, ["simulate", "--games", "50", "--vary", "actors.RU.navy"])
    listed = wrong.output.split("figures with a range include ")[1].strip()
    offered = listed.rsplit(" and ", 1)[0].split(", ")  # then "and N more"
    assert offered and set(offered) <= set(ranged)
    assert len(ranged) > 20 and "actors.RU.navy[4].count" in ranged
    for path in ranged:
        sweep = plan_sweep(scenario, path, 3)
        assert sweep.path == path and sweep.values[0] < sweep.values[-1]


def test_a_run_with_a_stop_ends_at_the_next_turns_orders() -> None:
    """`stop` plays whole turns to the stop, then the next turn's events: the same states
    as playing those turns one by one with the same generator."""
    c = compiled("caspian-2021")
    policies = [RandomPolicy.for_scenario(c)] * len(c.actors)
    stopped = play_to_end(c, initial_state(c, 64), policies,
                          np.random.Generator(np.random.PCG64(5)), stop=2)
    by_hand, rng = initial_state(c, 64), np.random.Generator(np.random.PCG64(5))
    for _ in range(2):
        play_turn(c, by_hand, policies, rng)
    live = np.flatnonzero(~by_hand.over)
    waiting = by_hand.take(live)
    event_phase(c, waiting, rng)
    assert (stopped.turn[live] == 3).all() and not stopped.acted[live].any()
    assert np.array_equal(scores(c, stopped)[live], scores(c, waiting))
    assert np.array_equal(stopped.tension[live], waiting.tension)


def test_a_rule_counted_in_turns_is_swept_in_whole_turns() -> None:
    base = load_scenario(resolve_scenario("caspian-2021"))
    ranges = {"premium_turns": RuleRange(low=1, high=3)}
    ranged = base.model_copy(update={"rules": base.rules.model_copy(update={"ranges": ranges})})
    assert ranged_figures(ranged)[-1] == "rules.premium_turns"
    assert plan_sweep(ranged, "rules.premium_turns", 4).values == (1.0, 2.0, 3.0)
    three = with_value(ranged, "rules.premium_turns", 3.0).rules.premium_turns
    assert three == 3 and isinstance(three, int)


def test_a_rule_without_a_range_says_how_to_give_it_one() -> None:
    result = CliRunner().invoke(main, ["simulate", "--games", "5", "--vary",
                                       "rules.risk_premium"])
    assert result.exit_code == 1
    assert ("--vary rules.risk_premium: not a sourced figure with a range (a rule coefficient "
            "is swept once rules.ranges gives it a low and a high end); figures with a range "
            "include rules.blockade_capacity_loss, rules.blockade_backlash, "
            "rules.capacity_credit") in result.output
