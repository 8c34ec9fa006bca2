"""Many games at once: uniform random legal actions and whole-game runs on the batch axis.

These are the same rules as an interactive game (batch size 1); only the batch is larger.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Protocol

import numpy as np

from caspian_tabletop.engine.arrays import BoolArr, IntArr
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.events import apply_events_in_place, draw_events, scheduled_events
from caspian_tabletop.engine.legality import is_legal, static_legal
from caspian_tabletop.engine.resolve import resolve_in_place
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import upkeep_in_place

Generator = np.random.Generator


class BatchPolicy(Protocol):
    """A seat policy over a batch: chooses one action per game and answers trade offers."""

    def choose(self, c: Compiled, st: BatchState, actor: int, rng: Generator) -> IntArr: ...

    def answer(self, c: Compiled, st: BatchState, rows: IntArr, action: IntArr,
               rng: Generator) -> BoolArr:
        """Accept or decline the trade `action[i]` offered in game `rows[i]`."""


class DecisionObserver(Protocol):
    """Watches every move as it is chosen, before it is resolved, for measurements (which
    moves were legal, who chose what and when); the rules never depend on it."""

    def decided(self, c: Compiled, st: BatchState, actor: int, action: IntArr,
                games: IntArr) -> None:
        """`actor` is about to play `action[i]` in row i of `st`, game `games[i]` of the run
        (rows of finished games are included: see `st.over`)."""


def random_legal_actions(c: Compiled, st: BatchState, actor: int, rng: Generator,
                         candidates: IntArr, rounds: int = 4) -> IntArr:
    """One action per game, uniform among that game's legal actions of `actor`.

    `candidates` are the actor's statically legal actions sorted by cost, so each game draws
    only among those it can afford; the rarer remaining failures are redrawn, and the few
    games still without a legal pick after `rounds` get an exact draw from their full mask.
    Finished games get the first candidate, which resolution ignores.
    """
    cost = c.kind_cost[c.act_kind[candidates]]
    affordable = np.searchsorted(cost, st.capital[:, actor] + 1e-9, side="right")
    affordable = np.maximum(affordable, 1)

    def draw(rows: IntArr) -> IntArr:
        return candidates[(rng.random(rows.size) * affordable[rows]).astype(np.int64)]

    everyone = np.arange(st.size)
    choice = draw(everyone)
    bad = np.flatnonzero(~is_legal(c, st, choice) & ~st.over)
    for _ in range(rounds):
        if bad.size == 0:
            return choice
        choice[bad] = draw(bad)
        bad = bad[~is_legal(c, st, choice[bad], rows=bad)]
    if bad.size:
        grid = np.broadcast_to(candidates, (bad.size, candidates.size))
        legal = is_legal(c, st, grid, rows=bad)
        scores = np.where(legal, rng.random(legal.shape), -1.0)
        choice[bad] = candidates[scores.argmax(axis=1)]
    return choice


def statically_legal_actions(c: Compiled, actor: int) -> IntArr:
    """The actor's actions that some state could make legal, cheapest first."""
    start = int(c.act_start[actor])
    actions = np.flatnonzero(static_legal(c)[start:int(c.act_stop[actor])]) + start
    return actions[np.argsort(c.kind_cost[c.act_kind[actions]], kind="stable")]


@dataclass
class RandomPolicy:
    """Uniform over legal actions; answers trade offers with a fair coin."""

    candidates: dict[int, IntArr]

    @classmethod
    def for_scenario(cls, c: Compiled) -> RandomPolicy:
        return cls({a: statically_legal_actions(c, a) for a in range(len(c.actors))})

    def choose(self, c: Compiled, st: BatchState, actor: int, rng: Generator) -> IntArr:
        return random_legal_actions(c, st, actor, rng, self.candidates[actor])

    def answer(self, c: Compiled, st: BatchState, rows: IntArr, action: IntArr,
               rng: Generator) -> BoolArr:
        return np.asarray(rng.random(rows.size) < 0.5)


