"""One-step outlook: what each candidate move is worth to its actor, with the rules on a batch.

Every bot and the advisor value a move the same way: resolve it (both outcomes when chance is
involved, weighted by the shown probability), run the end-of-turn upkeep so that revenue
counts, and compare the actor's score per term with what passing would give.  A trade the
partner would refuse (judged by the partner's own objectives) is worth exactly a pass.  An
actor whose routes are judged by their volume sees them as the other seats' deals are
expected to fill them by the game's end (`foresight`), so capacity counts for what it will
carry.  Every actor counts, besides, the clash it risks at the next event draw (`hazard`):
near the brink, a further point of tension costs and a calming move pays.  What will lift
before the last quarter (a blockade, a risk premium, a stake) is taken off the board first
(`lasting`): the final score reads only that quarter.

All candidates of all games are stacked into one batch and resolved in one call, which is
what makes greedy play and the advisor cheap; what does not depend on the candidate (the
scores before the move, the end of turn after a pass) is found once per game.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from caspian_tabletop.ai.foresight import Forecast, forecast, looks_ahead, project_in_place
from caspian_tabletop.ai.hazard import clash_risk
from caspian_tabletop.engine.arrays import BoolArr, FloatArr, IntArr
from caspian_tabletop.engine.compiled import BLOCKADE, DRILL, SUMMIT, TRADE, Compiled
from caspian_tabletop.engine.decisions import settle, settled
from caspian_tabletop.engine.legality import legal_mask
from caspian_tabletop.engine.resolve import FORCE_FAILURE, FORCE_SUCCESS, resolve_in_place
from caspian_tabletop.engine.rowwise import sum_last
from caspian_tabletop.engine.scoring import SCORE_TERMS, actor_scores, contributions, scores
from caspian_tabletop.engine.state import BatchState


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
    """Per game of a batch, what one actor's candidates are measured against (found once per
    batch, not once per candidate)."""

    scores: FloatArr  # [B, A] every actor's score at the end of a pass: a partner's yardstick
    passed: FloatArr  # [B, 6] the actor's end-of-turn contributions after a pass
    actor: int
    ahead: Forecast | None  # the actor's forecast of its routes (`foresight`), if it makes one


def standing(c: Compiled, st: BatchState, actor: int) -> Standing:
    """The `Standing` of every game of `st`, for the moves of `actor`."""
    passed = settled(c, st)
    everyone = scores(c, passed)
    ahead = forecast(c, st, actor) if looks_ahead(c, actor) else None
    if ahead is not None:  # the pass's state shares its trade with `st`: project a copy
        passed = replace(passed, throughput=passed.throughput.copy())
        project_in_place(c, passed, ahead)
    terms = contributions(c, passed, np.full(st.size, actor))[:, 0]
    terms[:, -1] -= clash_risk(c, passed, actor)
    return Standing(scores=everyone, passed=terms, actor=actor, ahead=ahead)


def outlook(c: Compiled, st: BatchState, rows: IntArr, actions: IntArr,
            base: Standing | None = None, scratch: BatchState | None = None) -> Outlook:
    """Value each `actions[i]` in game `rows[i]` of `st` for the actor who makes it; every
    one must be legal there (callers take them from the legality mask).

    Callers that value many chunks of one batch pass `base`, its `standing(c, st, actor)`, and
    `scratch`, a batch of at least `copies(c, actions).sum()` games to work in, whose
    contents are overwritten.  Trades that come as one run of `actions`
    are judged in place, without gathering their games.
    """
    n = rows.size
    kind = c.act_kind[actions]
    actor = c.act_actor[actions]
    if n == 0:
        empty = np.zeros((0, len(SCORE_TERMS)))
        return Outlook(rows=rows, actions=actions, probability=np.zeros(0),
                       chance=np.zeros(0, dtype=bool), accepted=np.zeros(0, dtype=bool),
                       success=empty, failure=empty)
    if np.any(actor != actor[0]):
        raise ValueError("an outlook values the moves of one actor")
    base = standing(c, st, int(actor[0])) if base is None else base
    if base.actor != actor[0]:
        raise ValueError("a standing for one actor values only that actor's moves")
    passed = base.passed.take(rows, axis=0)
    chance = (kind == DRILL) | (kind == BLOCKADE)
    asks = c.act_asks[actions]
    # A trade or summit refused is worth a pass; a demand or a partner staying out of a drill
    # or blockade has an outcome of its own, resolved in copies of its own.
    plain_no = asks & ((kind == TRADE) | (kind == SUMMIT))
    again = np.flatnonzero(chance)
    no_rows = np.flatnonzero(asks & ~plain_no)
    no_again = np.flatnonzero(asks & ~plain_no & chance)
    counts = (n, again.size, no_rows.size, no_again.size)
    offset = np.cumsum((0, *counts))
    m = int(offset[-1])
    all_actions = np.concatenate([actions, actions[again], actions[no_rows], actions[no_again]])
    forced = np.concatenate([np.full(n, FORCE_SUCCESS), np.full(again.size, FORCE_FAILURE),
                             np.full(no_rows.size, FORCE_SUCCESS),
                             np.full(no_again.size, FORCE_FAILURE)])
    accept = np.concatenate([np.ones(n + again.size, dtype=bool),
                             np.zeros(no_rows.size + no_again.size, dtype=bool)])
    # Chance moves are resolved twice, once per outcome: their games are stacked again after
    # the first copies (copied as a block when every move is one, as in greedy play's chunks).
    buffer = st.blank(m) if scratch is None else scratch
    first = st.take(rows, into=buffer)
    if no_rows.size:
        st.take(np.concatenate([rows[again], rows[no_rows], rows[no_again]]),
                into=buffer.span(n, m))
    elif again.size == n:
        buffer.place(n, first)
    elif again.size:
        st.take(rows[again], into=buffer.span(n, m))
    after = buffer.span(0, m)
    out = resolve_in_place(c, after, all_actions, np.full(m, 0.5), accept, forced,
                           legal=np.ones(m, dtype=bool))
    # Partners judge their answers at the end of the turn, as the mover does: where one is
    # asked, every actor's revenue is needed, else only the mover's.
    settle(c, after, None if asks.any() else base.actor)
    accepted = _answers(c, st, rows, actions, after, out.probability, base, plain_no, chance,
                        offset, again, no_rows, no_again)
    if base.ahead is not None:
        project_in_place(c, after, base.ahead.take(np.concatenate(
            [rows, rows[again], rows[no_rows], rows[no_again]])))
    mover = np.concatenate([actor, actor[again], actor[no_rows], actor[no_again]])
    terms = contributions(c, after, mover)[:, 0]
    terms[:, -1] -= clash_risk(c, after, base.actor)
    gains = terms - np.concatenate([passed, passed[again], passed[no_rows], passed[no_again]])
    success = gains[:n].copy()
    failure = success.copy()
    failure[again] = gains[offset[1]:offset[2]]
    probability = np.where(chance, out.probability[:n], 1.0)
    refused = ~accepted
    success[refused & plain_no] = 0.0  # a refused trade or summit is worth exactly a pass
    failure[refused & plain_no] = 0.0
    if no_rows.size:
        own_no = refused[no_rows]
        success[no_rows[own_no]] = gains[offset[2]:offset[3]][own_no]
        failure[no_rows[own_no]] = gains[offset[2]:offset[3]][own_no]
        probability[no_rows[own_no]] = np.where(chance[no_rows[own_no]],
                                                out.probability[offset[2]:offset[3]][own_no],
                                                1.0)
        if no_again.size:
            refused_again = refused[no_again]
            failure[no_again[refused_again]] = gains[offset[3]:][refused_again]
    return Outlook(rows=rows, actions=actions, probability=probability, chance=chance,
                   accepted=accepted, success=success, failure=failure)


def copies(c: Compiled, actions: IntArr) -> IntArr:
    """How many stacked games `outlook` resolves for each action: one, another for the
    failure of a chance move, and as many again where a partner's no has its own outcome."""
    kind = c.act_kind[actions]
    chance = ((kind == DRILL) | (kind == BLOCKADE)).astype(np.int64)
    own_no = (c.act_asks[actions] & (kind != TRADE) & (kind != SUMMIT)).astype(np.int64)
    return np.asarray((1 + chance) * (1 + own_no), dtype=np.int64)


