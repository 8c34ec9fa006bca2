"""The class: one game, teams that seal orders, a facilitator who reveals them.

Everything a client may do goes through `ClassRoom`, which checks the role first: a team
orders, changes or withdraws its own actor's order and answers offers made to it; the
projector only watches; the facilitator rules, injects, adjusts, undoes, pauses, times and
reveals.  Teams' orders stay with the room, sealed, until the facilitator reveals: nobody
decides for the umpire, and a team never sees another's order before the reveal.

A turn runs: orders (teams seal; AI seats have sealed theirs in the game) -> answers (only
when an order asks a human team: that team says yes or no; an offer left unanswered is a
no) -> the reveal, which plays every order into the session at once (a team with no order
passes) and opens the next turn.  The room's own state (`RoomState`) and the session's save
text are what the store keeps after every accepted action.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.domain.moves import Move, MoveKind, parse_move
from caspian_tabletop.domain.seats import Seat
from caspian_tabletop.engine.explain import Resolution
from caspian_tabletop.scenario.schema import Scenario
from caspian_tabletop.session import Session

RoleKind = Literal["team", "projector", "facilitator"]
Phase = Literal["orders", "answers", "over"]
FORCES = ("success", "failure")
TEXT_LIMIT = 500
T = TypeVar("T")


class ClassError(CaspianError):
    """An action the room refuses; its message goes back to the client that asked."""


@dataclass(frozen=True)
class Role:
    """Who a client is: a team (with its actor), the projector, or the facilitator."""

    kind: RoleKind
    actor: str | None = None

    def label(self) -> str:
        return f"team {self.actor}" if self.kind == "team" else self.kind


FACILITATOR = Role("facilitator")
PROJECTOR = Role("projector")


@dataclass(frozen=True)
class Sealed:
    """A team's order, kept by the room until the reveal, with any ruling on it."""

    move: Move
    force: str | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"move": self.move.notation(), "force": self.force, "reason": self.reason}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Sealed:
        return cls(parse_move(str(data["move"])), data.get("force"), data.get("reason"))


@dataclass
class RoomState:
    """The room's part of a class, beside the game: stored as JSON after every action."""

    teams: dict[str, str]  # actor -> team name, in the order teams were given
    bots: str = "normal"
    phase: Phase = "orders"
    paused: bool = False
    deadline: float | None = None  # the timer's end, in server time (seconds since epoch)
    sealed: dict[str, Sealed] = field(default_factory=dict)
    answers: dict[str, bool] = field(default_factory=dict)  # offering actor -> yes or no

    def to_json(self) -> dict[str, Any]:
        return {"teams": self.teams, "bots": self.bots, "phase": self.phase,
                "paused": self.paused, "deadline": self.deadline,
                "sealed": {a: s.to_json() for a, s in self.sealed.items()},
                "answers": self.answers}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RoomState:
        return cls(teams=dict(data["teams"]), bots=str(data.get("bots", "normal")),
                   phase=data.get("phase", "orders"), paused=bool(data.get("paused")),
                   deadline=data.get("deadline"),
                   sealed={a: Sealed.from_json(s) for a, s in data.get("sealed", {}).items()},
                   answers={a: bool(v) for a, v in data.get("answers", {}).items()})


def class_seats(actors: tuple[str, ...], teams: Mapping[str, str], bots: str
                ) -> dict[str, Seat]:
    """Teams play their actors; every other seat is an AI of strength `bots`."""
    return {a: Seat("human", teams[a]) if a in teams else Seat("ai", bots) for a in actors}


