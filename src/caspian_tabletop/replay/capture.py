"""Capturing a live game as a replay, and branching a replay into a new game file.

A game's records hold everything needed to rebuild it; the digests are found by replaying
those records once, which also proves that the saved file reproduces the game exactly.
"""

from __future__ import annotations

from collections.abc import Mapping

from caspian_tabletop.domain.errors import ReplayError
from caspian_tabletop.engine.game import Game
from caspian_tabletop.replay.fingerprint import scenario_hash
from caspian_tabletop.replay.records import events_of, group_turns, step_of
from caspian_tabletop.replay.runner import run_replay
from caspian_tabletop.replay.schema import FORMAT, VERSION, Order, Replay, ScenarioRef, Turn
from caspian_tabletop.replay.seats import Seat


def to_replay(game: Game, seats: Mapping[str, Seat | str] | None = None, mode: str = "solo",
              *, title: str | None = None, description: str | None = None,
              scenario_file: str | None = None, facilitator_lock: str | None = None) -> Replay:
    """The replay (or save) of `game` so far, with a digest for every turn."""
    calendar = game.scenario.calendar
    turns = []
    for events, steps in group_turns(game.records):
        turns.append(Turn(turn=events.turn, date=calendar.label(min(events.turn,
                                                                    calendar.turns)),
                          events=events_of(events), steps=[step_of(r) for r in steps]))
    if game.orders:
        pending = [Order.model_validate({"move": o.move.notation(), "accept": o.accept,
                                         "force": o.force, "reason": o.reason})
                   for o in game.orders.values()]
        turns[-1] = turns[-1].model_copy(update={"pending": pending})
    draft = Replay.model_validate({
        "format": FORMAT, "version": VERSION, "title": title, "description": description,
        "scenario": ScenarioRef(id=game.scenario.id, hash=scenario_hash(game.scenario),
                                file=scenario_file),
        "seed": game.seed, "order": game.order, "mode": mode,
        "seats": {a: s.text() if isinstance(s, Seat) else s for a, s in (seats or {}).items()},
        "facilitator_lock": facilitator_lock, "turns": turns, "end": True})
    run = run_replay(draft, scenario=game.scenario, compiled=game.compiled, explain=False)
    if run.game.state.digest() != game.state.digest():
        raise ReplayError("the game's records do not reproduce its state; this is a bug in "
                          "the rules engine, please report it")
    return draft.model_copy(update={"turns": [
        t.model_copy(update={"digest": run.digests[t.turn]}) for t in turns]})


def branch(replay: Replay, game: Game) -> Replay:
    """A new game file continuing from `game` (a replay of `replay` cut at some turn).

    It keeps the replay's title, seats and scenario file; a scripted replay becomes a
    classroom game, since a branch is played rather than watched.
    """
    mode = "classroom" if replay.mode == "replay" else replay.mode
    title = f"{replay.title} (branch after turn {game.turn - 1})" if replay.title else None
    return to_replay(game, replay.seats, mode, title=title, description=replay.description,
                     scenario_file=replay.scenario.file,
                     facilitator_lock=replay.facilitator_lock)