def _answers(c: Compiled, st: BatchState, rows: IntArr, actions: IntArr, after: BatchState,
             probability: FloatArr, base: Standing, plain_no: BoolArr, chance: BoolArr,
             offset: IntArr, again: IntArr, no_rows: IntArr, no_again: IntArr) -> BoolArr:
    """Whether each candidate's partner says yes, judged at the end of the turn, exactly as
    `engine.decisions.partner_accepts` does: its (expected) score if it says yes against its
    score if it says no (for a trade or a summit, its score after a pass)."""
    n = rows.size
    asks = np.flatnonzero(c.act_asks[actions])
    accepted = np.ones(n, dtype=bool)
    if not asks.size:
        return accepted
    partner = c.act_partner[actions]
    # Each row of `after` whose partner's score is needed, with that partner.
    position = np.full(n, -1)
    position[again] = offset[1] + np.arange(again.size)
    no_position = np.full(n, -1)
    no_position[no_rows] = offset[2] + np.arange(no_rows.size)
    no_again_position = np.full(n, -1)
    no_again_position[no_again] = offset[3] + np.arange(no_again.size)
    yes = _partner_scores(c, after, asks, partner[asks])
    risky = asks[chance[asks]]
    if risky.size:
        p = probability[risky]
        at = np.searchsorted(asks, risky)
        yes[at] = p * yes[at] + (1.0 - p) * actor_scores(c, after, partner[risky],
                                                         position[risky])
    no = base.scores[rows[asks], partner[asks]]
    own = asks[~plain_no[asks]]
    if own.size:
        at = np.searchsorted(asks, own)
        no_score = actor_scores(c, after, partner[own], no_position[own])
        risky_no = own[chance[own]]
        if risky_no.size:
            where = np.searchsorted(own, risky_no)
            p_no = probability[no_position[risky_no]]
            no_score[where] = (p_no * no_score[where] + (1.0 - p_no)
                               * actor_scores(c, after, partner[risky_no],
                                              no_again_position[risky_no]))
        no[at] = no_score
    accepted[asks] = yes - no >= -1e-9
    return accepted


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
