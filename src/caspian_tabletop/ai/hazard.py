"""The risk of an armed clash at the next event draw: how bots weigh tension near the brink.

A clash ends the game the moment tension reaches the threshold, and the end-of-turn score
sees it only when a move itself crosses the line.  Yet nearly every clash comes from the
deck: a bot that leaves tension a little below the threshold is valuing the state as safe,
and the next quarter's card (a border incident, an exercise) pushes it over.  The deck is
public (the rules show its cards and weights), so a bot can reckon that risk exactly: the
chance that the next turn's scheduled cards and one draw lift tension to the threshold, times
the penalty the actor would bear (everyone's share plus its own part of the escalation).
A card whose weight grows with tension (an incident at sea) is weighed at the tension the
draw will see, so every point of tension carries some risk, not only the last before the
threshold.

Before that draw, the seats after the actor in this turn's order still move; each is
expected to add the tension it has added per turn so far (its escalation).  After the last
turn no card is drawn, so the last turn carries no such risk.
"""

from __future__ import annotations

import numpy as np

from caspian_tabletop.engine.arrays import FloatArr
from caspian_tabletop.engine.compiled import Compiled
from caspian_tabletop.engine.events import deck_weights
from caspian_tabletop.engine.reads import GameReads
from caspian_tabletop.engine.scoring import clash_penalty
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import scored_upkeep


def event_rises(c: Compiled) -> FloatArr:
    """[E] how much each card moves tension (its tension effects added; cached)."""
    cached: FloatArr | None = c.__dict__.get("_event_rises")
    if cached is None:
        cached = np.array([sum(e.amount for e in effects if e.kind == "tension")
                           for effects in c.event_effects], dtype=np.float64)
        object.__setattr__(c, "_event_rises", cached)
    return cached


def later_seats(c: Compiled, actor: int) -> list[int]:
    """The seats that move after `actor` in a turn."""
    order = [int(a) for a in c.initiative]
    return order[order.index(actor) + 1:]


def clash_chance(c: Compiled, s: BatchState, actor: int | None) -> FloatArr:
    """[B] the chance that the next turn's event phase starts a clash in each game of `s`, a
    state at the end of the turn in which `actor` moves (after upkeep's decay, before the turn
    count moves on), with the seats after `actor` adding their usual tension first (none
    when `actor` is None)."""
    chance = np.zeros(s.size)
    nxt = s.turn + 1
    live = np.flatnonzero(~s.over & ~s.clash & (nxt <= c.turns))
    if not live.size or not len(c.events):
        return chance
    rises = event_rises(c)
    threshold = c.rules.clash_threshold - 1e-9
    turn = nxt[live]
    later = [] if actor is None else later_seats(c, actor)
    tension = s.tension[live].copy()
    if later:  # they have moved once in each turn before this one
        played = np.maximum(turn - 2, 1).astype(np.float64)
        tension += s.escalation[live][:, later].sum(axis=1) / played
    scheduled = c.event_turn > 0
    for e in np.flatnonzero(scheduled & (rises != 0)):
        tension += np.where(turn == c.event_turn[e], rises[e], 0.0)
    certain = tension >= threshold
    level = s.tension.copy()
    level[live] = tension  # an incident card is likelier the tenser the sea at the draw
    weights = deck_weights(c, s, nxt, level)[live]
    total = weights.sum(axis=1)
    over = (tension[:, None] + rises[None, :]) >= threshold
    drawn = np.divide((weights * over).sum(axis=1), total, out=np.zeros(live.size),
                      where=total > 0)
    chance[live] = np.where(certain, 1.0, c.rules.event_probability * drawn)
    return chance


def clash_risk(c: Compiled, s: BatchState, actor: int) -> FloatArr:
    """[B] the points `actor` expects to lose to a clash at the next draw in each game of
    `s`: the chance of one times the penalty it would bear there."""
    chance = clash_chance(c, s, actor)
    if not chance.any():
        return chance
    risk: FloatArr = chance * clash_penalty(c, s.escalation[:, actor], s.escalation.sum(axis=1))
    return risk


def next_card_chance(game: GameReads) -> float:
    """For the players: the chance that the next turn's card starts a clash in `game` (at a
    turn's orders), should tension only ease with the upkeep from here."""
    c = game.compiled
    return float(clash_chance(c, scored_upkeep(c, game.state), None)[0])
