"""Decisions a seat makes from its own objectives, evaluated with the rules themselves."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.compiled import BLOCKADE, DRILL, SUMMIT, TRADE, Compiled
from caspian_tabletop.engine.lasting import drop_lapsing, without_lapsing
from caspian_tabletop.engine.resolve import FORCE_FAILURE, FORCE_SUCCESS, resolve_in_place
from caspian_tabletop.engine.scoring import actor_scores, contributions
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import scored_upkeep, scored_upkeep_in_place


def answer_gain(c: Compiled, st: BatchState, action: IntArr) -> FloatArr:
    """[B] how much better the partner of `action[b]` does by saying yes than no: its
    expected score (over the roll, for a drill or a blockade) if it says yes, against its
    score if it says no (a refused trade or summit leaves things as they are; a refused
    demand, or a drill or blockade gone ahead alone, has an outcome of its own).

    Both are judged at the end of the turn, as the final score will see it (`settle`): a
    stake granted for the last quarter costs the partner its share of the route's fees, and
    what lapses before then costs it nothing."""
    partner = np.maximum(c.act_partner[action], 0)
    kind = c.act_kind[action]
    yes = _expected(c, st, action, partner, True)
    plain = (kind == TRADE) | (kind == SUMMIT)
    no = actor_scores(c, settled(c, st), partner)
    if not plain.all():
        no = np.where(plain, no, _expected(c, st, action, partner, False))
    return yes - no


def answer_terms(c: Compiled, st: BatchState, action: IntArr
                 ) -> tuple[FloatArr, FloatArr, FloatArr]:
    """[B, 6] the partner's points per score term at the end of the turn if it says yes, if
    it says no, and if it is not asked, judged as `answer_gain` judges them: what a partner
    is shown when it is asked."""
    partner = np.maximum(c.act_partner[action], 0)

    def terms(s: BatchState, whom: IntArr) -> FloatArr:
        return contributions(c, s, whom)[:, 0]

    return (_expected(c, st, action, partner, True, terms),
            _expected(c, st, action, partner, False, terms),
            terms(settled(c, st), partner))


def settle(c: Compiled, s: BatchState, actor: int | None = None) -> None:
    """`s`, in place, at the end of its turn as the final score will see it: what lifts
    before the last quarter taken off, then the upkeep of what scores read (every actor's
    revenue, so that a stake's share counts; with `actor`, only that actor's)."""
    drop_lapsing(c, s)
    scored_upkeep_in_place(c, s, actor)


def settled(c: Compiled, st: BatchState) -> BatchState:
    """`settle` on a new state (`st` unchanged; unchanged fields are shared with it)."""
    return scored_upkeep(c, without_lapsing(c, st))


def _expected(c: Compiled, st: BatchState, action: IntArr, partner: IntArr, accept: bool,
              measure: Callable[[BatchState, IntArr], FloatArr] | None = None) -> FloatArr:
    """The partner's score (or what `measure` reads, [B] or [B, T]) at the end of the turn
    (`settle`) after the move with its answer `accept`, in expectation over the roll where
    one decides the move (an illegal move changes nothing, so its partner's answer is yes,
    as the outlook gives it)."""
    def read(s: BatchState) -> FloatArr:
        return actor_scores(c, s, partner) if measure is None else measure(s, partner)

    n = st.size
    answer = np.full(n, accept)
    win = st.copy()
    out = resolve_in_place(c, win, action, np.full(n, 0.5), answer, np.full(n, FORCE_SUCCESS))
    settle(c, win)
    score = read(win)
    kind = c.act_kind[action]
    chance = (kind == DRILL) | (kind == BLOCKADE)
    if chance.any():
        lose = st.copy()
        resolve_in_place(c, lose, action, np.full(n, 0.5), answer, np.full(n, FORCE_FAILURE))
        settle(c, lose)
        p = np.where(chance & out.legal, out.probability, 1.0).reshape(-1, *[1] * (score.ndim - 1))
        score = p * score + (1.0 - p) * read(lose)
    return np.asarray(score, dtype=np.float64)


def partner_accepts(c: Compiled, st: BatchState, action: IntArr) -> NDArray[np.bool_]:
    """An objective-driven partner says yes when that does not leave it worse off than no."""
    return answer_gain(c, st, action) >= -1e-9
