"""One-step outlook: what each candidate move is worth to its actor, with the rules on a batch.

Every bot and the advisor value a move the same way: resolve it (both outcomes when chance is
involved, weighted by the shown probability), run the end-of-turn upkeep so that revenue
counts, and compare the actor's score per term with what passing would give.  A trade the
partner would refuse (judged by the partner's own objectives) is worth exactly a pass.

All candidates of all games are stacked into one batch and resolved in one call, which is
what makes greedy play and the advisor cheap; what does not depend on the candidate (the
scores before the move, the end of turn after a pass) is found once per game.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.legality import BLOCKADE, DRILL, TRADE, legal_mask
from caspian_tabletop.engine.resolve import FORCE_FAILURE, FORCE_SUCCESS, resolve_in_place
from caspian_tabletop.engine.rowwise import sum_last
from caspian_tabletop.engine.scoring import actor_scores, contributions, scores
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import scored_upkeep, scored_upkeep_in_place

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
        """[n] expected gain in the actor's score: `expected` summed over the terms, one
        term at a time (the same sums, without the [n, 6] temporaries)."""
        if not self.chance.any():  # weights 1 and 0: the success gains alone
            return sum_last(self.success)
        p, q = self.probability, 1.0 - self.probability
        total: FloatArr = p * self.success[:, 0] + q * self.failure[:, 0]
        for t in range(1, self.success.shape[1]):
            total += p * self.success[:, t] + q * self.failure[:, t]
        return total


@dataclass(frozen=True)
class Standing:
    """Per game of a batch, what its candidates are measured against (found once per batch,
    not once per candidate)."""

    scores: FloatArr  # [B, A] every actor's score now: a trade partner's yardstick
    passed: FloatArr  # [B, K, 6] end-of-turn contributions after a pass, per actor
    actor: int | None  # None: `passed` has every actor (K = A); else only this one (K = 1)


def standing(c: Compiled, st: BatchState, actor: int | None = None) -> Standing:
    """The `Standing` of every game of `st`, for the moves of every actor or of `actor`."""
    passed = scored_upkeep(c, st, actor)
    whom = None if actor is None else np.full(st.size, actor)
    return Standing(scores=scores(c, st), passed=contributions(c, passed, whom), actor=actor)


def outlook(c: Compiled, st: BatchState, rows: IntArr, actions: IntArr,
            base: Standing | None = None, scratch: BatchState | None = None) -> Outlook:
    """Value each `actions[i]` in game `rows[i]` of `st` for the actor who makes it; every
    one must be legal there (callers take them from the legality mask).

    Callers that value many chunks of one batch pass `base`, its `standing(c, st)`, and
    `scratch`, a batch of at least `rows.size` + (drills and blockades among `actions`) games
    to work in, whose contents are overwritten.  Trades that come as one run of `actions`
    are judged in place, without gathering their games.
    """
    base = standing(c, st) if base is None else base
    n = rows.size
    kind = c.act_kind[actions]
    actor = c.act_actor[actions]
    if base.actor is None:
        passed = base.passed[rows, actor]
    elif np.all(actor == base.actor):
        passed = base.passed[:, 0].take(rows, axis=0)
    else:
        raise ValueError("a standing for one actor values only that actor's moves")
    chance = (kind == DRILL) | (kind == BLOCKADE)
    again = np.flatnonzero(chance)
    all_actions = np.concatenate([actions, actions[again]])
    m = n + again.size
    forced = np.concatenate([np.full(n, FORCE_SUCCESS), np.full(again.size, FORCE_FAILURE)])
    # Chance moves are resolved twice, once per outcome: their games are stacked again after
    # the first copies (copied as a block when every move is one, as in greedy play's chunks).
    buffer = st.blank(m) if scratch is None else scratch
    first = st.take(rows, into=buffer)
    if again.size == n:
        buffer.place(n, first)
    elif again.size:
        st.take(rows[again], into=buffer.span(n, m))
    after = buffer.span(0, m)
    out = resolve_in_place(c, after, all_actions, np.full(m, 0.5), np.ones(m, dtype=bool),
                           forced, legal=np.ones(m, dtype=bool))
    # The partner judges the deal right after it, exactly as `partner_accepts` does.
    trades = np.flatnonzero(kind == TRADE)
    partner = c.act_partner[actions[trades]]
    accepted = np.ones(n, dtype=bool)
    accepted[trades] = (_partner_scores(c, after, trades, partner)
                        - base.scores[rows[trades], partner] >= -1e-9)
    scored_upkeep_in_place(c, after, base.actor)
    terms = contributions(c, after, np.concatenate([actor, actor[again]]))[:, 0]
    # A refused trade is worth exactly a pass.
    success = terms[:n] - passed
    if trades.size:
        success[~accepted] = 0.0
    if again.size == n:
        failure = terms[n:] - passed
    elif again.size == 0:  # no chance involved: the same gains
        failure = success
    else:
        failure = success.copy()
        failure[again] = terms[n:] - passed[again]
    probability = np.where(chance, out.probability[:n], 1.0)
    return Outlook(rows=rows, actions=actions, probability=probability, chance=chance,
                   accepted=accepted, success=success, failure=failure)


def _partner_scores(c: Compiled, after: BatchState, trades: IntArr, partner: IntArr
                    ) -> FloatArr:
    """Each trade partner's score in the games `trades` of `after`.

    Trades that come as one run of games, grouped by partner (as greedy play stacks them),
    are scored a partner at a time in place; others are gathered and scored together.
    """
    if not trades.size:
        return np.zeros(0)
    runs = np.flatnonzero(np.diff(partner)) + 1
    if trades[-1] - trades[0] + 1 != trades.size or runs.size >= len(c.actors):
        return actor_scores(c, after, partner, trades)
    out = np.empty(trades.size)
    bounds = np.concatenate([[0], runs, [trades.size]])
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        out[lo:hi] = actor_scores(c, after.span(int(trades[0] + lo), int(trades[0] + hi)),
                                  partner[lo:hi])
    return out


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
