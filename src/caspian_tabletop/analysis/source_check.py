"""The after-action report's "Model and source": the game against the analysis it models.

The scenario encodes one article's reading of the Caspian in early 2021, and a debrief asks
whether a game told the same story.  Four of the article's points are measured in the game
played: did Russia and Iran signal with drills rather than use force (EDM-19, EDM-20,
EDM-22), did the east–west routes grow (EDM-05, EDM-14), did Turkey's and Azerbaijan's sway
rise in Kazakhstan and Turkmenistan (EDM-05, EDM-14, EDM-28), did Kazakhstan fund the Aktau
expansion (EDM-15).  Each is set beside what the article expects and beside the same measure
in games simulated from the same start with normal bots (analysis.simulate's machinery),
stopped at the point the game reached, so a class sees whether its result was typical of
the model or its own doing.  Who the points are about comes from the model checks' subjects
(analysis.check_targets); a scenario without them gets fewer points.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.ai.greedy_policy import GreedyPolicy
from caspian_tabletop.analysis.check_targets import SUBJECTS
from caspian_tabletop.domain.figures import figure, ordinal
from caspian_tabletop.domain.moves import MoveKind, parse_move
from caspian_tabletop.engine.arrays import FloatArr, IntArr
from caspian_tabletop.engine.batch import BatchPolicy, event_phase, play_turn
from caspian_tabletop.engine.compiled import BLOCKADE, DRILL, ORIENT_EW, Compiled
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.legality import is_legal
from caspian_tabletop.engine.records import MoveRecord
from caspian_tabletop.engine.scoring import influence_shares
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import open_throughput

Progress = Callable[[int], None]



@dataclass(frozen=True)
class Measures:
    """The four measures in each of N games."""

    drills: IntArr  # drills by the coercers (Russia, Iran)
    blockades: IntArr  # blockades by them
    east_west: FloatArr  # change of open east–west throughput, Mt/yr
    turkic: FloatArr  # mean change of the Turkic actors' joint share of sway (0–1)
    aktau: IntArr  # stages of the Aktau expansion invested


@dataclass(frozen=True)
class SourceFinding:
    """One point of the article: the game's measure, the article's expectation with its
    claims, whether they agree, and how the simulated games compare."""

    question: str
    this_game: str
    expected: str
    claims: tuple[str, ...]
    agrees: bool
    simulated: str


@dataclass(frozen=True)
class SourceSection:
    intro: str
    findings: tuple[SourceFinding, ...]


class _Coercion:
    """Counts, game by game, the drills and blockades the coercers really make (a pick the
    rules refuse is no move), as a decision observer of batched play."""

    def __init__(self, c: Compiled, games: int) -> None:
        self.coercers = {c.actor_index(a) for a in SUBJECTS.coercers if a in c.actors}
        self.drills = np.zeros(games, dtype=np.int64)
        self.blockades = np.zeros(games, dtype=np.int64)

    def decided(self, c: Compiled, st: BatchState, actor: int, action: IntArr,
                games: IntArr) -> None:
        if actor not in self.coercers:
            return
        live = np.flatnonzero(~st.over)
        made = live[is_legal(c, st, action[live], rows=live)]
        kind = c.act_kind[action[made]]
        np.add.at(self.drills, games[made], kind == DRILL)
        np.add.at(self.blockades, games[made], kind == BLOCKADE)


def _state_measures(c: Compiled, final: BatchState) -> tuple[FloatArr, FloatArr, IntArr]:
    """East–west growth, Turkic sway change and Aktau stages of every game of `final`."""
    start = initial_state(c, 1)
    east_west = c.corridor_orientation == ORIENT_EW
    growth = (open_throughput(c, final)[:, east_west].sum(axis=1)
              - open_throughput(c, start)[:, east_west].sum(axis=1))
    turkic = [c.actor_index(a) for a in SUBJECTS.turkic if a in c.actors]
    targets = [c.actor_index(a) for a in SUBJECTS.central_asia if a in c.actors]
    change = np.zeros(final.size)
    if turkic and targets:
        joint = influence_shares(final)[:, turkic][:, :, targets].sum(axis=1)
        joint0 = influence_shares(start)[:, turkic][:, :, targets].sum(axis=1)
        change = (joint - joint0).mean(axis=1)
    stages = np.zeros(final.size, dtype=np.int64)
    if SUBJECTS.asset in c.assets:
        stages = final.asset_progress[:, c.assets.index(SUBJECTS.asset)].copy()
    return growth, change, stages


def game_measures(game: Game) -> Measures:
    """The measures of one game, from its records (moves made) and its state."""
    drills = blockades = 0
    for record in game.records:
        if isinstance(record, MoveRecord) and record.fizzled is None:
            move = parse_move(record.move)
            if move.actor in SUBJECTS.coercers:
                drills += move.kind is MoveKind.DRILL
                blockades += move.kind is MoveKind.BLOCKADE
    growth, change, stages = _state_measures(game.compiled, game.state)
    return Measures(np.array([drills]), np.array([blockades]), growth, change, stages)


def simulated_measures(c: Compiled, games: int, seed: int, turns: int, orders: bool,
                       progress: Progress | None = None,
                       policies: Sequence[BatchPolicy] | None = None) -> Measures:
    """The measures of `games` games from the opening (normal bots in every seat unless
    `policies` are given), stopped after `turns` whole turns and, with `orders`, after the
    next turn's events (where a game in progress waits for its orders)."""
    rng = np.random.Generator(np.random.PCG64(seed))
    st = initial_state(c, games)
    tally = _Coercion(c, games)
    if policies is None:
        policies = [GreedyPolicy.for_scenario(c)] * len(c.actors)
    for _ in range(turns):
        play_turn(c, st, policies, rng, observer=tally)
    if orders and not st.over.all():
        event_phase(c, st, rng)
    if progress is not None:
        progress(games)
    growth, change, stages = _state_measures(c, st)
    return Measures(tally.drills, tally.blockades, growth, change, stages)


