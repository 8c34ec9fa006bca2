"""Yardstick seat policies: always pass, or always one kind of move where one is legal.

The agency checks ask whether a seat has real choices: if the normal bot cannot beat a seat
that never moves, or one that plays the same kind of move every turn, the seat's decisions do
not matter.  These policies work on the batch axis like `RandomPolicy` and `GreedyPolicy`.
Both answer trade offers from their own objectives, as the bots do, so that only their own
moves differ from the normal bot's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from caspian_tabletop.ai.greedy_policy import GreedyPolicy, objective_answers
from caspian_tabletop.domain.moves import MoveKind
from caspian_tabletop.engine.arrays import BoolArr, IntArr
from caspian_tabletop.engine.batch import statically_legal_actions
from caspian_tabletop.engine.compiled import KIND_INDEX, Compiled
from caspian_tabletop.engine.legality import is_legal
from caspian_tabletop.engine.state import BatchState

# The kinds a single-kind policy can be restricted to (passing is PassPolicy).
SINGLE_KINDS = tuple(kind for kind in MoveKind if kind is not MoveKind.PASS)


@dataclass
class PassPolicy:
    """Never moves: what a seat scores if nobody plays it."""

    def choose(self, c: Compiled, st: BatchState, actor: int, rng: np.random.Generator
               ) -> IntArr:
        return np.full(st.size, c.pass_action(actor), dtype=np.int64)

    def answer(self, c: Compiled, st: BatchState, rows: IntArr, action: IntArr,
               rng: np.random.Generator) -> BoolArr:
        return objective_answers(c, st, rows, action)


@dataclass
class KindPolicy:
    """Always a move of one kind where one is legal, otherwise pass.

    Among the legal moves of its kind it picks greedily, by the normal bot's own one-step
    outlook (a `GreedyPolicy` whose candidates are that kind's moves alone), so the policy
    differs from the normal bot only in being unable to choose another kind.
    """

    kind: MoveKind
    greedy: GreedyPolicy

    @classmethod
    def for_scenario(cls, c: Compiled, kind: MoveKind) -> KindPolicy:
        return cls(kind, GreedyPolicy({a: kind_actions(c, a, kind)
                                       for a in range(len(c.actors))}))

    def choose(self, c: Compiled, st: BatchState, actor: int, rng: np.random.Generator
               ) -> IntArr:
        fallback = np.full(st.size, c.pass_action(actor), dtype=np.int64)
        if self.greedy.candidates[actor].size == 0:
            return fallback
        # Where no move of the kind is legal, the greedy pick is an illegal one: pass instead.
        action = self.greedy.choose(c, st, actor, rng)
        return np.where(is_legal(c, st, action), action, fallback)

    def answer(self, c: Compiled, st: BatchState, rows: IntArr, action: IntArr,
               rng: np.random.Generator) -> BoolArr:
        return objective_answers(c, st, rows, action)


def kind_actions(c: Compiled, actor: int, kind: MoveKind) -> IntArr:
    """`actor`'s moves of `kind` that some state could make legal."""
    actions = statically_legal_actions(c, actor)
    return actions[c.act_kind[actions] == KIND_INDEX[kind]]
