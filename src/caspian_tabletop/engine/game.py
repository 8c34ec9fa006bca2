"""One interactive game: the public API used by the CLI, the TUI, replays and tests.

A `Game` wraps the batched rules at batch size 1 and adds what people need: a seeded chance
source whose every draw is recorded, turn flow (events, orders, resolution, upkeep), trade
answers, facilitator actions with reasons, undo to any earlier point, and explanations.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.domain.errors import IllegalMoveError
from caspian_tabletop.domain.moves import MOVE_KINDS, ORDERS, Move, MoveKind
from caspian_tabletop.engine import umpire
from caspian_tabletop.engine.compiled import Compiled, compile_scenario
from caspian_tabletop.engine.decisions import answer_terms, partner_accepts
from caspian_tabletop.engine.events import (
    NO_EVENT,
    apply_events,
    draw_events,
    scheduled_events,
    spent,
)
from caspian_tabletop.engine.explain import (
    FINAL_UPKEEP,
    UPKEEP,
    Resolution,
    adjustment_text,
    diff,
    event_text,
    fizzled,
    move_details,
    move_outcome,
    shift_between,
)
from caspian_tabletop.engine.legality import is_legal, legal_mask, reason, unknown_reason
from caspian_tabletop.engine.reads import GameReads
from caspian_tabletop.engine.records import (
    AdjustRecord,
    EventsRecord,
    InjectRecord,
    MoveRecord,
    NoteRecord,
    Record,
    UpkeepRecord,
)
from caspian_tabletop.engine.resolve import FORCE_FAILURE, FORCE_SUCCESS, NO_FORCE, resolve
from caspian_tabletop.engine.scoring import SCORE_TERMS, contributions
from caspian_tabletop.engine.state import BatchState, initial_state
from caspian_tabletop.engine.upkeep import upkeep
from caspian_tabletop.scenario.schema import Scenario

# Simultaneous orders resolve by kind in this fixed order, ties by initiative.
RESOLUTION_ORDER = (MoveKind.SUMMIT, MoveKind.DEMAND, MoveKind.TRADE, MoveKind.INVEST,
                    MoveKind.DRILL, MoveKind.BLOCKADE, MoveKind.PASS)

# Kinds a roll decides, which the umpire may rule on.
CHANCE_KINDS = tuple(kind for kind, spec in MOVE_KINDS.items() if spec.chance)

Responder = Callable[["Game", Move], bool]


@dataclass(frozen=True)
class Preview:
    """What a move would do, shown before committing: odds and both possible results
    (`failure`: a chance move's failure, or a demand's refusal; None for other moves)."""

    move: Move
    probability: float | None
    success: Resolution
    failure: Resolution | None


@dataclass(frozen=True)
class OfferOutcomes:
    """What an offer would do to the partner asked, per score term, against not being asked:
    if it accepts and if it declines (a refused trade or summit changes nothing; a refused
    demand, or a drill or blockade that goes ahead alone, has an outcome of its own).  In
    expectation over any roll, at the end of the turn as the final score will see it."""

    move: Move
    partner: str
    accept: dict[str, float]
    decline: dict[str, float]


@dataclass(frozen=True)
class Order:
    """A committed order: the move, the partner's answer if known, and any umpire ruling."""

    move: Move
    accept: bool | None = None
    force: str | None = None
    reason: str | None = None


@dataclass
class _Snapshot:
    state: BatchState
    log: int
    records: int
    draws: int
    orders: dict[str, Order] = field(default_factory=dict)