class ClassRoom:
    """One class's game and who may do what in it; see module docstring."""

    def __init__(self, class_id: str, session: Session, state: RoomState) -> None:
        self.class_id = class_id
        self.session = session
        self.state = state
        # What the last reveal resolved, for every view.
        self.revealed: list[Resolution] = []

    @classmethod
    def new(cls, class_id: str, scenario: Scenario, teams: Mapping[str, str], *,
            bots: str = "normal", seed: int = 0, scenario_path: Path | None = None
            ) -> ClassRoom:
        """A new class on `scenario` (read from `scenario_path`; default: the bundled file
        of its id): teams for the actors in `teams`, AI for the rest."""
        from caspian_tabletop import games, paths

        actors = tuple(scenario.actors)
        unknown = [a for a in teams if a not in actors]
        if unknown:
            raise ClassError(f"no actor {unknown[0]!r} in {scenario.id} "
                             f"(actors: {', '.join(actors)})")
        if not teams:
            raise ClassError("a class needs at least one team")
        # Kept by the class store, not in an autosave file of its own.
        session = games.new_session(scenario, scenario_path or paths.resolve_scenario(
            scenario.id), class_seats(actors, teams, bots), seed=seed, order="simultaneous",
            mode="classroom", autosave=False, save_now=False)
        session.title = f"Class {class_id}: {scenario.title}"
        room = cls(class_id, session, RoomState(dict(teams), bots))
        room.seal_ai_orders()
        return room

    # ----- reading ------------------------------------------------------------------------
    @property
    def game_over(self) -> bool:
        return self.session.game.is_over

    @property
    def submitted(self) -> list[str]:
        """Teams whose order is sealed, in the order teams were given."""
        return [a for a in self.state.teams if a in self.state.sealed]

    def offers(self) -> list[Move]:
        """Orders of this turn (teams' and AI seats') that wait on a human team's answer."""
        return self.session.offers_to_humans(s.move for s in self.state.sealed.values())

    def offers_to(self, actor: str) -> list[Move]:
        return [m for m in self.offers() if m.partner == actor]

    # ----- teams ------------------------------------------------------------------------
    def submit(self, role: Role, notation: str) -> Move:
        """Seal (or change) a team's order for its own actor."""
        actor = self._team(role)
        self._phase("orders", "orders are sealed only while the turn is open")
        self._running()
        move = self._parse(notation)
        if move.actor != actor:
            raise ClassError(f"you play {actor}: an order for {move.actor} is not yours")
        why = self.session.game.why_illegal(move)
        if why is not None:
            raise ClassError(f"{notation.strip()}: {why}")
        self.state.sealed[actor] = Sealed(move)
        return move

    def withdraw(self, role: Role) -> None:
        actor = self._team(role)
        self._phase("orders", "orders can be withdrawn only while the turn is open")
        self._running()
        if self.state.sealed.pop(actor, None) is None:
            raise ClassError(f"{actor} has no sealed order to withdraw")

    def answer(self, role: Role, offering: str, accept: bool) -> None:
        """A team's yes or no to an offer made to it this turn."""
        actor = self._team(role)
        self._phase("answers", "offers are answered after the orders are in, before the "
                    "reveal")
        if not any(m.actor == offering for m in self.offers_to(actor)):
            raise ClassError(f"{offering} has made no offer to {actor} this turn")
        self.state.answers[offering] = accept

    # ----- facilitator ------------------------------------------------------------------
    def reveal(self, role: Role, turn: int, phase: str) -> list[Resolution]:
        """Close the orders (asking teams for their answers first, if any are asked), or,
        with the answers in, resolve the turn.  Returns what the reveal resolved.

        `turn` and `phase` are where the facilitator asked it: one meant for a turn or phase
        the class has left (a double key press) is refused, so that one press never both
        closes the orders and reveals them, which would decline every offer unanswered."""
        self._facilitator(role)
        self._running()
        if self.game_over:
            raise ClassError("the game has ended")
        self._still(turn, phase)
        if self.state.phase == "orders" and self.offers():
            self.state.phase = "answers"
            return []
        return self._resolve_turn()

    def override(self, role: Role, actor: str, force: str, reason: str) -> None:
        """Rule the outcome of a sealed order (a team's or an AI seat's) before the reveal."""
        self._facilitator(role)
        self._open_game()
        if force not in FORCES:
            raise ClassError(f"a ruling is {' or '.join(FORCES)}, not {force!r}")
        reason = self._reason(reason)
        if actor in self.state.sealed:
            sealed = self.state.sealed[actor]
            if sealed.move.kind is MoveKind.PASS:
                raise ClassError(f"{actor}'s order is a pass: there is nothing to rule on")
            self.state.sealed[actor] = Sealed(sealed.move, force, reason)
        elif actor in self.session.game.orders:
            self._engine(lambda: self.session.override(actor, force, reason))
        else:
            raise ClassError(f"{actor} has no sealed order this turn")

    def inject(self, role: Role, event: str, reason: str) -> Resolution:
        self._facilitator(role)
        self._open_game()
        reason = self._reason(reason)
        return self._engine(lambda: self.session.inject(event, reason))

    def adjust(self, role: Role, kind: str, amount: float, reason: str, *,
               actor: str | None = None, target: str | None = None,
               corridor: str | None = None, turns: int | None = None) -> Resolution:
        self._facilitator(role)
        self._open_game()
        reason = self._reason(reason)
        return self._engine(lambda: self.session.adjust(
            kind, amount, reason, actor=actor, target=target, corridor=corridor, turns=turns))

    def note(self, role: Role, text: str) -> None:
        self._facilitator(role)
        self._engine(lambda: self.session.note(self._reason(text, "a note")))

    def undo_to_turn(self, role: Role, turn: int) -> None:
        """Go back to the start of `turn`'s orders: sealed orders and answers are dropped
        (teams order again), the AI seats order again."""
        self._facilitator(role)
        self._engine(lambda: self.session.undo_to_turn(turn))
        self.state.sealed.clear()
        self.state.answers.clear()
        self.state.phase = "orders"
        self.revealed = []
        self.seal_ai_orders()

    def pause(self, role: Role, paused: bool) -> None:
        self._facilitator(role)
        self.state.paused = paused

    def set_timer(self, role: Role, seconds: int | None, now: float) -> None:
        """Start the turn's timer (`seconds` from `now`), or stop it (None)."""
        self._facilitator(role)
        self.state.deadline = None if seconds is None else now + seconds

    def name_team(self, role: Role, actor: str, name: str) -> None:
        self._facilitator(role)
        if actor not in self.state.teams:
            raise ClassError(f"{actor} is not played by a team in this class")
        name = " ".join(name.split())
        if not name or len(name) > 120:
            raise ClassError("a team name is 1 to 120 characters")
        self.state.teams[actor] = name
        self.session.set_seats(class_seats(tuple(self.session.seats), self.state.teams,
                                           self.state.bots))

    def export_text(self, role: Role) -> str:
        """The class's game as an ordinary, verifiable save (teams named in its seats)."""
        self._facilitator(role)
        return self.session.save_text()

    # ----- turn flow --------------------------------------------------------------------
    def seal_ai_orders(self) -> None:
        """AI seats seal their orders for the turn in play (none if they have)."""
        if not self.game_over:
            self.session.run_ai_until_human()

    def _resolve_turn(self) -> list[Resolution]:
        game = self.session.game
        before = len(game.explanations)
        waiting = [a for a in game.waiting_for if a in self.state.teams]
        self.session.answers = {m.actor: self.state.answers.get(m.actor, False)
                                for m in self.offers()}  # no answer is a no
        for actor in waiting:
            sealed = self.state.sealed.get(actor, Sealed(Move(MoveKind.PASS, actor)))
            self.session.play(sealed.move, force=sealed.force, reason=sealed.reason,
                              sealed_earlier=True)
        self.revealed = game.explanations[before:]
        self.state.sealed.clear()
        self.state.answers.clear()
        self.state.deadline = None
        self.state.phase = "over" if game.is_over else "orders"
        return self.revealed

    # ----- checks -----------------------------------------------------------------------
    @staticmethod
    def _team(role: Role) -> str:
        if role.kind != "team" or role.actor is None:
            raise ClassError(f"only a team can do that (you are the {role.label()})")
        return role.actor

    @staticmethod
    def _facilitator(role: Role) -> None:
        if role.kind != "facilitator":
            raise ClassError(f"only the facilitator can do that (you are the {role.label()})")

    def _phase(self, wanted: Phase, why: str) -> None:
        if self.game_over or self.state.phase == "over":
            raise ClassError("the game has ended")
        if self.state.phase != wanted:
            raise ClassError(why)

    def _still(self, turn: int, phase: str) -> None:
        now = (self.session.game.turn, self.state.phase)
        if (turn, phase) != now:
            raise ClassError(f"that reveal was meant for turn {turn}'s {phase}, but the class "
                             f"is at turn {now[0]}'s {now[1]}: nothing was done (reveal "
                             "again if you mean it)")

    def _running(self) -> None:
        if self.state.paused:
            raise ClassError("the facilitator has paused the game")

    def _open_game(self) -> None:
        if self.game_over:
            raise ClassError("the game has ended")

    @staticmethod
    def _parse(notation: str) -> Move:
        if len(notation) > TEXT_LIMIT:
            raise ClassError("an order is at most 500 characters")
        try:
            return parse_move(notation)
        except CaspianError as exc:
            raise ClassError(str(exc)) from None

    @staticmethod
    def _reason(text: str, what: str = "a reason") -> str:
        text = " ".join(text.split())
        if not text:
            raise ClassError(f"{what} is required")
        if len(text) > TEXT_LIMIT:
            raise ClassError(f"{what} is at most {TEXT_LIMIT} characters")
        return text

    @staticmethod
    def _engine(action: Callable[[], T]) -> T:
        """Run a session action, its rule errors becoming the room's."""
        try:
            return action()
        except ClassError:
            raise
        except CaspianError as exc:
            raise ClassError(str(exc)) from None
