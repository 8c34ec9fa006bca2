"""The batched runner's decision observer and the running decision tally built on it.

The observer must not change a game, must name each decision's game by its index in the
run even after finished games are set aside, and the tally's counts must equal counts made
another way: from the final states, from `kind_counts`, or from the engine's reasoned
legality check.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

from caspian_tabletop.analysis import simulate
from caspian_tabletop.analysis.decision_tally import DecisionTally
from caspian_tabletop.analysis.simulate import run_outcomes
from caspian_tabletop.domain.moves import KIND_ORDER
from caspian_tabletop.engine.batch import RandomPolicy, play_to_end
from caspian_tabletop.engine.compiled import BLOCKADE, Compiled
from caspian_tabletop.engine.legality import legal_mask
from caspian_tabletop.engine.state import BatchState, initial_state
from shipped import compiled


@dataclass
class Recorder:
    """Every live decision as (game, turn, actor, action), and the kinds legal at it, found
    with the engine's reasoned check (`legal_mask`) rather than the fast one."""

    decisions: list[tuple[int, int, int, int]] = field(default_factory=list)
    legal: dict[int, np.ndarray] = field(default_factory=dict)

    def decided(self, c: Compiled, st: BatchState, actor: int, action: np.ndarray,
                games: np.ndarray) -> None:
        mask = legal_mask(c, st, actor)
        kinds = c.act_kind[np.arange(c.act_start[actor], c.act_stop[actor])]
        counts = self.legal.setdefault(actor, np.zeros(len(KIND_ORDER), dtype=np.int64))
        for row in np.flatnonzero(~st.over):
            self.decisions.append((int(games[row]), int(st.turn[row]), actor,
                                   int(action[row])))
            counts[np.unique(kinds[mask[row]])] += 1


def _random(c: Compiled) -> list[RandomPolicy]:
    return [RandomPolicy.for_scenario(c)] * len(c.actors)


def test_an_observer_changes_no_game() -> None:
    c = compiled("caspian-2021")
    plain = play_to_end(c, initial_state(c, 40), _random(c), np.random.default_rng(9))
    seen = play_to_end(c, initial_state(c, 40), _random(c), np.random.default_rng(9),
                       observer=Recorder())
    for f in fields(plain):
        assert np.array_equal(getattr(plain, f.name), getattr(seen, f.name)), f.name


def test_games_keep_their_run_index_after_finished_games_are_set_aside() -> None:
    c = compiled("tutorial")
    st = initial_state(c, 8)
    st.over[:4] = True  # half the batch is over: set aside after the first turn
    recorder = Recorder()
    play_to_end(c, st, _random(c), np.random.default_rng(1), observer=recorder)
    per_game: dict[int, int] = {}
    for game, _, _, _ in recorder.decisions:
        per_game[game] = per_game.get(game, 0) + 1
    assert per_game == {g: c.turns * len(c.actors) for g in range(4, 8)}


def test_tally_counts_equal_direct_counts(monkeypatch) -> None:  # noqa: ANN001 - fixture
    monkeypatch.setattr(simulate, "CHUNK", 23)  # several chunks, the last one short
    c = compiled("tutorial")
    tally, recorder = DecisionTally(c), Recorder()
    finals: list[BatchState] = []

    class Both:
        def start(self, games: int) -> None:
            tally.start(games)
            self.offset = len(finals) * 23

        def decided(self, c: Compiled, st: BatchState, actor: int, action: np.ndarray,
                    games: np.ndarray) -> None:
            tally.decided(c, st, actor, action, games)
            recorder.decided(c, st, actor, action, games + self.offset)

        def finish(self, final: BatchState) -> None:
            tally.finish(final)
            finals.append(final)

    out = run_outcomes(c, 60, 4, _random(c), observer=Both())
    assert tally.games == 60
    # Every random pick is legal, so the chosen kinds are the resolved moves' kinds.
    assert np.array_equal(tally.chosen, out.kind_counts)
    assert np.array_equal(tally.decisions, out.kind_counts.sum(axis=1))
    for actor, counts in recorder.legal.items():
        assert np.array_equal(tally.legal[actor], counts)
    first: dict[tuple[int, int], int] = {}
    for game, turn, actor, action in recorder.decisions:
        if c.act_kind[action] == BLOCKADE:
            first.setdefault((game, actor), turn)
    for actor in range(len(c.actors)):
        turns = [t for (_, a), t in first.items() if a == actor]
        expected = np.bincount(turns, minlength=c.turns + 1)
        expected[0] = 60 - len(turns)
        assert np.array_equal(tally.first_blockade[actor], expected)
    earliest: dict[int, int] = {}
    for (game, _), turn in first.items():
        earliest[game] = min(turn, earliest.get(game, turn))
    expected_any = np.bincount(list(earliest.values()), minlength=c.turns + 1)
    expected_any[0] = 60 - len(earliest)
    assert np.array_equal(tally.first_blockade_any, expected_any)
    assert tally.first_blockade[0, 1:].sum() > 0  # Russia did blockade: the test has teeth
    # Kazakhstan alone owns the Aktau expansion and only investing advances it.
    aktau, kz = c.assets.index("aktau-expansion"), c.actors.index("KZ")
    progress = np.concatenate([f.asset_progress[:, aktau] for f in finals])
    assert tally.invested[kz, aktau] == (progress > 0).sum() > 0
    assert tally.invested[[a for a in range(len(c.actors)) if a != kz], aktau].sum() == 0
    online = np.concatenate([f.asset_online[:, aktau] for f in finals])
    assert tally.completed[aktau] == online.sum()
