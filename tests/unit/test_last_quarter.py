"""The final score reads the last quarter's sea: the last upkeep pays revenue and eases
tension but lifts no blockade or risk premium, while every earlier upkeep counts them down."""

from __future__ import annotations

import numpy as np

from caspian_tabletop.analysis.narrative import lead
from caspian_tabletop.engine.explain import FINAL_UPKEEP, UPKEEP, Resolution
from caspian_tabletop.engine.scoring import term_values
from caspian_tabletop.engine.state import initial_state
from caspian_tabletop.engine.upkeep import open_throughput, upkeep
from shipped import compiled, scenario

C = compiled("tutorial")
MIDDLE = C.corridors.index("middle-corridor")
RU = C.actors.index("RU")
CORRIDOR = 1  # the corridor term


def _premium_on_turn(turn: int) -> np.ndarray:
    """A game on `turn` with Russia's two-upkeep risk premium just put on the Middle
    Corridor."""
    st = initial_state(C, 1)
    st.turn[...] = turn
    st.premium[0, RU, MIDDLE] = 2
    return st


def test_an_upkeep_before_the_last_counts_effects_down() -> None:
    st = _premium_on_turn(C.turns - 2)
    st.blocked[0, MIDDLE] = 1
    after = upkeep(C, st)
    assert after.premium[0, RU, MIDDLE] == 1 and after.blocked[0, MIDDLE] == 0
    after = upkeep(C, after)
    assert after.premium[0, RU, MIDDLE] == 0


def test_the_last_upkeep_lifts_nothing_so_the_final_score_reads_the_last_quarter() -> None:
    st = _premium_on_turn(C.turns)
    st.blocked[0, MIDDLE] = 1
    final = upkeep(C, st)
    assert final.over[0]
    assert final.premium[0, RU, MIDDLE] == 2 and final.blocked[0, MIDDLE] == 1
    assert open_throughput(C, final)[0, MIDDLE] == 0.0
    # Tension still eases and revenue is still paid at the last upkeep.
    assert final.tension[0] == max(st.tension[0] - C.rules.tension_decay, 0.0)


def test_a_premium_set_on_the_turn_before_the_last_still_counts_at_the_end() -> None:
    late = upkeep(C, upkeep(C, _premium_on_turn(C.turns - 1)))
    early = upkeep(C, upkeep(C, upkeep(C, _premium_on_turn(C.turns - 2))))
    assert late.over[0] and early.over[0]
    assert late.premium[0, RU, MIDDLE] == 1 and early.premium[0, RU, MIDDLE] == 0
    # Russia, whose corridor term is the north-south share, scores the premium only where
    # it was still in force in the last quarter.
    late_term = term_values(C, late)[0, RU, CORRIDOR]
    early_term = term_values(C, early)[0, RU, CORRIDOR]
    assert late_term > early_term


def test_the_report_says_the_last_upkeep_lifted_nothing() -> None:
    tutorial = scenario("tutorial")
    final = Resolution(turn=C.turns, step="upkeep", actor=None, text="upkeep",
                       outcome=FINAL_UPKEEP)
    earlier = Resolution(turn=1, step="upkeep", actor=None, text="upkeep", outcome=UPKEEP)
    assert "stand for the final score" in lead(tutorial, final)
    assert "expired" in lead(tutorial, earlier)
