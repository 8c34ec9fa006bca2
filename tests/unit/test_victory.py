"""Victory levels: margins in each actor's own spread, the cut-offs, the goals' step up or
down, the ranking by level then margin, and a property that a level never falls as the score
rises with the goals fixed."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from caspian_tabletop.cli import main
from caspian_tabletop.engine.compiled import compile_scenario
from caspian_tabletop.engine.scoring import scores
from caspian_tabletop.engine.state import initial_state
from caspian_tabletop.engine.victory import (
    DEFAULT_SD,
    LEVELS,
    Judgement,
    adjusted,
    judge,
    margins,
    score_levels,
    standard,
    verdicts,
)
from caspian_tabletop.render.victory import verdict_line
from caspian_tabletop.replay import load_replay, run_replay
from caspian_tabletop.saves import HOME_ENV
from shipped import compiled, scenario

LEVEL = {name: i for i, name in enumerate(LEVELS)}


def test_the_standard_is_the_scenarios_victory_block() -> None:
    c = compiled("tutorial")
    block = c.scenario.victory
    assert block is not None
    std = standard(c)
    assert std.calibrated and (std.marginal, std.decisive) == (block.marginal, block.decisive)
    assert std.par.tolist() == [block.actors[a].par for a in c.actors]
    assert std.sd.tolist() == [block.actors[a].sd for a in c.actors]


def test_without_a_victory_block_par_is_the_opening_score() -> None:
    c = compile_scenario(scenario("tutorial").model_copy(update={"victory": None}))
    std = standard(c)
    assert not std.calibrated
    assert std.par == pytest.approx(scores(c, initial_state(c, 1))[0])
    assert std.sd.tolist() == [DEFAULT_SD] * len(c.actors)


def test_margins_are_in_each_actors_own_spread() -> None:
    c = compiled("tutorial")
    std = standard(c)
    final = std.par + np.array([1.0, -2.0, 0.5]) * std.sd
    assert margins(c, final) == pytest.approx([1.0, -2.0, 0.5])


@pytest.mark.parametrize(("margin", "level"), [
    (-2.0, "decisive loss"), (-1.5, "decisive loss"), (-1.49, "marginal loss"),
    (-0.5, "marginal loss"), (-0.49, "held"), (0.0, "held"), (0.49, "held"),
    (0.5, "marginal gain"),
    (1.49, "marginal gain"), (1.5, "decisive gain"), (3.0, "decisive gain")])
def test_cut_offs_at_half_and_one_and_a_half_sd_either_way(margin: float, level: str) -> None:
    c = compiled("tutorial")
    assert LEVELS[int(score_levels(c, np.array([margin]))[0])] == level


@pytest.mark.parametrize(("base", "met", "goals", "level"), [
    ("held", 3, 3, "marginal gain"),  # every goal met: a step up
    ("held", 0, 3, "marginal loss"),  # none met: a step down
    ("held", 2, 3, "held"),
    ("decisive gain", 2, 2, "decisive gain"),  # no level above the top
    ("decisive loss", 0, 2, "decisive loss"),
    ("marginal loss", 0, 0, "marginal loss"),  # no goals: no step
])
def test_goals_move_the_level_a_step(base: str, met: int, goals: int, level: str) -> None:
    moved = adjusted(np.array([[LEVEL[base]]]), np.array([[met]]), np.array([goals]))
    assert LEVELS[int(moved[0, 0])] == level


def _judgement(level: list[int], margin: list[float]) -> Judgement:
    n = len(level)
    zeros = np.zeros((1, n), dtype=np.int64)
    return Judgement(np.zeros((1, n)), np.array([margin]), zeros, np.array([level]), zeros,
                     np.zeros(n, dtype=np.int64))


def test_the_ranking_is_by_level_then_margin() -> None:
    j = _judgement([2, 3, 3, 1], [2.5, 0.6, 0.9, 5.0])
    assert j.ranking()[0].tolist() == [2, 1, 0, 3]
    assert j.winners().tolist() == [2]


def test_judging_a_game_agrees_with_its_verdicts() -> None:
    c = compiled("caspian-2021")
    state = initial_state(c, 1)
    j = judge(c, state)
    found = verdicts(c, state)
    assert [v.actor for v in found] == [c.actors[int(a)] for a in j.ranking()[0]]
    for v in found:
        a = c.actor_index(v.actor)
        assert (LEVEL[v.level], LEVEL[v.base_level]) == (j.level[0, a], j.base[0, a])
        assert v.met == j.met[0, a] and len(v.goals) == j.goals[a]


@given(low=st.floats(-80, 120), rise=st.floats(0, 60), met=st.integers(0, 3),
       goals=st.integers(0, 3), actor=st.integers(0, 2))
def test_a_level_never_falls_as_the_score_rises(low: float, rise: float, met: int,
                                                goals: int, actor: int) -> None:
    c = compiled("tutorial")
    met = min(met, goals)
    levels = []
    for score in (low, low + rise):
        final = standard(c).par.copy()
        final[actor] = score
        base = score_levels(c, margins(c, final))
        levels.append(adjusted(base, np.full(3, met), np.full(3, goals))[actor])
    assert levels[1] >= levels[0]


def test_text_play_shows_the_goals_on_request_and_each_verdict_at_the_end(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    # "n" declines Azerbaijan's offers (and, typed as a move, is refused): enough answers and
    # passes for the tutorial's four turns whatever the AI offers.
    typed = "n\ngoals\n" + "pass\nn\n" * 12
    result = CliRunner().invoke(main, ["play", "--scenario", "tutorial", "--actor", "KZ",
                                       "--seed", "7"], input=typed)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    goals = next(i for i, line in enumerate(lines) if "if it ended now" in line)
    assert re.search(r"> KZ: (held|(marginal|decisive) (gain|loss)) if it ended now "
                     r"\([+-]\d+\.\d sd\)$", lines[goals])
    assert lines[goals + 1:goals + 4] == [
        "  ✘ Port Aktau expansion: 0 of 2 stages invested (goal complete)",
        "  ✘ Middle Corridor 0.93 Mt/yr (goal over 3)", "  ✘ Russia's sway 79% (goal under 57%)"]
    end = lines.index("Result, best first (level by the margin against par in each actor's "
                      "own spread, and its goals):")
    shown = lines[end + 1:end + 4]
    game = load_replay(next(tmp_path.glob("games/*.yaml")))
    final = run_replay(game).game
    expected = [f"  {verdict_line(final.scenario, v)}"
                for v in verdicts(final.compiled, final.state)]
    assert shown == expected
