"""A position in a replay, stepped by move or by turn; the game there is the replay cut at it.

Cutting the file and replaying it (with the scenario compiled once) keeps the viewer on the
same rules as everything else, and takes milliseconds.  In simultaneous games a turn's moves
resolve together at the reveal, so stepping through them shows them all at the last one.
"""

from __future__ import annotations

from caspian_tabletop.engine.game import Game
from caspian_tabletop.replay import Replay, run_replay
from caspian_tabletop.replay.schema import Step

CACHE = 8


class ReplayCursor:
    """Positions are (turn index, steps applied); index 0 is the first turn's orders.

    The position after a turn's last step is also the start of the next turn's orders (its
    upkeep and the next events follow from that step), so it is listed once.
    """

    def __init__(self, replay: Replay) -> None:
        # Verified as it is read, once: a changed or unsealed file is refused at opening.
        run = run_replay(replay, verify=True)
        self.replay = replay
        self.scenario = run.game.scenario
        self.compiled = run.game.compiled
        self.warnings = run.warnings
        turns = replay.turns
        positions = [(0, 0)]
        for t, turn in enumerate(turns):
            positions += [(t, k) for k in range(1, len(turn.steps) + 1)]
            if not turn.steps and t > 0:
                positions.append((t, 0))
        self.positions = positions
        self.index = 0
        self._games: dict[int, Game] = {}

    @property
    def position(self) -> tuple[int, int]:
        return self.positions[self.index]

    @property
    def turn(self) -> int:
        """The turn whose orders this position is in (after a turn's last step: the next)."""
        t, k = self.position
        return t + 2 if k > 0 and k == self._steps(t) else t + 1

    def _steps(self, t: int) -> int:
        return len(self.replay.turns[t].steps) if self.replay.turns else 0

    @property
    def last_turn(self) -> int:
        return len(self.replay.turns)

    def step(self) -> Step | None:
        """The step just applied, or None at the start of a turn."""
        t, k = self.position
        return self.replay.turns[t].steps[k - 1] if k > 0 else None

    def steps_in_turn(self) -> int:
        return self._steps(self.position[0])

    def move(self, delta: int) -> None:
        self.index = max(0, min(len(self.positions) - 1, self.index + delta))

    def move_turn(self, delta: int) -> None:
        """To the start of the next or previous turn (back from mid-turn: this turn's start)."""
        start = self.index == self._start_of(self.turn)
        self.jump(self.turn + delta if delta > 0 or start else self.turn)

    def jump(self, turn: int) -> None:
        """To the start of `turn`'s orders; past the end: the end."""
        self.index = self._start_of(turn)

    def _start_of(self, turn: int) -> int:
        if turn <= 1:
            return 0
        if turn > self.last_turn:
            return len(self.positions) - 1
        before = (turn - 2, self._steps(turn - 2))
        return self.positions.index(before) if before in self.positions else 0

    def game(self) -> Game:
        """The game at the current position (kept for the last few positions)."""
        hit = self._games.get(self.index)
        if hit is None:
            hit = run_replay(self.cut(), scenario=self.scenario, compiled=self.compiled).game
            if len(self._games) >= CACHE:
                self._games.pop(next(iter(self._games)))
            self._games[self.index] = hit
        return hit

    def cut(self) -> Replay:
        """The replay up to the current position: what a branch continues from."""
        t, k = self.position
        turns = list(self.replay.turns[:t])
        if self.replay.turns:
            last = self.replay.turns[t]
            turns.append(last.model_copy(update={"steps": last.steps[:k], "pending": [],
                                                 "digest": None}))
            if self.turn == t + 2 and t + 1 < len(self.replay.turns):
                # The next turn's event phase follows the last step: keep its recorded draw.
                turns.append(self.replay.turns[t + 1].model_copy(
                    update={"steps": [], "pending": [], "digest": None}))
        return self.replay.model_copy(update={"turns": turns})