def play_turn(c: Compiled, st: BatchState, policies: Sequence[BatchPolicy], rng: Generator,
              kind_counts: IntArr | None = None, events: bool = True,
              observer: DecisionObserver | None = None, games: IntArr | None = None) -> None:
    """One full turn of every game, in place: events, each actor's move in initiative
    order, upkeep.  `kind_counts[actor, kind]` counts the moves resolved in live games.
    `events=False` starts at the orders, for games whose event phase is already done; actors
    that have already moved this turn are skipped by the rules (their pick is refused).
    An `observer` sees each move before it is resolved, row i of `st` being game `games[i]`
    of the run (row i itself when `games` is None)."""
    if events:
        event_phase(c, st, rng)
    for actor in c.initiative:
        actor = int(actor)
        action = policies[actor].choose(c, st, actor, rng)
        accept = answers(c, st, policies, action, rng)
        if observer is not None:
            observer.decided(c, st, actor, action, np.arange(st.size) if games is None else games)
        live = ~st.over
        resolve_in_place(c, st, action, rng.random(st.size), accept)
        if kind_counts is not None:
            kinds = c.act_kind[action[live]]
            kind_counts[actor] += np.bincount(kinds, minlength=kind_counts.shape[1])
    upkeep_in_place(c, st)


def event_phase(c: Compiled, st: BatchState, rng: Generator) -> None:
    """The start of the turn in every game, in place: the turn's scheduled events, then one
    draw from the deck (also for a measurement that stops a game at some turn's orders)."""
    turn = int(st.turn.max())
    for e in scheduled_events(c, turn):
        apply_events_in_place(c, st, np.where(st.turn == turn, e, -1))
    apply_events_in_place(c, st, draw_events(c, st, rng.random(st.size)))


def answers(c: Compiled, st: BatchState, policies: Sequence[BatchPolicy], action: IntArr,
            rng: Generator) -> BoolArr:
    """Each game's partner answers the offer `action[b]`, if it names one.

    Offers are put to the partners in seat order, each one's games in batch order, and
    neighbouring seats that share one policy are asked in one call (the same questions in the
    same order, so the same answers and random draws, for a fraction of the overhead).
    """
    accept = np.zeros(st.size, dtype=bool)
    partner = c.act_partner[action]
    order = np.argsort(partner, kind="stable")
    bounds = np.searchsorted(partner[order], np.arange(len(policies) + 1))
    first = 0
    for seat in range(1, len(policies) + 1):
        if seat < len(policies) and policies[seat] is policies[first]:
            continue
        rows = order[bounds[first]:bounds[seat]]
        if rows.size:
            accept[rows] = policies[first].answer(c, st, rows, action[rows], rng)
        first = seat
    return accept


def play_to_end(c: Compiled, st: BatchState, policies: Sequence[BatchPolicy], rng: Generator,
                kind_counts: IntArr | None = None, events: bool = True,
                observer: DecisionObserver | None = None, stop: int | None = None
                ) -> BatchState:
    """Play every game of `st` (which it consumes) to its end; returns the final states.
    With `stop`, play only to the end of turn `stop`, then the next turn's events: where a
    game that stopped there waits for its orders.

    Games that end early (armed clash) are set aside between turns, so the live batch stays
    dense and no work is spent on finished games; the result keeps the original order, and an
    `observer` is told each move's game by its index in `st`.
    """
    live = np.arange(st.size)  # where the games of `current` sit in `st`
    current = st
    while not current.over.all():
        if stop is not None and int(current.turn.max()) > stop:
            waiting = np.flatnonzero(~current.over)
            at_orders = current.take(waiting)
            event_phase(c, at_orders, rng)
            for f in fields(current):
                getattr(current, f.name)[waiting] = getattr(at_orders, f.name)
            break
        play_turn(c, current, policies, rng, kind_counts, events, observer, live)
        events = True
        if current.over.mean() > 0.25 and not current.over.all():
            for f in fields(current):
                getattr(st, f.name)[live] = getattr(current, f.name)
            keep = np.flatnonzero(~current.over)
            live, current = live[keep], current.take(keep)
    for f in fields(current):
        getattr(st, f.name)[live] = getattr(current, f.name)
    return st


def run_games(c: Compiled, games: int, seed: int, policies: Sequence[BatchPolicy] | None = None,
              kind_counts: IntArr | None = None) -> BatchState:
    """Play `games` full games at once; returns the final states."""
    rng = np.random.Generator(np.random.PCG64(seed))
    chosen: Sequence[BatchPolicy] = (
        policies if policies is not None else [RandomPolicy.for_scenario(c)] * len(c.actors))
    return play_to_end(c, initial_state(c, games), chosen, rng, kind_counts)