def _percentile(values: FloatArr | IntArr, value: float) -> str:
    """Where `value` falls among `values`: 'at the 40th percentile' (ties count half)."""
    below = float(np.mean(values < value - 1e-9))
    tied = float(np.mean(np.abs(values - value) <= 1e-9))
    return f"at the {ordinal(round(100 * (below + tied / 2)))} percentile"


def _names(c: Compiled, ids: tuple[str, ...]) -> str:
    names = [c.scenario.actors[a].name for a in ids if a in c.actors]
    return " and ".join(names)


def _share(flags: NDArray[np.bool_]) -> str:
    """The share of games where `flags` holds: '42%'."""
    return figure(float(np.mean(flags)), ".0%")


def _points(x: float) -> str:
    """A change of a share in percentage points: '+3.2 points'."""
    return f"{figure(100 * x, '.1f', signed=True)} points"


def findings(game: Game, sim: Measures | None, games: int) -> list[SourceFinding]:
    """The four points, as far as the scenario has their subjects."""
    c, played = game.compiled, game_measures(game)
    where = (f"In {games:,} simulated games from the same start (normal bots in every seat)"
             if sim is not None else "")
    out = []
    coercers = _names(c, SUBJECTS.coercers)
    if coercers:
        d, b = int(played.drills[0]), int(played.blockades[0])
        they = "they" if " and " in coercers else "it"
        signal = "signalled with drills and never used force" if d and not b else (
            "used force" if b else "neither drilled nor blockaded")
        shown = ("" if sim is None else
                 f"{where}, {they} signalled without force in "
                 f"{_share((sim.drills > 0) & (sim.blockades == 0))} of games, drilled "
                 f"in {_share(sim.drills > 0)} and blockaded in "
                 f"{_share(sim.blockades > 0)}.")
        out.append(SourceFinding(
            f"Did {coercers} signal or use force?",
            f"{coercers} held {d} naval drill{'s' * (d != 1)} and {b} "
            f"blockade{'s' * (b != 1)}: {they} {signal}.",
            "Signals, not force: they drill to show they could stop trade that leaves them "
            "out, but are not about to use force.", ("EDM-19", "EDM-20", "EDM-22"),
            bool(d and not b), shown))
    if (c.corridor_orientation == ORIENT_EW).any():
        g = float(played.east_west[0])
        shown = ("" if sim is None else
                 f"{where}, they grew in {_share(sim.east_west > 1e-9)} of games "
                 f"(median {figure(float(np.median(sim.east_west)), '.2f', signed=True)} "
                 f"Mt/yr); this game is {_percentile(sim.east_west, g)}.")
        out.append(SourceFinding(
            "Did the east–west routes grow?",
            f"Open trade on the east–west routes changed by {figure(g, '.2f', signed=True)} "
            "Mt/yr.",
            "They grow: the eastern shore plans its trade around routes west through "
            "Azerbaijan.", ("EDM-05", "EDM-14"), g > 1e-9, shown))
    turkic, targets = _names(c, SUBJECTS.turkic), _names(c, SUBJECTS.central_asia)
    if turkic and targets:
        t = float(played.turkic[0])
        shown = ("" if sim is None else
                 f"{where}, it rose in {_share(sim.turkic > 1e-9)} of games (median "
                 f"{_points(float(np.median(sim.turkic)))}); this game is "
                 f"{_percentile(sim.turkic, t)}.")
        out.append(SourceFinding(
            f"Who gained sway in {targets}?",
            f"{turkic}'s {'joint ' * (' and ' in turkic)}share of the sway over {targets} "
            f"changed by {_points(t)}{' on average' * (' and ' in targets)}; {_gainer(game)}.",
            "Baku, and Ankara behind it, gain sway in the Turkic republics that look west "
            "through Azerbaijan.", ("EDM-05", "EDM-14", "EDM-28"), t > 1e-9, shown))
    if SUBJECTS.asset in c.assets and SUBJECTS.funder in c.actors:
        stages = int(c.asset_stages[c.assets.index(SUBJECTS.asset)])
        a, funder = int(played.aktau[0]), c.scenario.actors[SUBJECTS.funder].name
        shown = ("" if sim is None else
                 f"{where}, it was funded in {_share(sim.aktau > 0)} of games and "
                 f"completed in {_share(sim.aktau >= stages)}.")
        out.append(SourceFinding(
            f"Did {funder} fund the Aktau expansion?",
            f"{funder} invested in {min(a, stages)} of its {stages} stages; the expansion is "
            + ("complete." if a >= stages else "not complete."),
            "Yes: the article rates the expansion as possibly the most important development "
            "of all.", ("EDM-15",), a > 0, shown))
    return out


