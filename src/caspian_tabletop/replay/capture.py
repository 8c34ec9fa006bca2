"""Capturing a live game as a replay, and branching a replay into a new game file.

A game's records hold everything needed to rebuild it; the state digests that seal its turns
are found by replaying those records once, which also proves that the saved file reproduces
the game exactly.  (The autosave after every move uses `journal.Journal` instead, which seals
each finished turn once.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from caspian_tabletop.domain.errors import ReplayError
from caspian_tabletop.domain.seats import Seat
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.records import EventsRecord
from caspian_tabletop.replay.chain import genesis, header_of, link, short, sign, turn_content
from caspian_tabletop.replay.fingerprint import scenario_hash
from caspian_tabletop.replay.records import Steps, events_of, group_turns, step_of
from caspian_tabletop.replay.runner import run_replay
from caspian_tabletop.replay.schema import FORMAT, VERSION, Order, Replay, ScenarioRef, Turn


def header_fields(game: Game, seats: Mapping[str, Seat | str] | None, mode: str, *,
                  title: str | None = None, description: str | None = None,
                  scenario_file: str | None = None, scenario_digest: str | None = None,
                  facilitator_lock: str | None = None) -> dict[str, Any]:
    """Every top-level field of `game`'s file but its turns, signature and trailer.

    `scenario_digest`: the scenario's hash if the caller has it (it takes a few ms)."""
    return {
        "format": FORMAT, "version": VERSION, "title": title, "description": description,
        "scenario": ScenarioRef(id=game.scenario.id, file=scenario_file,
                                hash=scenario_digest or scenario_hash(game.scenario)),
        "seed": game.seed, "order": game.order, "mode": mode,
        "seats": {a: s.text() if isinstance(s, Seat) else s for a, s in (seats or {}).items()},
        "facilitator_lock": facilitator_lock, "finished": True if game.is_over else None}


def turn_of(game: Game, events: EventsRecord, steps: Steps, last: bool) -> Turn:
    """One turn of `game` as a file turn, without its digest; the `last` turn carries the
    secret orders not yet revealed."""
    calendar = game.scenario.calendar
    turn = Turn(turn=events.turn, date=calendar.label(min(events.turn, calendar.turns)),
                events=events_of(events), steps=[step_of(r) for r in steps])
    if last and game.orders:
        pending = [Order.model_validate({"move": o.move.notation(), "accept": o.accept,
                                         "force": o.force, "reason": o.reason})
                   for o in game.orders.values()]
        turn = turn.model_copy(update={"pending": pending})
    return turn


def turns_of(game: Game) -> list[Turn]:
    """The game's turns as file turns, without digests."""
    grouped = group_turns(game.records)
    return [turn_of(game, events, steps, i == len(grouped) - 1)
            for i, (events, steps) in enumerate(grouped)]


def replayed_states(game: Game, turns: list[Turn]) -> dict[int, str]:
    """Each turn's state digest, by replaying `turns` (which must rebuild `game`)."""
    draft = Replay.model_validate({
        "format": FORMAT, "version": VERSION, "scenario": {"id": game.scenario.id},
        "seed": game.seed, "order": game.order, "mode": "replay", "turns": turns, "end": True})
    run = run_replay(draft, scenario=game.scenario, compiled=game.compiled, explain=False)
    if run.game.digest() != game.digest():
        raise ReplayError("the game's records do not reproduce its state; this is a bug in "
                          "the rules engine, please report it")
    return run.states


def to_replay(game: Game, seats: Mapping[str, Seat | str] | None = None, mode: str = "solo",
              *, title: str | None = None, description: str | None = None,
              scenario_file: str | None = None, key: bytes | None = None,
              facilitator_lock: str | None = None) -> Replay:
    """The replay (or save) of `game` so far, sealed by its digest chain; signed with `key`
    (a class key) when one is given."""
    turns = turns_of(game)
    states = replayed_states(game, turns)
    header = header_fields(game, seats, mode, title=title, description=description,
                           scenario_file=scenario_file, facilitator_lock=facilitator_lock)
    draft = Replay.model_validate({**header, "turns": turns, "end": True})
    chain_link = genesis(header_of(draft))
    sealed = []
    for turn in turns:
        chain_link = link(chain_link, turn_content(turn), states[turn.turn])
        sealed.append(turn.model_copy(update={"digest": short(chain_link)}))
    signature = sign(key, chain_link) if key is not None else None
    return draft.model_copy(update={"turns": sealed, "signature": signature})


def branch(replay: Replay, game: Game, key: bytes | None = None) -> Replay:
    """A new game file continuing from `game` (a replay of `replay` cut at some turn).

    It keeps the replay's title, seats and scenario file; a scripted replay becomes a
    classroom game, since a branch is played rather than watched.
    """
    mode = "classroom" if replay.mode == "replay" else replay.mode
    title = f"{replay.title} (branch after turn {game.turn - 1})" if replay.title else None
    return to_replay(game, replay.seats, mode, title=title, description=replay.description,
                     scenario_file=replay.scenario.file, key=key,
                     facilitator_lock=replay.facilitator_lock)
