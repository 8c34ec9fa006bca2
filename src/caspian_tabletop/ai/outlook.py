"""One-step outlook: what each candidate move is worth to its actor, with the rules on a batch.

Every bot and the advisor value a move the same way: resolve it (both outcomes when chance is
involved, weighted by the shown probability), run the end-of-turn upkeep so that revenue
counts, and compare the actor's score per term with what passing would give.  A trade the
partner would refuse (judged by the partner's own objectives) is worth exactly a pass.

All candidates of all games are stacked into one batch and resolved in one call, which is
what makes greedy play and the advisor cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.legality import BLOCKADE, DRILL, TRADE, legal_mask
from caspian_tabletop.engine.resolve import FORCE_FAILURE, FORCE_SUCCESS, resolve_in_place
from caspian_tabletop.engine.scoring import actor_scores, contributions, scores_of
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import upkeep_in_place

IntArr = NDArray[np.int64]
FloatArr = NDArray[np.float64]
BoolArr = NDArray[np.bool_]


@dataclass(frozen=True)
class Outlook:
    """Per candidate (game `rows[i]`, action `actions[i]`): odds and per-term score gains.

    Gains are the actor's end-of-turn score contributions ([n, 6], the scoring terms with
    the clash penalty last) minus those it would have after passing.
    """

    rows: IntArr
    actions: IntArr
    probability: FloatArr  # chance of success; 1.0 where no chance is involved
    chance: BoolArr
    accepted: BoolArr  # the partner would accept (True for every non-trade)
    success: FloatArr
    failure: FloatArr  # equal to `success` where no chance is involved

    @property
    def expected(self) -> FloatArr:
        """[n, 6] expected per-term gain over the chance outcomes."""
        p = self.probability[:, None]
        gain: FloatArr = p * self.success + (1.0 - p) * self.failure
        return gain

    @property
    def value(self) -> FloatArr:
        """[n] expected gain in the actor's score."""
        total: FloatArr = self.expected.sum(axis=1)
        return total


def outlook(c: Compiled, st: BatchState, rows: IntArr, actions: IntArr) -> Outlook:
    """Value each legal `actions[i]` in game `rows[i]` of `st` for the actor who makes it."""
    n = rows.size
    kind = c.act_kind[actions]
    actor = c.act_actor[actions]
    chance = (kind == DRILL) | (kind == BLOCKADE)
    again = np.flatnonzero(chance)
    all_rows = np.concatenate([rows, rows[again]])
    all_actions = np.concatenate([actions, actions[again]])
    m = all_rows.size
    forced = np.concatenate([np.full(n, FORCE_SUCCESS), np.full(again.size, FORCE_FAILURE)])
    after = st.take(all_rows)
    out = resolve_in_place(c, after, all_actions, np.full(m, 0.5), np.ones(m, dtype=bool),
                           forced)
    # The partner judges the deal right after it, exactly as `partner_accepts` does.
    # Scores before the move are computed once per game, not once per candidate.
    unique, where = np.unique(rows, return_inverse=True)
    trades = np.flatnonzero(kind == TRADE)
    partner = c.act_partner[actions[trades]]
    gain = (actor_scores(c, after, partner, trades)
            - scores_of(c, st, unique)[where[trades], partner])
    accepted = np.ones(n, dtype=bool)
    accepted[trades] = gain >= -1e-9
    upkeep_in_place(c, after)
    all_actors = np.concatenate([actor, actor[again]])
    terms = contributions(c, after, all_actors)[:, 0]
    passed = st.take(unique)
    upkeep_in_place(c, passed)
    base = contributions(c, passed)[where, actor]
    success = np.where(accepted[:, None], terms[:n], base) - base
    failure = success.copy()
    failure[again] = terms[n:] - base[again]
    probability = np.where(chance, out.probability[:n], 1.0)
    return Outlook(rows=rows, actions=actions, probability=probability, chance=chance,
                   accepted=accepted, success=success, failure=failure)


def legal_actions(c: Compiled, st: BatchState, actor: int) -> IntArr:
    """The actor's legal actions in game 0 of `st`, in action-table order."""
    mask = legal_mask(c, st, actor)[0]
    return np.flatnonzero(mask).astype(np.int64) + int(c.act_start[actor])


def root_outlook(c: Compiled, st: BatchState, actor: int) -> Outlook:
    """The outlook of every legal move of `actor` in a batch-of-one state."""
    actions = legal_actions(c, st, actor)
    return outlook(c, st, np.zeros(actions.size, dtype=np.int64), actions)


def pick_best(values: FloatArr, rng: np.random.Generator) -> int:
    """Index of the highest value; exact ties (within 1e-9) are broken by `rng`."""
    best = values >= values.max() - 1e-9
    return int(np.argmax(np.where(best, rng.random(values.size), -1.0)))
