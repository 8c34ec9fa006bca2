"""The board's numbers read from a game, shared by the game screen and the replay viewer."""

from __future__ import annotations

from caspian_tabletop.engine.explain import Resolution
from caspian_tabletop.engine.game import Game
from caspian_tabletop.tui.history import last_turn_shift, score_history
from caspian_tabletop.tui.widgets.actor_table import ActorRow


def colours_of(game: Game) -> dict[str, str]:
    return {a: m.colour for a, m in game.scenario.actors.items()}


def actor_rows(game: Game, seats: dict[str, str], viewer: str | None,
               to_move: str | None) -> list[ActorRow]:
    """One row per actor; `seats` are labels, `viewer` the actor whose relations are shown."""
    colours = colours_of(game)
    history = score_history(game)
    shift = last_turn_shift(game)
    scores = game.scores()
    rows = []
    for actor in game.compiled.actors:
        relation = (None if viewer is None or viewer == actor else
                    game.relation(viewer, actor))
        rows.append(ActorRow(
            actor, colours[actor], seats[actor], scores[actor], shift[actor], history[actor],
            game.influence_share(actor), game.capital(actor), game.naval_strength(actor),
            relation, actor == to_move))
    return rows


def log_entries(game: Game) -> list[Resolution]:
    """The game's explanations with its notes placed after the steps of their turn.

    A note changes nothing, so the engine writes no explanation for it; the log shows it
    as an umpire line so that the whole class can read it back.
    """
    out = list(game.explanations)
    for record in game.records:
        if record.kind == "note":
            note = Resolution(turn=record.turn, step="note", actor=None, text="note",
                              facilitator=record.text)
            place = next((i for i, r in enumerate(out) if r.turn > record.turn), len(out))
            out.insert(place, note)
    return out
