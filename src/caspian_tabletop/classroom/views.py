"""What each role sees of the class: built on the server, so a client only ever holds what
its role may know.

Everyone sees the public board: the turn, the phase, who has sealed an order (never what),
the timer, the scores, the tension and what the last reveal resolved.  A team adds its own
sealed order with its odds, its legal moves and the offers made to it once the orders are
closed.  The facilitator sees every sealed order (teams' and AI seats') with its odds and
any ruling, the answers given, and the events it may inject.
"""

from __future__ import annotations

from typing import Any

from caspian_tabletop.classroom.room import ClassRoom, Role, Sealed
from caspian_tabletop.domain.moves import Move
from caspian_tabletop.engine.explain import Resolution
from caspian_tabletop.engine.game import Game
from caspian_tabletop.render.offers import outcome_lines

View = dict[str, Any]


def view_for(room: ClassRoom, role: Role) -> View:
    """Everything `role` may see now."""
    view = public_view(room)
    view["you"] = {"role": role.kind, "actor": role.actor}
    if role.kind == "team" and role.actor is not None:
        view["team"] = team_part(room, role.actor)
    elif role.kind == "facilitator":
        view["facilitator"] = facilitator_part(room)
    return view


def public_view(room: ClassRoom) -> View:
    game, state = room.session.game, room.state
    return {
        "type": "view",
        "class": room.class_id,
        "title": room.session.title or game.scenario.title,
        "turn": game.turn,
        "turns": game.compiled.turns,
        "date": game.date,
        "phase": state.phase,
        "paused": state.paused,
        "deadline": state.deadline,
        "teams": [{"actor": a, "name": name, "submitted": a in state.sealed}
                  for a, name in state.teams.items()],
        "scores": {a: round(v, 2) for a, v in game.scores().items()},
        "tension": round(game.tension, 2),
        "revealed": [_resolution(r) for r in room.revealed],
        "digest": game.digest(),
        "over": game.is_over,
    }


def team_part(room: ClassRoom, actor: str) -> View:
    game = room.session.game
    sealed = room.state.sealed.get(actor)
    return {
        "actor": actor,
        "name": room.state.teams[actor],
        "order": None if sealed is None else _order(game, actor, sealed),
        "capital": round(game.capital(actor), 2),
        "legal": ([m.notation() for m in game.legal_moves(actor)]
                  if room.state.phase == "orders" and not game.is_over else []),
        "offers": ([{"from": m.actor, "move": m.notation(),
                     "answer": room.state.answers.get(m.actor),
                     "outcomes": outcome_lines(game.offer_outcomes(m))}
                    for m in room.offers_to(actor)] if room.state.phase == "answers" else []),
    }


def facilitator_part(room: ClassRoom) -> View:
    game = room.session.game
    orders = [_order(game, a, s) for a, s in room.state.sealed.items()]
    orders += [{**_order(game, a, Sealed(o.move, o.force, o.reason)), "seat": "ai"}
               for a, o in game.orders.items()]
    return {
        "orders": sorted(orders, key=lambda o: o["actor"]),
        "waiting": [a for a in room.state.teams if a not in room.state.sealed],
        "offers": [{"from": m.actor, "to": m.partner, "move": m.notation(),
                    "answer": room.state.answers.get(m.actor)} for m in room.offers()],
        "events": list(game.scenario.events),
    }


def _order(game: Game, actor: str, sealed: Sealed) -> View:
    return {"actor": actor, "move": sealed.move.notation(), "seat": "team",
            "odds": _odds(game, sealed.move), "force": sealed.force, "reason": sealed.reason}


def _odds(game: Game, move: Move) -> float | None:
    """The chance a sealed move succeeds if it were resolved now (None: no chance)."""
    if game.why_illegal(move) is not None and move.actor not in game.orders:
        return None
    probability = game.preview(move).probability
    return None if probability is None else round(probability, 3)


def _resolution(r: Resolution) -> View:
    return {"turn": r.turn, "step": r.step, "actor": r.actor, "text": r.text,
            "outcome": r.outcome, "probability": r.probability}