class Game(GameReads):
    """A game of one scenario from one seed; see module docstring."""

    def __init__(self, scenario: Scenario, seed: int = 0, order: str = "sequential",
                 compiled: Compiled | None = None, responder: Responder | None = None,
                 draws: list[float] | None = None, explain: bool = True) -> None:
        """`draws`: recorded uniform draws to use instead of the generator (see `feed`).
        `explain=False` leaves each resolution's deltas and influence shift empty: a game
        replayed only to check where it ends (every autosave does) skips most of the work."""
        if order not in ORDERS:
            raise ValueError(f"order must be one of {ORDERS}")
        self.scenario = scenario
        self.compiled = compiled or compile_scenario(scenario)
        self.seed = seed
        self.order = order
        self.responder: Responder = responder or objective_responder
        self.state = initial_state(self.compiled, 1)
        self.explanations: list[Resolution] = []
        self.records: list[Record] = []
        self.orders: dict[str, Order] = {}
        self._rng = np.random.Generator(np.random.PCG64(seed))
        self._draws = 0
        self._undo: list[_Snapshot] = []
        self._replaying: deque[float] | None = deque(draws) if draws is not None else None
        self._points_memo: dict[int, tuple[BatchState, NDArray[np.float64]]] = {}
        self.explain = explain
        self._start_turn()

    # ----- reading the game (figures by name: see GameReads) -----------------------------
    @property
    def to_move(self) -> str | None:
        """Whose order is awaited next (sequential: initiative order), or None."""
        if self.is_over:
            return None
        for i in self.compiled.initiative:
            actor = self.compiled.actors[i]
            if not self.state.acted[0, i] and actor not in self.orders:
                return actor
        return None

    @property
    def waiting_for(self) -> list[str]:
        """Actors that still owe an order this turn, in initiative order."""
        if self.is_over:
            return []
        return [self.compiled.actors[i] for i in self.compiled.initiative
                if not self.state.acted[0, i] and self.compiled.actors[i] not in self.orders]

    def scores(self) -> dict[str, float]:
        values = self._points(self.state).sum(axis=1)
        return {a: float(values[i]) for i, a in enumerate(self.compiled.actors)}

    def score_terms(self) -> dict[str, dict[str, float]]:
        values = self._points(self.state)
        return {a: {t: float(values[i, k]) for k, t in enumerate(SCORE_TERMS)}
                for i, a in enumerate(self.compiled.actors)}

    def turn_shifts(self) -> dict[int, dict[str, dict[str, float]]]:
        """Per turn, per actor, per term: the summed score change of every step that turn."""
        out: dict[int, dict[str, dict[str, float]]] = {}
        for res in self.explanations:
            turn = out.setdefault(res.turn, {})
            for actor, terms in res.shift.items():
                row = turn.setdefault(actor, {})
                for term, value in terms.items():
                    row[term] = row.get(term, 0.0) + value
        return out

    def legal_moves(self, actor: str) -> list[Move]:
        a = self.compiled.actor_index(actor)
        mask = legal_mask(self.compiled, self.state, a)[0]
        return [self.compiled.move_of(m)
                for m, ok in zip(self.compiled.actions_of(a), mask, strict=True) if ok]

    def why_illegal(self, move: Move) -> str | None:
        """The rules' reason a move cannot be played now, or None if it can."""
        action = self.compiled.action_of(move)
        if action is None:
            return unknown_reason(self.compiled, move)
        if self.order == "sequential" and not self.is_over and move.actor != self.to_move:
            if self.state.acted[0, self.compiled.actor_index(move.actor)]:
                return f"{move.actor} has already made its move this turn"
            return f"it is {self.to_move}'s turn to move, not {move.actor}'s"
        if move.actor in self.orders:
            return f"{move.actor} has already given its order this turn"
        if is_legal(self.compiled, self.state, np.array([action]))[0]:
            return None  # the fast check; the reasoned one agrees (tests/property)
        return reason(self.compiled, self.state, action)

    def preview(self, move: Move) -> Preview:
        """Odds and both outcomes of `move`, computed on copies; the game is unchanged."""
        action = self._action(move)
        st = self.state
        win = self._resolution(st, move, action, None, True, FORCE_SUCCESS, None)
        if move.kind in CHANCE_KINDS:
            lose: Resolution | None = self._resolution(st, move, action, None, True,
                                                       FORCE_FAILURE, None)
        elif move.kind is MoveKind.DEMAND:  # a refusal has consequences too: show them
            lose = self._resolution(st, move, action, None, False, FORCE_SUCCESS, None)
        else:
            lose = None
        return Preview(move=move, probability=win.probability, success=win, failure=lose)

    def offer_outcomes(self, move: Move) -> OfferOutcomes:
        """`move`'s effect on the partner it asks, if it accepts and if it declines: what the
        partner is shown, and what the bots' answers weigh (`engine.decisions`)."""
        if move.partner is None or not move.asks:
            raise ValueError(f"{move.notation()} asks nobody")
        action = np.array([self._action(move)])
        yes, no, unasked = answer_terms(self.compiled, self.state, action)
        return OfferOutcomes(
            move, move.partner,
            {t: float(yes[0, k] - unasked[0, k]) for k, t in enumerate(SCORE_TERMS)},
            {t: float(no[0, k] - unasked[0, k]) for k, t in enumerate(SCORE_TERMS)})

    # ----- playing ------------------------------------------------------------------------
    def play(self, move: Move, accept: bool | None = None, force: str | None = None,
             reason_text: str | None = None, recorded: bool = False) -> list[Resolution]:
        """Commit a move (simultaneous mode: the order stays secret until all are in).

        Returns the resolutions this caused: the move itself (none while orders are secret),
        then upkeep and the next turn's events when the turn completes.  `recorded` replays a
        secret order from a file: it was legal when given, but the umpire actions of its turn
        are recorded before every order, though some may have come after it and made it
        illegal until the reveal, so it is not checked here.  The reveal checks it as the live
        game did (it fizzles or not, and a replay compares that with its file).
        """
        if not (recorded and self.order == "simultaneous"):
            self._check(move)
        umpire.check_force(force)
        self._push()
        start = len(self.explanations)
        order = Order(move, accept, force, reason_text)
        if self.order == "simultaneous":
            self.orders[move.actor] = order
            # A game that ended meanwhile (a clash set off by an umpire's inject after some
            # orders were sealed, replayed from a file) keeps those orders unrevealed.
            if not self.waiting_for and not self.is_over:
                self._reveal()
        else:
            self._resolve_move(order)
            self._after_move()
        return self.explanations[start:]

    def override(self, actor: str, force: str, reason_text: str) -> None:
        """Facilitator: rule the outcome of `actor`'s secret order before it is revealed."""
        umpire.check_override(self.orders, actor, force)
        self._push()
        self.orders[actor] = replace(self.orders[actor], force=force, reason=reason_text)

    def adjust(self, kind: str, amount: float, reason_text: str, actor: str | None = None,
               target: str | None = None, corridor: str | None = None,
               turns: int | None = None) -> Resolution:
        """Facilitator: change a value directly, with a reason that is kept in the record.

        Every caller (the TUI, sessions, replays) comes through here, so `umpire.adjustment`
        checks the bounds of scenario.limits once."""
        effect, row = umpire.adjustment(self.compiled, kind, amount, actor, target, corridor,
                                        turns)
        self._push()
        before = self.state
        self.state = umpire.adjusted(self.compiled, before, row)
        res = Resolution(turn=self.turn, step="adjust", actor=None, text=adjustment_text(kind),
                         **self._changes(before, self.state), facilitator=reason_text)
        self.explanations.append(res)
        self.records.append(AdjustRecord(turn=self.turn, reason=reason_text, effect=effect))
        return res

    def inject(self, event: str, reason_text: str) -> Resolution:
        """Facilitator: play an event from the deck now, with a reason."""
        index = umpire.deck_index(self.compiled, self.state, event)
        self._push()
        res = self._apply_event(index, "inject", reason_text)
        self.records.append(InjectRecord(turn=self.turn, reason=reason_text, event=event))
        return res

    def note(self, text: str) -> None:
        """Facilitator or player note on the current turn (kept in the replay)."""
        self._push()
        self.records.append(NoteRecord(turn=self.turn, text=text))

    def undo(self, steps: int = 1) -> None:
        """Take back the last `steps` committed actions."""
        if steps < 1 or steps > len(self._undo):
            raise IllegalMoveError("undo", f"only {len(self._undo)} action(s) can be undone")
        snap = self._undo[-steps]
        del self._undo[-steps:]
        self.state = snap.state
        del self.explanations[snap.log:]
        del self.records[snap.records:]
        self.orders = dict(snap.orders)
        self._rng = np.random.Generator(np.random.PCG64(self.seed))
        self._rng.random(snap.draws)
        self._draws = snap.draws

    def undo_to_turn(self, turn: int) -> None:
        """Go back to the start of `turn`'s orders (after its events)."""
        for index, snap in enumerate(self._undo):
            if int(snap.state.turn[0]) == turn:
                self.undo(len(self._undo) - index)
                return
        raise IllegalMoveError(f"undo to turn {turn}", "that turn is not in this game's history")

    @property
    def undo_depth(self) -> int:
        return len(self._undo)

    # ----- replaying recorded chance ----------------------------------------------------
    def feed(self, draws: list[float]) -> None:
        """Use these recorded uniform draws (in order) instead of the generator."""
        self._replaying = deque(draws)

    # ----- internals ----------------------------------------------------------------------
    def _draw(self) -> float:
        self._draws += 1
        value = float(self._rng.random())
        if self._replaying:
            return self._replaying.popleft()
        return value

    def _points(self, st: BatchState) -> NDArray[np.float64]:
        """[A, terms] score contributions of a state; states are values, so memoise by id."""
        hit = self._points_memo.get(id(st))
        if hit is not None and hit[0] is st:
            return hit[1]
        points = contributions(self.compiled, st)[0]
        if len(self._points_memo) > 8:
            self._points_memo.clear()
        self._points_memo[id(st)] = (st, points)
        return points

    def _shift(self, before: BatchState, after: BatchState) -> dict[str, dict[str, float]]:
        return shift_between(self.compiled, self._points(before), self._points(after))

    def _changes(self, before: BatchState, after: BatchState) -> dict[str, Any]:
        """A resolution's `deltas` and `shift` (empty when the game does not explain)."""
        if not self.explain:
            return {"deltas": {}, "shift": {}}
        return {"deltas": diff(self.compiled, before, after), "shift": self._shift(before, after)}

    def _push(self) -> None:
        self._undo.append(_Snapshot(self.state, len(self.explanations), len(self.records),
                                    self._draws, dict(self.orders)))

    def _action(self, move: Move) -> int:
        action = self.compiled.action_of(move)
        if action is None:
            raise IllegalMoveError(move.notation(), unknown_reason(self.compiled, move))
        return action

    def _check(self, move: Move) -> None:
        why = self.why_illegal(move)
        if why is not None:
            raise IllegalMoveError(move.notation(), why)

    def _resolution(self, st: BatchState, move: Move, action: int, roll: float | None,
                    accept: bool, force: int, reason_text: str | None,
                    ) -> Resolution:
        return self._resolve_into(st, move, action, roll, accept, force, reason_text)[1]

    def _resolve_into(self, st: BatchState, move: Move, action: int, roll: float | None,
                      accept: bool, force: int, reason_text: str | None,
                      ) -> tuple[BatchState, Resolution]:
        c = self.compiled
        after, out = resolve(c, st, np.array([action]), np.array([roll if roll is not None
                                                                   else 0.5]),
                             np.array([accept]), np.array([force]))
        probability = None if np.isnan(out.probability[0]) else float(out.probability[0])
        inputs, modifiers = move_details(c, move.kind, out, st, action)
        outcome = move_outcome(move.kind, move.asks, accept,
                               None if probability is None else bool(out.success[0]),
                               forced=force != NO_FORCE)
        res = Resolution(turn=int(st.turn[0]), step="move", actor=move.actor,
                         text=move.notation(), inputs=inputs, modifiers=modifiers,
                         probability=probability,
                         roll=roll if force == NO_FORCE else None, outcome=outcome,
                         **self._changes(st, after), facilitator=reason_text)
        return after, res

    def _resolve_move(self, order: Order) -> None:
        move, accept, force, reason_text = order.move, order.accept, order.force, order.reason
        action = self._action(move)
        answered = move.asks
        if answered and accept is None:
            accept = self.responder(self, move)
        roll = self._draw() if move.kind in CHANCE_KINDS else None
        forced = {None: NO_FORCE, "success": FORCE_SUCCESS, "failure": FORCE_FAILURE}[force]
        self.state, res = self._resolve_into(self.state, move, action, roll, bool(accept),
                                             forced, reason_text)
        self.explanations.append(res)
        self.records.append(MoveRecord(turn=res.turn, move=move.notation(), roll=roll,
                                       accept=accept if answered else None, force=force,
                                       reason=reason_text))

    def resolution_key(self, move: Move) -> tuple[int, int]:
        """Where a secret order resolves at the reveal: by kind, then by initiative."""
        index = self.compiled.actor_index(move.actor)
        return (RESOLUTION_ORDER.index(move.kind),
                int(np.flatnonzero(self.compiled.initiative == index)[0]))

    def _reveal(self) -> None:
        """Resolve every secret order in the fixed resolution order."""
        c = self.compiled
        pending = sorted(self.orders.values(), key=lambda o: self.resolution_key(o.move))
        self.orders = {}
        for order in pending:
            why = reason(c, self.state, self._action(order.move))
            if why is not None:
                self._fizzle(order.move, why)
            else:
                self._resolve_move(order)
        self._after_move()

    def _fizzle(self, move: Move, why: str) -> None:
        """An order made illegal by earlier ones this turn: the actor passes instead."""
        action = self._action(Move(MoveKind.PASS, move.actor))
        before = self.state
        self.state, _ = resolve(self.compiled, before, np.array([action]), np.array([0.5]),
                                np.array([False]))
        self.explanations.append(Resolution(turn=self.turn, step="move", actor=move.actor,
                                            text=move.notation(), outcome=fizzled(why)))
        self.records.append(MoveRecord(turn=self.turn, move=move.notation(), fizzled=why))

    def _after_move(self) -> None:
        if self.is_over:
            return
        if self.state.acted[0].all():
            before = self.state
            self.state = upkeep(self.compiled, before)
            self.explanations.append(Resolution(
                turn=int(before.turn[0]), step="upkeep", actor=None, text="upkeep",
                outcome=FINAL_UPKEEP if before.turn[0] >= self.compiled.turns else UPKEEP,
                **self._changes(before, self.state)))
            self.records.append(UpkeepRecord(turn=int(before.turn[0])))
            if not self.is_over:
                self._start_turn()

    def _start_turn(self) -> None:
        """Event phase: scheduled events (a once-only one that has already happened is
        skipped), then one seeded draw from the deck."""
        c = self.compiled
        scheduled = [e for e in scheduled_events(c, self.turn) if not spent(c, self.state, e)]
        for e in scheduled:
            self._apply_event(e, "event", None)
        u = self._draw()
        drawn = int(draw_events(c, self.state, np.array([u]))[0])
        if drawn != NO_EVENT and not self.is_over:
            self._apply_event(drawn, "event", None)
        self.records.append(EventsRecord(turn=self.turn, roll=u,
                                         event=c.events[drawn] if drawn != NO_EVENT else None,
                                         scheduled=tuple(c.events[e] for e in scheduled)))

    def _apply_event(self, e: int, step: str, reason_text: str | None) -> Resolution:
        c = self.compiled
        before = self.state
        self.state = apply_events(c, before, np.array([e]))
        event = c.scenario.events[c.events[e]]
        res = Resolution(turn=self.turn, step=step, actor=None,
                         text=event_text(event.title), outcome="",
                         **self._changes(before, self.state), facilitator=reason_text)
        self.explanations.append(res)
        return res


def objective_responder(game: Game, move: Move) -> bool:
    """Default trade answer: the partner accepts a deal that does not lower its score."""
    action = game.compiled.action_of(move)
    assert action is not None
    return bool(partner_accepts(game.compiled, game.state, np.array([action]))[0])


def new_game(scenario: Scenario, seed: int = 0, order: str = "sequential") -> Game:
    return Game(scenario, seed=seed, order=order)
