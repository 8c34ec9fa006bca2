"""Running counts of the decisions of a batched run: what was legal, what was chosen, when.

A `RunObserver` for `run_outcomes`.  The model checks need more than the final states: which
kinds of move were legal at each decision (a kind is dead if it is legal but never chosen),
when the first blockade came, and who invested in which asset.  Per-game flags are kept for
one chunk of games at a time and folded into counts when the chunk ends, so memory does not
grow with the number of games.
"""

from __future__ import annotations

import numpy as np

from caspian_tabletop.domain.moves import KIND_ORDER
from caspian_tabletop.engine.arrays import BoolArr, IntArr
from caspian_tabletop.engine.batch import statically_legal_actions
from caspian_tabletop.engine.compiled import BLOCKADE, INVEST, Compiled
from caspian_tabletop.engine.legality import is_legal
from caspian_tabletop.engine.state import BatchState


class DecisionTally:
    """Counts over every decision of live games, by actor and kind of move.

    - `decisions[a]`: decisions actor a made;
    - `legal[a, k]`: those at which some move of kind k was legal;
    - `chosen[a, k]`: those at which a legal move of kind k was chosen;
    - `first_blockade[a, t]`: games whose first blockade by a came on turn t (t = 0: never);
    - `first_blockade_any[t]`: the same for the first blockade by anyone;
    - `invested[a, s]`: games in which a invested in asset s at least once;
    - `completed[s]`: games that ended with asset s complete.
    """

    def __init__(self, c: Compiled) -> None:
        actors, kinds, turns = len(c.actors), len(KIND_ORDER), c.turns + 1
        self.compiled = c
        self.games = 0
        self.decisions = np.zeros(actors, dtype=np.int64)
        self.legal = np.zeros((actors, kinds), dtype=np.int64)
        self.chosen = np.zeros((actors, kinds), dtype=np.int64)
        self.first_blockade = np.zeros((actors, turns), dtype=np.int64)
        self.first_blockade_any = np.zeros(turns, dtype=np.int64)
        self.invested = np.zeros((actors, len(c.assets)), dtype=np.int64)
        self.completed = np.zeros(len(c.assets), dtype=np.int64)
        # Each actor's candidate moves grouped by kind, and where each kind's group starts.
        self._candidates: list[IntArr] = []
        self._groups: list[tuple[IntArr, IntArr]] = []
        for a in range(actors):
            actions = statically_legal_actions(c, a)
            actions = actions[np.argsort(c.act_kind[actions], kind="stable")]
            present, starts = np.unique(c.act_kind[actions], return_index=True)
            self._candidates.append(actions)
            self._groups.append((present, starts))
        self._first_turn = np.zeros((0, actors), dtype=np.int64)  # this chunk's, per game
        self._invested = np.zeros((0, actors, len(c.assets)), dtype=bool)

    def start(self, games: int) -> None:
        c = self.compiled
        self._first_turn = np.zeros((games, len(c.actors)), dtype=np.int64)
        self._invested = np.zeros((games, len(c.actors), len(c.assets)), dtype=bool)

    def decided(self, c: Compiled, st: BatchState, actor: int, action: IntArr,
                games: IntArr) -> None:
        live = np.flatnonzero(~st.over)
        if live.size == 0:
            return
        self.decisions[actor] += live.size
        self.legal[actor] += self.legal_kinds(st, actor, live).sum(axis=0)
        picked = action[live]
        done = is_legal(c, st, picked, rows=live)  # an illegal pick is refused: not a move
        rows, picked = live[done], picked[done]
        kind = c.act_kind[picked]
        self.chosen[actor] += np.bincount(kind, minlength=len(KIND_ORDER))
        blockade = kind == BLOCKADE
        game = games[rows[blockade]]
        first = self._first_turn[game, actor]
        self._first_turn[game, actor] = np.where(first == 0, st.turn[rows[blockade]], first)
        project = (kind == INVEST) & (c.act_asset[picked] >= 0)
        self._invested[games[rows[project]], actor, c.act_asset[picked[project]]] = True

    def legal_kinds(self, st: BatchState, actor: int, rows: IntArr) -> BoolArr:
        """[len(rows), kinds] whether some move of each kind is legal for `actor` in the
        games at `rows`."""
        candidates = self._candidates[actor]
        out = np.zeros((rows.size, len(KIND_ORDER)), dtype=bool)
        if candidates.size == 0:
            return out
        grid = np.broadcast_to(candidates, (rows.size, candidates.size))
        legal = is_legal(self.compiled, st, grid, rows=rows)
        present, starts = self._groups[actor]
        out[:, present] = np.logical_or.reduceat(legal, starts, axis=1)
        return out

    def finish(self, final: BatchState) -> None:
        turns = self.first_blockade.shape[1]
        self.games += final.size
        for a in range(self.first_blockade.shape[0]):
            self.first_blockade[a] += np.bincount(self._first_turn[:, a], minlength=turns)
        any_turn = np.where(self._first_turn > 0, self._first_turn, turns).min(axis=1)
        self.first_blockade_any += np.bincount(np.where(any_turn == turns, 0, any_turn),
                                               minlength=turns)
        self.invested += self._invested.sum(axis=0)
        self.completed += final.asset_online.sum(axis=0)