def _gainer(game: Game) -> str:
    """'the largest gain: Russia, +4.1 points': whose mean share over the Central Asian
    states rose most."""
    c = game.compiled
    targets = [c.actor_index(a) for a in SUBJECTS.central_asia if a in c.actors]
    change = (influence_shares(game.state)[0][:, targets]
              - influence_shares(initial_state(c, 1))[0][:, targets]).mean(axis=1)
    best = int(np.argmax(change))
    return f"the largest gain: {c.scenario.actors[c.actors[best]].name}, {_points(change[best])}"


def source_section(game: Game, games: int, seed: int,
                   progress: Progress | None = None) -> SourceSection:
    """The section for `game`, compared with `games` simulated games (0: no comparison)."""
    c = game.compiled
    turns = c.turns if game.is_over else game.turn - 1
    sim = (simulated_measures(c, games, seed, turns, not game.is_over, progress)
           if games > 0 else None)
    stop = ("to the end" if game.is_over else
            f"to where this game stopped (turn {game.turn}'s orders)")
    intro = ("The scenario models one analysis of the Caspian in early 2021 (the claims EDM-xx "
             "of the source register). Here this game is set beside what the article expects "
             + (f"and beside {games:,} games simulated from the same start {stop} with normal "
                f"bots (seed {seed}): a result the model gives in most games is the model's "
                "doing; a rare one is the class's." if sim is not None else
                "(the comparison with simulated games was skipped)."))
    return SourceSection(intro, tuple(findings(game, sim, games)))
