"""Greedy play over a whole batch: each game picks its actor's best one-step move.

A `BatchPolicy` for Monte Carlo runs and for the hard bot's rollouts.  Every (game,
candidate) pair that is legal is valued with `outlook`, in large chunks in one reused
buffer; games in the same position are valued once, and the pairs are stacked kind by kind
so that each chunk runs few of the rules.  Trade offers are answered from the partner's own
objectives, which the outlook of the offer has already consulted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from caspian_tabletop.ai.budget import (
    NORMAL_PLAN_TURNS,
    plan_choice_values,
    preferred,
    top,
    with_full_purse,
)
from caspian_tabletop.ai.outlook import copies, outlook, standing
from caspian_tabletop.engine.arrays import BoolArr, FloatArr, IntArr
from caspian_tabletop.engine.batch import statically_legal_actions
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.decisions import partner_accepts
from caspian_tabletop.engine.legality import is_legal
from caspian_tabletop.engine.state import BatchState

# Stacked games per resolve call: each call has a fixed cost of some hundred NumPy calls, which
# large chunks spread thin; much larger ones fall out of cache.
CHUNK_ROWS = 8192


def objective_answers(c: Compiled, st: BatchState, rows: IntArr, action: IntArr) -> BoolArr:
    """The partner of `action[i]` in game `rows[i]` says yes when that does not leave it worse
    off than no (`engine.decisions.partner_accepts`); moves that ask nobody get a yes, which
    resolution ignores."""
    accept = np.ones(rows.size, dtype=bool)
    asked = np.flatnonzero(c.act_asks[action])
    if asked.size:
        accept[asked] = partner_accepts(c, st.take(rows[asked]), action[asked])
    return accept


@dataclass(frozen=True)
class Valuation:
    """[B, K] per game and candidate: the outlook value (-inf where illegal) and whether the
    partner would accept it (True but for trades it would refuse)."""

    values: FloatArr
    accepted: BoolArr


def candidate_values(c: Compiled, st: BatchState, actor: int, candidates: IntArr) -> FloatArr:
    """[B, K] outlook value of each of `actor`'s candidates in each game of `st`; -inf where
    illegal."""
    return valuation(c, st, actor, candidates).values


def valuation(c: Compiled, st: BatchState, actor: int, candidates: IntArr,
              scratch: BatchState | None = None) -> Valuation:
    """The outlook of each of `actor`'s candidates in each game of `st`.  `scratch`, a batch
    of at least `CHUNK_ROWS` games, is worked in when given."""
    legal = is_legal(c, st, np.broadcast_to(candidates, (st.size, candidates.size)))
    values = np.full(legal.shape, -np.inf)
    accepted = np.ones(legal.shape, dtype=bool)
    game, column = np.nonzero(legal)
    # Kind by kind, and partner by partner, so that most chunks hold moves of one kind:
    # resolution then runs one kind's rules per chunk, and trades are judged in place.
    group = c.act_kind[candidates] * (len(c.actors) + 1) + c.act_partner[candidates] + 1
    order = np.argsort(group.astype(np.uint16)[column], kind="stable")
    game, column = game[order], column[order]
    entry = game * candidates.size + column  # flat index into [B, K]
    base = standing(c, st, actor)
    # Chunks of at most CHUNK_ROWS stacked games (a chance move takes two, one per outcome,
    # and a partner's no with an outcome of its own doubles that), all in one reused buffer.
    stacked = np.concatenate([[0], np.cumsum(copies(c, candidates[column]))])
    if scratch is None:
        scratch = st.blank(min(CHUNK_ROWS, int(stacked[-1])))
    start = 0
    while start < game.size:
        stop = int(np.searchsorted(stacked, stacked[start] + CHUNK_ROWS, side="right")) - 1
        part = slice(start, stop)
        view = outlook(c, st, game[part], candidates[column[part]], base, scratch)
        values.reshape(-1)[entry[part]] = view.value
        accepted.reshape(-1)[entry[part][~view.accepted]] = False
        start = stop
    return Valuation(values, accepted)


@dataclass(frozen=True)
class _Offers:
    """The policy's last choices and their partners' answers, found by their outlook: the
    outlook judges a trade exactly as `objective_answers` does (a test holds them together),
    so asked about these very offers in this very state, the policy need not judge again."""

    state: BatchState  # a copy of the state chosen in
    action: IntArr  # [B]
    accept: BoolArr  # [B]

    def answer(self, st: BatchState, rows: IntArr, action: IntArr) -> BoolArr | None:
        """The answers to `action[i]` in game `rows[i]` of `st`, if these are the offers."""
        if st.size != self.state.size or not np.array_equal(self.action[rows], action):
            return None
        same = all(np.array_equal(mine, theirs)
                   for mine, theirs in zip(self.state.arrays(), st.arrays(), strict=True))
        return self.accept[rows] if same else None


@dataclass
class GreedyPolicy:
    """Maximise the actor's expected end-of-turn score, one move ahead; ties at random.

    With `plan_turns` above 1 (the normal bot), capital is planned over that many turns
    (`budget`): moves are valued as if affordable, and a move now is worth its own gain plus
    the best spending of what it leaves, so the policy can save for a dearer move; among
    plans worth the same it takes the better move now (`budget.preferred`).

    The policy keeps one working batch for all its moves (fresh memory for each would be paid
    for in page faults) and remembers its last offers with their answers, so one policy serves
    one run at a time.
    """

    candidates: dict[int, IntArr]
    plan_turns: int = 1
    scratch: BatchState | None = field(default=None, repr=False, compare=False)
    offers: _Offers | None = field(default=None, repr=False, compare=False)

    @classmethod
    def for_scenario(cls, c: Compiled, plan_turns: int = NORMAL_PLAN_TURNS) -> GreedyPolicy:
        return cls({a: statically_legal_actions(c, a) for a in range(len(c.actors))},
                   plan_turns)

    def choose(self, c: Compiled, st: BatchState, actor: int, rng: np.random.Generator
               ) -> IntArr:
        candidates = self.candidates[actor]
        live = np.flatnonzero(~st.over)
        planning = self.plan_turns > 1
        seen = with_full_purse(c, st, actor) if planning else st
        # Games in the same position get the same values: value each position once.
        first, group = st.distinct(live)
        if first.size == live.size:  # all apart (finished games have no legal move)
            valued = valuation(c, seen, actor, candidates, self._scratch(st))
            values, accepted = valued.values, valued.accepted
        else:
            valued = valuation(c, seen.take(first), actor, candidates, self._scratch(st))
            values = np.full((st.size, candidates.size), -np.inf)
            accepted = np.ones(values.shape, dtype=bool)
            values[live], accepted[live] = valued.values[group], valued.accepted[group]
        if planning:
            planned = plan_choice_values(c, st, actor, candidates, values, self.plan_turns)
            best = preferred(planned, values)
        else:
            best = top(values)
        pick = np.argmax(np.where(best, rng.random(values.shape), -1.0), axis=1)
        action = np.asarray(candidates[pick], dtype=np.int64)
        self.offers = _Offers(st.copy(), action, accepted[np.arange(st.size), pick])
        return action

    def _scratch(self, st: BatchState) -> BatchState:
        """The working batch, made on first use (and again should the shapes change)."""
        shaped = self.scratch is not None and all(
            a.shape[1:] == b.shape[1:] for a, b in zip(self.scratch.arrays(), st.arrays(),
                                                       strict=True))
        if self.scratch is None or not shaped:
            self.scratch = st.blank(CHUNK_ROWS)
        return self.scratch

    def answer(self, c: Compiled, st: BatchState, rows: IntArr, action: IntArr,
               rng: np.random.Generator) -> BoolArr:
        known = None if self.offers is None else self.offers.answer(st, rows, action)
        return objective_answers(c, st, rows, action) if known is None else known
