"""Replaying a file: a new Game from the seed, the recorded draws fed back, every step applied.

The rebuilt game's records must equal the file's (so every chance value and event matches),
and each turn's recorded digest must equal the link of the chain (replay/chain.py) over the
file's header, its turns so far and the replayed state.  Failures name the turn and the line
of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from caspian_tabletop import paths
from caspian_tabletop.domain.errors import IllegalMoveError, NotationError, Problem
from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.explain import Resolution
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.records import Record
from caspian_tabletop.replay.chain import genesis, header_of, link, short, turn_content
from caspian_tabletop.replay.errors import ReplayFileError, render, turn_error
from caspian_tabletop.replay.fingerprint import scenario_hash
from caspian_tabletop.replay.records import Expected, expected_records, note_text
from caspian_tabletop.replay.schema import Replay, Step, Turn
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.scenario.schema import Scenario


@dataclass(frozen=True)
class Item:
    """One line of the story: a resolution, or a note with its citations."""

    turn: int
    resolution: Resolution | None = None
    note: str | None = None
    cites: tuple[str, ...] = ()


@dataclass
class Run:
    """A replayed game, what happened step by step, and each turn's replayed digests.

    `digests` are what the file should record for each turn (links of its chain, or plain
    state digests for a file of format 1), `states` the replayed state digests, and
    `last_link` the chain's last link in full, which a signature covers (None for format 1).
    """

    game: Game
    items: list[Item] = field(default_factory=list)
    digests: dict[int, str] = field(default_factory=dict)
    states: dict[int, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    last_link: bytes | None = None


def replay_game(replay: Replay, until_turn: int | None = None,
                scenario: Scenario | None = None) -> Game:
    """The game as it stood after turn `until_turn` (default: the whole file)."""
    return run_replay(replay, until_turn, scenario).game


def run_replay(replay: Replay, until_turn: int | None = None, scenario: Scenario | None = None,
               *, verify: bool = False, rerecord: bool = False,
               compiled: Compiled | None = None, explain: bool = True) -> Run:
    """Replay `replay`; see module docstring.

    Recorded digests are compared whenever the file was made on this scenario; `verify`
    (what every reader but the transcript uses) also requires every turn to carry a digest,
    and compares them even when the scenario has changed since (new goals or par, say): a
    game whose every state is still the recorded one goes on under the new version, with a
    warning, and one that plays out differently is refused. `rerecord` is for authoring:
    chance comes from the seed, not the file, and nothing is compared, so the caller can
    write fresh outcomes and digests after editing moves or the seed. `explain=False` is for
    checking where a replay ends: its items carry no deltas or influence shifts (see
    `Game`).
    """
    scenario = scenario if scenario is not None else scenario_of(replay)
    same_scenario, warnings = (False, []) if rerecord else _check_hash(replay, scenario, verify)
    changed = verify and not same_scenario and not rerecord  # compared, with its own message
    draws = None if rerecord else [v for turn in replay.turns for v in _draws(turn)
                                   if v is not None]
    game = Game(scenario, seed=replay.seed, order=replay.order, compiled=compiled, draws=draws,
                explain=explain)
    run = Run(game, warnings=warnings)
    if not replay.chained and not rerecord:
        run.warnings.append(render(Problem(replay.source, replay.line_of("version") or 0, 0, "", (
            "written by an older version (format 1): its digests do not cover the seed, "
            "the seats or the notes; saving the game again upgrades it"))).replace(
            ": error: ", ": warning: ", 1))
    checker = None if rerecord else _Checker(replay, game)
    chain_link = genesis(header_of(replay))
    last = len(replay.turns) if until_turn is None else until_turn
    for index, turn in enumerate(replay.turns[:last]):
        if index == 0:
            run.items += [Item(r.turn, resolution=r) for r in game.explanations]
        for j, step in enumerate(turn.steps):
            run.items += _apply(replay, game, turn, step, ("turns", index, "steps", j),
                                unanswered=rerecord)
            if checker is not None:
                checker.check()
        if index == last - 1:
            for k, order in enumerate(turn.pending):
                pending = Step(move=order.move, accept=order.accept, force=order.force,
                               reason=order.reason)
                run.items += _apply(replay, game, turn, pending, ("turns", index, "pending", k),
                                    sealed=True)
        if checker is not None:
            checker.check()
        state = game.digest()
        chain_link = link(chain_link, turn_content(turn), state)
        run.states[turn.turn] = state
        run.digests[turn.turn] = short(chain_link) if replay.chained else state
        if same_scenario:
            _check_digest(replay, index, turn, run.digests[turn.turn], required=verify)
        elif changed:
            _check_changed(replay, scenario, index, turn, run.digests[turn.turn])
    if changed:
        run.warnings.append(render(_changed_problem(replay, scenario, (
            "the game replays exactly as recorded, so it goes on under the new version"))
        ).replace(": error: ", ": warning: ", 1))
    run.last_link = chain_link if replay.chained else None
    if last == len(replay.turns) and replay.finished and not game.is_over and not rerecord:
        raise turn_error(replay.source, replay.line_of("finished"), game.turn,
                         "the file says the game is finished, but it goes on here")
    game.feed([])  # from here on (a branch, a resumed game) chance comes from the seed
    return run


def scenario_of(replay: Replay) -> Scenario:
    """The replay's scenario: its `file` if that exists, else the bundled one of that id."""
    ref = replay.scenario
    if ref.file is not None:
        candidate = Path(ref.file)
        if not candidate.is_absolute() and replay.source != "<replay>":
            candidate = Path(replay.source).parent / candidate
        if candidate.is_file():
            return load_scenario(candidate)
    bundled = paths.bundled_scenarios().get(ref.id)
    if bundled is None:
        line = replay.line_of("scenario", "id") or 0
        raise ReplayFileError([Problem(replay.source, line, 0, "", (
            f"scenario {ref.id!r} is not bundled and no scenario file was found"),
            "name its file with --scenario")])
    return load_scenario(bundled)


