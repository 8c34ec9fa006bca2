"""The rollout prior never samples an escalation that could by itself start an armed clash."""

from __future__ import annotations

import numpy as np

from caspian_tabletop.ai.prior import root_prior
from caspian_tabletop.engine.compiled import BLOCKADE, DRILL
from caspian_tabletop.engine.state import initial_state
from shipped import compiled


def test_no_drill_or_blockade_that_could_reach_the_clash_threshold() -> None:
    c = compiled("caspian-2021")
    ru = c.actor_index("RU")
    prior = root_prior(c, initial_state(c))
    escalation = np.isin(c.act_kind[prior.candidates[ru]], [DRILL, BLOCKADE])
    # Make escalation the only thing RU wants, then sample at a calm and at a tense sea.
    logits = list(prior.logits)
    logits[ru] = np.where(escalation, 100.0, 0.0)
    eager = type(prior)(prior.candidates, tuple(logits), prior.rise)
    games = initial_state(c, 2)
    games.tension[:] = [2.0, c.rules.clash_threshold - c.rules.blockade_tension_success]
    uniform = np.random.default_rng(0).random((2, prior.candidates[ru].size))
    kinds = c.act_kind[eager.choose(c, games, ru, uniform)]
    assert kinds[0] in (DRILL, BLOCKADE)
    assert kinds[1] == DRILL  # a blockade could add 3 more; a drill adds only 1
    games.tension[1] = c.rules.clash_threshold - c.rules.drill_tension
    assert c.act_kind[eager.choose(c, games, ru, uniform)][1] not in (DRILL, BLOCKADE)
