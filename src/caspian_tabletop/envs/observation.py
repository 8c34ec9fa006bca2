"""What a seat sees and may do, as fixed-size arrays over the batch axis: the observation and
the action mask every environment (PettingZoo, OpenSpiel, the vector environment) hands out.

The observation is the public board (turn, tension, sway, relations, routes, navies in each
zone, projects, every actor's score) and the seat's own capital, objectives and identity.
Orders sealed but not yet revealed are not in the state, so they are never observable.
Each seat's actions are its rows of the compiled action table that some position could make
legal, in table order; the mask marks those legal now.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.batch import statically_legal_actions
from caspian_tabletop.engine.compiled import TERMS, Compiled
from caspian_tabletop.engine.legality import is_legal
from caspian_tabletop.engine.scoring import scores
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import premium_share

Float32Arr = NDArray[np.float32]
Int8Arr = NDArray[np.int8]


@dataclass(frozen=True)
class Fields:
    """The observation's parts in order, with their lengths (for `docs/research.md`)."""

    parts: tuple[tuple[str, int], ...]

    @property
    def size(self) -> int:
        return sum(n for _, n in self.parts)


def fields(c: Compiled) -> Fields:
    a, k, zones, assets = len(c.actors), len(c.corridors), len(c.zones), len(c.asset_stages)
    return Fields((
        ("turn / turns", 1), ("tension / 10", 1),
        ("influence / 100, [actor, target]", a * a), ("relations / 100, [actor, actor]", a * a),
        ("throughput Mt/yr, per route", k), ("capacity Mt/yr, per route", k),
        ("blockaded (0/1), per route", k),
        ("share of trade risk premiums keep away, per route", k),
        ("naval strength present, [actor, zone]", a * zones),
        ("project stages invested / stages, per project", assets),
        ("project online (0/1), per project", assets),
        ("score / 100, per actor", a),
        ("own capital / capital cap", 1), ("own objective weights, per term", len(TERMS)),
        ("own seat (one-hot), per actor", a),
    ))


def observe(c: Compiled, st: BatchState, actor: int, points: FloatArr | None = None
            ) -> Float32Arr:
    """[B, D] float32: what `actor` sees in each game of `st` (`points`: its scores, when
    the caller has them already)."""
    b, a = st.size, len(c.actors)
    stages = np.maximum(c.asset_stages, 1)
    own = np.zeros((b, a))
    own[:, actor] = 1.0
    parts = [
        (st.turn / c.turns)[:, None], (st.tension / 10.0)[:, None],
        (st.influence / 100.0).reshape(b, -1), (st.relations / 100.0).reshape(b, -1),
        st.throughput, st.capacity, (st.blocked > 0).astype(float),
        premium_share(c, st), st.zone_strength.reshape(b, -1),
        st.asset_progress / stages, st.asset_online.astype(float),
        (scores(c, st) if points is None else points) / 100.0,
        (st.capital[:, actor] / c.rules.capital_max)[:, None],
        np.broadcast_to(c.weights[actor], (b, len(TERMS))), own,
    ]
    seen: Float32Arr = np.concatenate(parts, axis=1).astype(np.float32)
    return seen


def action_table(c: Compiled, actor: int) -> IntArr:
    """`actor`'s action rows, in table order: index i of its action space is row i."""
    return np.sort(statically_legal_actions(c, actor))


def masks(c: Compiled, st: BatchState, actor: int, rows: IntArr) -> Int8Arr:
    """[B, n] int8: 1 where the action is legal for `actor` in that game now."""
    legal = is_legal(c, st, np.broadcast_to(rows, (st.size, rows.size)))
    allowed: Int8Arr = legal.astype(np.int8)
    return allowed