def _draws(turn: Turn) -> Iterator[float | None]:
    """The turn's recorded uniform draws in the order the game makes them."""
    yield turn.events.draw
    for step in turn.steps:
        if step.move is not None and step.fizzled is None and _is_chance(step.move):
            yield step.roll


def _is_chance(notation: str) -> bool:
    try:
        return parse_move(notation).spec.chance
    except NotationError:
        return False


def _check_hash(replay: Replay, scenario: Scenario, verify: bool) -> tuple[bool, list[str]]:
    """Whether the file was made on `scenario` (so its digests can match), and warnings.
    With `verify`, a file made on another version of the scenario must be sealed: its
    digests are then compared by `_check_changed`."""
    recorded = replay.scenario.hash
    line = replay.line_of("scenario", "hash") or replay.line_of("scenario") or 0
    if recorded is None:
        if verify:
            raise ReplayFileError([Problem(replay.source, line, 0, "", (
                "no scenario hash recorded, so the replay cannot be verified"),
                "fill it in with --rewrite-digests")])
        return False, []
    if recorded == scenario_hash(scenario):
        return True, []
    if verify:
        if any(turn.digest is None for turn in replay.turns):
            raise ReplayFileError([_changed_problem(replay, scenario)])
        return False, []
    warning = render(_changed_problem(replay, scenario)).replace(": error: ", ": warning: ", 1)
    return False, [f"{warning}; its digests are not compared"]


def _changed_problem(replay: Replay, scenario: Scenario, more: str = "") -> Problem:
    recorded = replay.scenario.hash or ""
    line = replay.line_of("scenario", "hash") or replay.line_of("scenario") or 0
    return Problem(replay.source, line, 0, "", (
        f"scenario hash differs (recorded {recorded[:16]}…, {scenario.id} is now "
        f"{scenario_hash(scenario)[:16]}…): the scenario changed since this replay was "
        f"recorded{'; ' + more if more else ''}"))


def _check_changed(replay: Replay, scenario: Scenario, index: int, turn: Turn,
                   replayed: str) -> None:
    """A turn of a sealed file made on another version of the scenario: its digest must
    still match, or the new version plays the game differently and it is refused."""
    if turn.digest == replayed:
        return
    line = replay.line_of("turns", index, "digest") or replay.line_of("turns", index)
    changed = _changed_problem(replay, scenario).message
    raise turn_error(replay.source, line, turn.turn, (
        f"{changed}, and this version no longer plays the recorded game (digest recorded "
        f"{turn.digest}, replayed {replayed})"))


