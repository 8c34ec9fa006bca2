"""A game with seats: humans and AI take turns, every committed action is autosaved.

The text `play` command and the TUI both drive a Session, so all of the play loop's rules
live here: whose turn it is, AI moves, trade answers by seat, undo of the
human's last move, facilitator actions, and atomic autosave after each commit.

An autosave that fails (a full disk, a read-only data folder) does not stop the game: it goes
on in memory, `save_problem` says why it is not being saved, the last good save is left as it
was, and the next commit tries again.  Sessions are opened by the factories in games.py.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

import numpy as np

from caspian_tabletop import replay as replays
from caspian_tabletop.ai.protocol import Bot
from caspian_tabletop.domain.errors import CaspianError, IllegalMoveError
from caspian_tabletop.domain.moves import Move, MoveKind
from caspian_tabletop.domain.seats import Seat, parse_seat
from caspian_tabletop.engine.explain import Resolution
from caspian_tabletop.engine.game import Game, objective_responder
from caspian_tabletop.locks import GameLock
from caspian_tabletop.scenario.schema import Scenario

if TYPE_CHECKING:
    from caspian_tabletop.replay.journal import Journal

Asker = Callable[[Game, Move], bool]
T = TypeVar("T")
AI_DEFAULT = Seat("ai", "normal")


class Session:
    """One game being played; see module docstring.

    `ask` answers trade offers made to a human seat (default: the objective responder,
    i.e. accept a deal that does not lower the partner's score).
    """

    def __init__(self, game: Game, seats: Mapping[str, Seat], mode: str = "solo",
                 autosave_path: Path | None = None, ask: Asker | None = None, *,
                 history: list[str | None] | None = None, title: str | None = None,
                 description: str | None = None, scenario_file: str | None = None,
                 key: bytes | None = None, states: Mapping[int, str] | None = None,
                 lock: GameLock | None = None, facilitator_lock: str | None = None) -> None:
        """`key`: a class key that signs every save; `states`: the state digests of the
        turns of a game read from a file (see `Journal`); `lock`: this game's lock, held
        until `close`; `facilitator_lock`: the salted hash of a classroom game's facilitator
        passphrase (passphrase.make_lock)."""
        self.game = game
        self.seats: dict[str, Seat] = {}
        self.set_seats(seats)
        self.mode = mode
        self.autosave_path = autosave_path
        self.ask: Asker = ask or objective_responder
        self.title = title
        self.description = description
        self.scenario_file = scenario_file
        self.key = key
        self.lock = lock
        self._states = dict(states or {})
        self._journal: Journal | None = None
        self.closed = False
        # Why the last autosave failed (the game goes on unsaved), or None.
        self.save_problem: str | None = None
        # What reading its file found worth telling (a newer version of the scenario, say).
        self.warnings: list[str] = []
        self.facilitator_lock = facilitator_lock
        # Who made each undoable action of the game (None: facilitator), oldest first.
        self._history: list[str | None] = list(history or [])
        # A new game whose first autosave was put off (`start` with save_now=False).
        self._unsaved = False
        # This turn's answers of human partners, by offering actor: given before the reveal
        # (`offers_to_humans`), so nobody waits on a question while the turn resolves.
        self.answers: dict[str, bool] = {}
        game.responder = self._answer

    # ----- making sessions ------------------------------------------------------------
    @classmethod
    def start(cls, scenario: Scenario, seats: Mapping[str, Seat], seed: int = 0,
              order: str = "sequential", mode: str = "solo",
              autosave_path: Path | None = None, ask: Asker | None = None,
              scenario_file: str | None = None, save_now: bool = True,
              key: bytes | None = None, lock: GameLock | None = None) -> Session:
        """A new game; it is autosaved at once so that it can be resumed.

        With `save_now=False` that first autosave waits for `save_new_game` (the TUI draws
        the game screen first), or for the first committed action, which it then precedes.
        """
        session = cls(Game(scenario, seed=seed, order=order), seats, mode, autosave_path, ask,
                      scenario_file=scenario_file, key=key, lock=lock)
        if save_now:
            session.autosave()
        else:
            session._unsaved = True
        return session

    @classmethod
    def from_replay(cls, replay: replays.Replay, autosave_path: Path | None = None,
                    ask: Asker | None = None, scenario: Scenario | None = None, *,
                    key: bytes | None = None, lock: GameLock | None = None) -> Session:
        """Continue a saved game (or a replay) where its file ends, with its seats.

        The file is verified first (its scenario hash and every digest), so a file edited
        by hand is refused, never re-saved under fresh digests."""
        run = replays.run_replay(replay, scenario=scenario, verify=True)
        history: list[str | None] = [_actor_of(s.move) for t in replay.turns for s in t.steps]
        history += [_actor_of(o.move) for o in replay.turns[-1].pending] if replay.turns else []
        seats = {a: parse_seat(s) for a, s in replay.seats.items()}
        session = cls(run.game, seats, replay.mode, autosave_path, ask, history=history,
                      title=replay.title, description=replay.description,
                      scenario_file=replay.scenario.file, key=key, states=run.states,
                      lock=lock, facilitator_lock=replay.facilitator_lock)
        session.warnings = list(run.warnings)
        return session

    def set_seats(self, seats: Mapping[str, Seat]) -> None:
        """Who plays each actor; actors left out get a normal-strength AI."""
        unknown = sorted(set(seats) - set(self.game.compiled.actors))
        if unknown:
            raise IllegalMoveError("seats", f"no actor {unknown[0]!r} in this scenario")
        self.seats = {a: seats.get(a, AI_DEFAULT) for a in self.game.compiled.actors}

    # ----- reading ----------------------------------------------------------------------
    @property
    def humans(self) -> list[str]:
        return [a for a, s in self.seats.items() if s.kind == "human"]

    @property
    def awaiting(self) -> str | None:
        """The human seat whose order is due now, or None (AI to move, or game over)."""
        nxt = self._next_actor()
        return nxt if nxt is not None and self.seats[nxt].kind == "human" else None

    def offers_to_humans(self, extra: Iterable[Move] = ()) -> list[Move]:
        """This turn's secret orders (those sealed in the game, and `extra` not yet given)
        that ask a human seat, in the order the reveal resolves them: each answer goes in
        `answers` before the reveal."""
        humans = set(self.humans)
        pending = [o.move for o in self.game.orders.values()] + list(extra)
        asked = [m for m in pending if m.asks and m.partner in humans and m.partner != m.actor]
        return sorted(asked, key=self.game.resolution_key)  # as the reveal will resolve them

    # ----- playing ------------------------------------------------------------------------
    def run_ai_until_human(self) -> list[Resolution]:
        """Let AI (and empty) seats move until a human must act or the game ends."""
        out: list[Resolution] = []
        while (actor := self._next_actor()) is not None and self.seats[actor].kind != "human":
            seat = self.seats[actor]
            move = (self._bot(actor).choose(self.game, actor) if seat.kind == "ai"
                    else Move(MoveKind.PASS, actor))
            out += self._commit(actor, partial(self.game.play, move))
        return out

    def play(self, move: Move, accept: bool | None = None, force: str | None = None,
             reason: str | None = None, *, sealed_earlier: bool = False) -> list[Resolution]:
        """Commit a human seat's move (`force`/`reason`: a facilitator's ruling).

        `sealed_earlier`: a secret order that was legal when its team sealed it (a class
        server keeps orders until the reveal); if an umpire's action has since made it
        illegal, it fizzles at the reveal instead of being refused now."""
        if self.seats.get(move.actor, AI_DEFAULT).kind != "human":
            raise IllegalMoveError(move.notation(), f"{move.actor} is not played by a human")
        return self._commit(move.actor, lambda: self.game.play(
            move, accept, force, reason, recorded=sealed_earlier))

    def undo(self) -> None:
        """Take back the last human move, and everything done after it."""
        humans = set(self.humans)
        for index in range(len(self._history) - 1, -1, -1):
            if self._history[index] in humans:
                self.game.undo(len(self._history) - index)
                del self._history[index:]
                self.autosave()
                return
        raise IllegalMoveError("undo", "there is no human move to take back")

    # ----- facilitator ----------------------------------------------------------------
    def adjust(self, kind: str, amount: float, reason: str, actor: str | None = None,
               target: str | None = None, corridor: str | None = None,
               turns: int | None = None) -> Resolution:
        return self._commit(None, lambda: self.game.adjust(
            kind, amount, reason, actor=actor, target=target, corridor=corridor, turns=turns))

    def inject(self, event: str, reason: str) -> Resolution:
        return self._commit(None, lambda: self.game.inject(event, reason))

    def note(self, text: str) -> None:
        self._commit(None, lambda: self.game.note(text))

    def override(self, actor: str, force: str, reason: str) -> None:
        """Rule the outcome of `actor`'s secret order (simultaneous orders) before the reveal."""
        self._commit(None, lambda: self.game.override(actor, force, reason))

    def undo_to_turn(self, turn: int) -> None:
        """Go back to the start of `turn`'s orders, whoever acted since."""
        self.game.undo_to_turn(turn)
        del self._history[self.game.undo_depth:]
        self.autosave()

    # ----- saving -------------------------------------------------------------------------
    def to_replay(self) -> replays.Replay:
        return replays.to_replay(self.game, self.seats, self.mode, title=self.title,
                                 description=self.description, scenario_file=self.scenario_file,
                                 key=self.key, facilitator_lock=self.facilitator_lock)

    @property
    def journal(self) -> Journal:
        """The save's text kept current; made at the first save, so that a new game's screen
        is drawn before the YAML writer and the replay models are loaded."""
        if self._journal is None:
            from caspian_tabletop.replay.journal import Journal

            self._journal = Journal(self.game, self._states)
        return self._journal

    def save_text(self) -> str:
        """The save file's text as the game stands (see `Journal`)."""
        return self.journal.text(self.seats, self.mode, title=self.title,
                                 description=self.description,
                                 scenario_file=self.scenario_file, key=self.key,
                                 facilitator_lock=self.facilitator_lock)

    def save(self, path: Path, *, replace: bool = False) -> None:
        """Save to a file the user chose: one already there is replaced only with `replace`."""
        from caspian_tabletop import files

        files.write_text(path, self.save_text(), replace=replace)

    def autosave(self) -> None:
        """Write the autosave; a failure is kept in `save_problem`, and play goes on."""
        self._unsaved = False
        if self.autosave_path is None or self.closed:
            return
        from caspian_tabletop import files

        try:
            files.write_text(self.autosave_path, self.save_text(), replace=True,
                             make_parents=True)
        except (OSError, CaspianError) as exc:
            self.save_problem = f"autosave failed: {_why(exc)} — this game is not being saved"
        else:
            self.save_problem = None

    def save_new_game(self) -> None:
        """The first autosave of a game started with `save_now=False`, unless done already."""
        if self._unsaved:
            self.autosave()

    def close(self) -> None:
        """Stop saving this game and let other processes open it."""
        self.closed = True
        if self.lock is not None:
            self.lock.release()

    # ----- internals ----------------------------------------------------------------------
    def _commit(self, actor: str | None, action: Callable[[], T]) -> T:
        self.save_new_game()  # a new game is saved before its first action
        result = action()
        if not self.game.orders:  # revealed (or never secret): the answers are spent
            self.answers.clear()
        self._history.append(actor)
        self.autosave()
        return result

    def _next_actor(self) -> str | None:
        if self.game.order == "sequential":
            return self.game.to_move
        waiting = self.game.waiting_for
        ai = [a for a in waiting if self.seats[a].kind != "human"]
        return next(iter(ai or waiting), None)

    def _bot(self, actor: str) -> Bot:
        """A bot for `actor` whose generator depends only on (seed, seat, turn).

        So an AI's choice depends on the position alone: a resumed or undone game plays on
        exactly as the uninterrupted one would.
        """
        from caspian_tabletop.ai.factory import bot_seed, make_bot  # the search: on first use

        seat = self.seats[actor]
        index = self.game.compiled.actor_index(actor)
        base = cast(np.random.PCG64, bot_seed(self.game.seed, index).bit_generator)
        return make_bot(seat.detail, np.random.Generator(base.jumped(self.game.turn)))

    def _answer(self, game: Game, move: Move) -> bool:
        """The partner's answer when the move resolves: an AI seat decides then; a human
        seat has answered already with secret orders (`answers`, gathered once every order
        is in, so a team learns of an offer only when its own order can no longer change),
        else it is asked now."""
        partner = move.partner or ""
        seat = self.seats.get(partner, AI_DEFAULT)
        if seat.kind == "ai":
            return self._bot(partner).answer(game, move)
        if seat.kind == "human":
            given = self.answers.get(move.actor)
            return self.ask(game, move) if given is None else given
        return objective_responder(game, move)


def _actor_of(notation: str | None) -> str | None:
    return notation.split()[0] if notation else None


_PLAIN_REASONS = {errno.ENOSPC: "disk full", errno.EDQUOT: "disk quota exceeded",
                  errno.EROFS: "the data folder is read-only",
                  errno.EACCES: "no permission to write in the data folder",
                  errno.EPERM: "no permission to write in the data folder"}


def _why(exc: OSError | CaspianError) -> str:
    """A failed save's reason in plain words where the system's error is a common one."""
    code = getattr(exc, "errno", None)
    if code in _PLAIN_REASONS:
        return _PLAIN_REASONS[code]
    return str(exc.strerror or exc) if isinstance(exc, OSError) else str(exc)
