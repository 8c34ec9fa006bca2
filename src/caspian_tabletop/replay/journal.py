"""A game's save kept current one committed action at a time, at a cost that does not grow.

A finished turn never changes again (until an undo reaches back into it), so the journal seals
it once: its records, the state digest reached at its end, its link of the digest chain and its
YAML text are kept.  Each autosave then writes out the kept text, and builds, seals and dumps
only the turn in play, so it costs the same at turn 40 as at turn 1.  The text is exactly what
`dump_replay(to_replay(...))` gives for the same game (tests/property checks it), but without
re-running the game: a full re-check stays with `replay --verify` and the tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from caspian_tabletop.domain.seats import Seat
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.records import Record
from caspian_tabletop.replay.capture import header_fields, replayed_states, turn_of, turns_of
from caspian_tabletop.replay.chain import genesis, header_of, link, short, sign, turn_content
from caspian_tabletop.replay.fingerprint import scenario_hash
from caspian_tabletop.replay.records import opening, steps_of
from caspian_tabletop.replay.schema import Replay, Turn
from caspian_tabletop.replay.writer import HEADER, dump_part


@dataclass
class _Sealed:
    """A finished turn: what its digest covers, and the record that opened the next turn
    (it is still in the game's records exactly as long as this turn is unchanged)."""

    closer: Record
    closer_index: int
    content: dict[str, Any]
    turn: Turn
    state: str
    link: bytes = b""
    text: str = ""


class Journal:
    """The save text of one game; `text` brings it up to date after each committed action."""

    def __init__(self, game: Game, states: Mapping[int, str] | None = None) -> None:
        """`states`: the state digests of the game's turns if known (a game loaded from a
        file has them from replaying it), so that its first save does not replay it again.
        Each is kept with the record that closed its turn, and used only while that very
        record is still in the game (an undo and a different move make new records)."""
        self.game = game
        self._scenario_digest = scenario_hash(game.scenario)
        self._sealed: list[_Sealed] = []
        self._genesis = b""
        starts = self._turn_starts()
        self._known: dict[int, tuple[Record, str]] = {
            id(game.records[closer]): (game.records[closer], (states or {})[number])
            for number, closer in enumerate(starts[1:], start=1) if number in (states or {})}

    def text(self, seats: Mapping[str, Seat | str], mode: str, *, title: str | None = None,
             description: str | None = None, scenario_file: str | None = None,
             key: bytes | None = None, facilitator_lock: str | None = None) -> str:
        """The whole save file as it stands now, signed with `key` if given."""
        header = Replay.model_validate({
            **header_fields(self.game, seats, mode, title=title, description=description,
                            scenario_file=scenario_file, scenario_digest=self._scenario_digest,
                            facilitator_lock=facilitator_lock),
            "turns": [], "end": True})
        head = header_of(header)
        start = genesis(head)
        self._forget_undone()
        if start != self._genesis:  # a new header: every kept turn is sealed anew
            self._genesis = start
            self._relink(0)
        self._seal_finished()
        current = self._current_turn()
        previous = self._sealed[-1].link if self._sealed else start
        current_link = link(previous, turn_content(current), self.game.digest())
        current = current.model_copy(update={"digest": short(current_link)})
        parts = [HEADER, dump_part(head), "turns:\n", *(s.text for s in self._sealed),
                 dump_part([current.model_dump(mode="json", exclude_none=True)])]
        if key is not None:
            parts.append(dump_part({"signature": sign(key, current_link)}))
        parts.append("end: true\n")
        return "".join(parts)

    # ----- internals ----------------------------------------------------------------------
    def _forget_undone(self) -> None:
        """Drop kept turns that an undo took back: their closing record is gone."""
        records = self.game.records
        while self._sealed:
            last = self._sealed[-1]
            if last.closer_index < len(records) and records[last.closer_index] is last.closer:
                return
            self._sealed.pop()

    def _seal_finished(self) -> None:
        """Seal every turn that has finished since the last call."""
        records = self.game.records
        starts = self._turn_starts()
        new = range(len(self._sealed), len(starts) - 1)  # all turns but the last are closed
        if not new:
            return
        states = {t: self._state_at(starts[t + 1]) for t in new}
        if any(state is None for state in states.values()):
            replayed = replayed_states(self.game, turns_of(self.game))
            states = {t: replayed[t + 1] for t in new}
        for t in new:
            opened, closed = starts[t], starts[t + 1]
            steps = steps_of(records[opened + 1:closed])
            turn = turn_of(self.game, opening(records[opened]), steps, last=False)
            self._sealed.append(_Sealed(records[closed], closed, turn_content(turn), turn,
                                        str(states[t])))
        self._relink(new.start)

    def _state_at(self, closer_index: int) -> str | None:
        """The state digest at the end of the turn that the record at `closer_index` closed:
        the game's state if that is its very last record, else one known from the file the
        game was loaded from, else None."""
        records = self.game.records
        if closer_index == len(records) - 1:
            return self.game.digest()
        closer = records[closer_index]
        known = self._known.get(id(closer))
        return known[1] if known is not None and known[0] is closer else None

    def _turn_starts(self) -> list[int]:
        """Indices of the records that open each turn (its event phase), kept turns first."""
        records = self.game.records  # the first record is turn 1's event phase
        starts = [0, *(s.closer_index for s in self._sealed)]
        starts += [i for i in range(starts[-1] + 1, len(records)) if records[i].kind == "events"]
        return starts

    def _current_turn(self) -> Turn:
        records = self.game.records
        opened = self._sealed[-1].closer_index if self._sealed else 0
        steps = steps_of(records[opened + 1:])
        return turn_of(self.game, opening(records[opened]), steps, last=True)

    def _relink(self, first: int) -> None:
        """Recompute the chain and text of kept turns from index `first` on."""
        previous = self._sealed[first - 1].link if first > 0 else self._genesis
        for sealed in self._sealed[first:]:
            sealed.link = link(previous, sealed.content, sealed.state)
            turn = sealed.turn.model_copy(update={"digest": short(sealed.link)})
            sealed.text = dump_part([turn.model_dump(mode="json", exclude_none=True)])
            previous = sealed.link
