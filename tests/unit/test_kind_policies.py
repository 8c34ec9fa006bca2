"""Yardstick policies: always pass, or always one kind of move where one is legal (best by
the normal bot's outlook), and their names for `simulate --policy`."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from caspian_tabletop.ai.greedy_policy import GreedyPolicy, candidate_values
from caspian_tabletop.analysis.decision_tally import DecisionTally
from caspian_tabletop.analysis.kind_policies import SINGLE_KINDS, KindPolicy, PassPolicy
from caspian_tabletop.analysis.policies import parse_assignments, seat_policies
from caspian_tabletop.analysis.simulate import run_outcomes
from caspian_tabletop.cli import main
from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.domain.moves import MoveKind
from caspian_tabletop.engine.batch import BatchPolicy
from caspian_tabletop.engine.compiled import KIND_INDEX, PASS
from caspian_tabletop.engine.legality import is_legal
from shipped import compiled, played

PASS_KIND = KIND_INDEX[MoveKind.PASS]


def _tally(name: str, seat: int, policy: BatchPolicy, games: int = 40) -> DecisionTally:
    c = compiled(name)
    tally = DecisionTally(c)
    seats: list[BatchPolicy] = [GreedyPolicy.for_scenario(c)] * len(c.actors)
    seats[seat] = policy
    run_outcomes(c, games, 2, seats, observer=tally)
    return tally


@pytest.mark.parametrize("kind", SINGLE_KINDS)
def test_a_kind_policy_plays_its_kind_whenever_legal_and_otherwise_passes(
        kind: MoveKind) -> None:
    c = compiled("tutorial")
    ru = c.actors.index("RU")
    tally = _tally("tutorial", ru, KindPolicy.for_scenario(c, kind))
    k = KIND_INDEX[kind]
    chosen = tally.chosen[ru]
    assert chosen[k] == tally.legal[ru, k]
    assert chosen[PASS_KIND] == tally.decisions[ru] - tally.legal[ru, k]
    assert chosen.sum() == tally.decisions[ru]  # nothing else, and never an illegal pick


def test_always_drill_gives_russia_a_drill_share_of_one() -> None:
    c = compiled("tutorial")
    ru = c.actors.index("RU")
    tally = _tally("tutorial", ru, KindPolicy.for_scenario(c, MoveKind.DRILL))
    assert tally.decisions[ru] > 0
    assert tally.chosen[ru, KIND_INDEX[MoveKind.DRILL]] == tally.decisions[ru]


def test_a_kind_policy_picks_the_best_move_of_its_kind() -> None:
    c = compiled("caspian-2021")
    st = played(c, 10, 1)
    policy = KindPolicy.for_scenario(c, MoveKind.TRADE)
    for actor in range(len(c.actors)):
        candidates = policy.greedy.candidates[actor]
        if candidates.size == 0:
            continue
        action = policy.choose(c, st, actor, np.random.default_rng(0))
        values = candidate_values(c, st, actor, candidates)
        for game in np.flatnonzero(~st.over):
            if np.isfinite(values[game]).any():
                assert c.act_kind[action[game]] == KIND_INDEX[MoveKind.TRADE]
                picked = values[game][candidates == action[game]][0]
                assert picked == pytest.approx(values[game].max())
            else:
                assert c.act_kind[action[game]] == PASS


def test_the_pass_policy_only_passes_and_its_passes_are_legal() -> None:
    c = compiled("caspian-2021")
    st = played(c, 6, 2)
    for actor in range(len(c.actors)):
        action = PassPolicy().choose(c, st, actor, np.random.default_rng(0))
        assert (c.act_kind[action] == PASS).all()
        assert (c.act_actor[action] == actor).all()
        assert is_legal(c, st, action)[~st.over].all()


def test_yardsticks_have_names_for_simulate() -> None:
    c = compiled("tutorial")
    chosen = parse_assignments(["RU=pass", "AZ=drill-only"], c)
    seats = seat_policies(c, chosen, "normal")
    assert isinstance(seats[0], PassPolicy)
    assert isinstance(seats[1], KindPolicy) and seats[1].kind is MoveKind.DRILL
    assert isinstance(seats[2], GreedyPolicy)
    with pytest.raises(CaspianError, match="known: random, normal, pass, trade-only"):
        parse_assignments(["RU=never"], c)


def test_simulate_plays_a_yardstick_seat() -> None:
    result = CliRunner().invoke(main, ["simulate", "tutorial", "--games", "20", "--default",
                                       "normal", "--policy", "RU=pass", "--json"])
    assert result.exit_code == 0, result.output
    assert '"policies": "RU=pass, AZ=normal, KZ=normal"' in result.stdout