def _apply(replay: Replay, game: Game, turn: Turn, step: Step,
           loc: tuple[object, ...], sealed: bool = False, unanswered: bool = False
           ) -> list[Item]:
    """Apply one step through the Game API; returns what it caused, in order.

    A `sealed` step is a secret order not yet revealed: an offer there may still await its
    partner's answer, which is asked at the reveal.  With `unanswered` (re-recording), an
    offer without an answer is put to the partner's seat as in play."""
    line = replay.line_of(*loc)
    start = len(game.explanations)
    try:
        if step.move is not None:
            try:
                move = parse_move(step.move)
            except NotationError as exc:
                raise turn_error(replay.source, line, turn.turn,
                                 f"{step.move}: {exc.reason}") from None
            if (move.asks and step.accept is None and step.fizzled is None
                    and not (sealed or unanswered)):
                raise turn_error(replay.source, line, turn.turn, (
                    f"{step.move}: a {move.kind.value} needs the partner's answer "
                    "(accept: true or false)"))
            game.play(move, accept=step.accept, force=step.force, reason_text=step.reason,
                      recorded=True)
        elif step.adjust is not None:
            a = step.adjust
            game.adjust(a.kind, a.amount, step.reason or "", actor=a.actor, target=a.target,
                        corridor=a.corridor, turns=a.turns)
        elif step.inject is not None:
            game.inject(step.inject, step.reason or "")
        else:
            game.note(note_text(step.note or "", tuple(step.cites)))
            return [Item(turn.turn, note=step.note, cites=tuple(step.cites))]
    except IllegalMoveError as exc:
        raise turn_error(replay.source, line, turn.turn, f"{exc.notation}: {exc.reason}") from None
    return [Item(r.turn, resolution=r) for r in game.explanations[start:]]


def _check_digest(replay: Replay, index: int, turn: Turn, replayed: str,
                  required: bool) -> None:
    line = replay.line_of("turns", index, "digest") or replay.line_of("turns", index)
    if turn.digest is None:
        if required:
            raise turn_error(replay.source, line, turn.turn, (
                "no digest recorded: the file is not sealed (seal it with "
                "`caspian-tabletop replay FILE --rewrite-digests`)"))
        return
    if turn.digest != replayed:
        raise turn_error(replay.source, line, turn.turn, (
            f"digest mismatch (recorded {turn.digest}, replayed {replayed}): the file was "
            "changed after it was saved, in this turn or before it"))


class _Checker:
    """Compares the records the game has made so far with those the file says it made."""

    def __init__(self, replay: Replay, game: Game) -> None:
        self.replay = replay
        self.game = game
        self.expected: list[Expected] = list(expected_records(replay.turns))
        self.done = 0  # expected records matched so far
        self.read = 0  # game records looked at so far (upkeep ones are skipped)

    def check(self) -> None:
        """Compare the records made since the last check: each record is looked at once,
        so checking a whole replay is linear in its length."""
        records = self.game.records
        while self.read < len(records) and self.done < len(self.expected):
            record = records[self.read]
            self.read += 1
            if record.kind == "upkeep":
                continue
            want = self.expected[self.done]
            # The turn is implied by the step's place (a note after the game's end is
            # recorded on the turn after the last), so it is not compared.
            got = replace(record, turn=want.record.turn)
            if got != want.record:
                self._differs(want, got)
            self.done += 1

    def _differs(self, want: Expected, got: Record) -> None:
        line = self.replay.line_of(*want.loc)
        wanted = want.record
        subject = (wanted.move if wanted.kind == "move" else
                   "event phase" if wanted.kind == "events" else wanted.kind)
        if wanted.kind != got.kind:
            message = f"{subject}: the replay made a {got.kind} record here"
        else:
            diffs = [f"{f.name} {_show(getattr(wanted, f.name))} → "
                     f"{_show(getattr(got, f.name))}" for f in fields(wanted)
                     if getattr(wanted, f.name) != getattr(got, f.name)]
            message = f"{subject}: recorded and replayed differ ({'; '.join(diffs)})"
            if getattr(wanted, "roll", None) is None and getattr(got, "roll", None) is not None:
                message += " — no chance outcome recorded (fill it in with --rewrite-digests)"
        raise turn_error(self.replay.source, line, wanted.turn, message)


def _show(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)
