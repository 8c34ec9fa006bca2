"""Victory levels and the winner: who did best against where it started.

Scores measure different objectives, so actors are compared by how far each ends above its
own par.  A scenario sets par and the thresholds per actor; without them, par is the score
of the opening position and the thresholds are DEFAULT_MARGINAL and DEFAULT_DECISIVE.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.scoring import scores
from caspian_tabletop.engine.state import initial_state

FloatArr = NDArray[np.float64]
IntArr = NDArray[np.int64]

DEFAULT_MARGINAL = 5.0
DEFAULT_DECISIVE = 15.0
LEVELS = ("decisive loss", "marginal loss", "held", "marginal gain", "decisive gain")


def thresholds(c: Compiled) -> tuple[FloatArr, FloatArr, FloatArr]:
    """Per actor: par, marginal and decisive margins."""
    opening = scores(c, initial_state(c, 1))[0]
    models = [c.scenario.actors[a].victory for a in c.actors]
    par = np.array([v.par if v else opening[i] for i, v in enumerate(models)])
    marginal = np.array([v.marginal if v else DEFAULT_MARGINAL for v in models])
    decisive = np.array([v.decisive if v else DEFAULT_DECISIVE for v in models])
    return par, marginal, decisive


def levels(c: Compiled, final: FloatArr) -> IntArr:
    """[..., A] index into LEVELS of each final score ([..., A])."""
    par, marginal, decisive = thresholds(c)
    margin = final - par
    return np.asarray(
        (margin > -decisive).astype(np.int64) + (margin > -marginal) + (margin >= marginal)
        + (margin >= decisive), dtype=np.int64)


def winners(c: Compiled, final: FloatArr) -> IntArr:
    """[N] the actor furthest above its par in each game ([N, A] final scores)."""
    par, _, _ = thresholds(c)
    return np.asarray(np.argmax(final - par, axis=-1), dtype=np.int64)
