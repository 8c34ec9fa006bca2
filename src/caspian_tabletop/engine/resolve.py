"""Resolution of one move per game, vectorised over the batch.

`resolve` is the only function that carries out moves.  It never mutates its input: it copies
the state, applies each kind of move to the games that chose it, and returns the new state
with an `Outcome` that holds the odds, the roll and what happened (for explanations).
Chance enters only through the `roll` argument, so a game is rebuilt exactly from its
recorded rolls, without any random generator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from caspian_tabletop.engine.compiled import ORIENT_HEDGE, Compiled
from caspian_tabletop.engine.effects import (
    INFLUENCE_MAX,
    add_influence,
    add_relations,
    add_tension,
    check_clash,
    shift_column,
)
from caspian_tabletop.engine.legality import BLOCKADE, DRILL, INVEST, SUMMIT, TRADE, is_legal
from caspian_tabletop.engine.state import BatchState

IntArr = NDArray[np.int64]
FloatArr = NDArray[np.float64]
BoolArr = NDArray[np.bool_]

NO_FORCE, FORCE_FAILURE, FORCE_SUCCESS = -1, 0, 1


@dataclass(frozen=True)
class Outcome:
    """What resolution found, per game: NaN where a figure does not apply to the move."""

    legal: BoolArr  # illegal entries changed nothing
    accepted: BoolArr  # trade partner said yes
    probability: FloatArr  # chance of success for drills and blockades
    success: BoolArr
    attack: FloatArr  # effective naval strength of the blockading side
    defence: FloatArr  # effective naval strength of the defending side
    attack_bonus: FloatArr  # drill bonus share on the attacking side


def blockade_odds(c: Compiled, s: BatchState, rows: IntArr, actor: IntArr, corridor: IntArr,
                  zone: IntArr) -> tuple[FloatArr, FloatArr, FloatArr, FloatArr]:
    """Success probability of a blockade: logistic in the log strength ratio in the zone.

    Attackers are the blockader and littoral allies present in the zone that are not members
    of the corridor; defenders are the corridor's littoral members present there and their
    allies.  Drilled forces count with the drill bonus.
    """
    r = c.rules
    n = rows.size
    present = c.presence[:, zone].T > 0  # [n, A]
    drilled = s.drill[rows, :, zone] > 0  # [n, A]
    effective = c.zone_strength[:, zone].T * (1.0 + r.drill_bonus * drilled)
    members = c.member[corridor]  # [n, A]
    rel_actor = s.relations[rows, actor, :]
    attackers = c.littoral & present & ~members & (rel_actor >= r.ally_relation)
    attackers[np.arange(n), actor] = True
    defenders = c.littoral & present & members
    rel = s.relations[rows]  # [n, A, A]
    allied = ((rel >= r.ally_relation) & defenders[:, :, None]).any(axis=1)
    defenders = defenders | (allied & c.littoral & present & ~attackers)
    attack = np.maximum((effective * attackers).sum(axis=1), 0.05)
    defence = np.maximum((effective * defenders).sum(axis=1), 0.05)
    bonus_part = (c.zone_strength[:, zone].T * r.drill_bonus * drilled * attackers).sum(axis=1)
    logit = r.blockade_bias + r.blockade_slope * np.log(attack / defence)
    p = np.clip(1.0 / (1.0 + np.exp(-logit)), r.blockade_p_min, r.blockade_p_max)
    return p, attack, defence, bonus_part / attack


def _decide(p: FloatArr, roll: FloatArr, forced: IntArr) -> BoolArr:
    return np.where(forced == NO_FORCE, roll < p, forced == FORCE_SUCCESS)


def resolve(c: Compiled, st: BatchState, action: IntArr, roll: FloatArr, accept: BoolArr,
            forced: IntArr | None = None) -> tuple[BatchState, Outcome]:
    """Carry out `action[b]` in each game b; illegal entries change nothing.

    Returns a new state; `st` is never changed.
    """
    s = st.copy()
    return s, resolve_in_place(c, s, action, roll, accept, forced)


def resolve_in_place(c: Compiled, s: BatchState, action: IntArr, roll: FloatArr,
                     accept: BoolArr, forced: IntArr | None = None) -> Outcome:
    """`resolve` on a state the caller owns and gives up (large batch runs skip the copy)."""
    n_b = s.size
    forced = np.full(n_b, NO_FORCE, dtype=np.int64) if forced is None else forced
    rows = np.arange(n_b)
    ok = is_legal(c, s, action)
    kind = c.act_kind[action]
    actor = c.act_actor[action]
    accepted = ok & (kind == TRADE) & accept
    takes_effect = ok & ((kind != TRADE) | accept)
    n_a = len(c.actors)
    s.acted.reshape(-1)[(rows * n_a + actor)[ok]] = True
    paid = (rows * n_a + actor)[takes_effect]
    s.capital.reshape(-1)[paid] -= c.kind_cost[kind[takes_effect]]

    probability = np.full(n_b, np.nan)
    success = np.zeros(n_b, dtype=bool)
    attack = np.full(n_b, np.nan)
    defence = np.full(n_b, np.nan)
    bonus = np.full(n_b, np.nan)

    m = rows[accepted]
    if m.size:
        _trade(c, s, m, action[m])
    m = rows[ok & (kind == DRILL)]
    if m.size:
        p = np.full(m.size, 1.0 - c.rules.drill_backfire_p)
        won = _decide(p, roll[m], forced[m])
        probability[m], success[m] = p, won
        _drill(c, s, m, action[m], won)
    m = rows[ok & (kind == BLOCKADE)]
    if m.size:
        p, att, dfn, bon = blockade_odds(c, s, m, actor[m], c.act_corridor[action[m]],
                                         c.act_zone[action[m]])
        won = _decide(p, roll[m], forced[m])
        probability[m], success[m], attack[m], defence[m], bonus[m] = p, won, att, dfn, bon
        _blockade(c, s, m, action[m], won)
    m = rows[ok & (kind == INVEST)]
    if m.size:
        _invest(c, s, m, action[m])
    m = rows[ok & (kind == SUMMIT)]
    if m.size:
        _summit(c, s, m, action[m])
    check_clash(c, s)
    return Outcome(legal=ok, accepted=accepted, probability=probability, success=success,
                   attack=attack, defence=defence, attack_bonus=bonus)


def _trade(c: Compiled, s: BatchState, m: IntArr, action: IntArr) -> None:
    """Throughput rises within capacity; the parties gain sway and goodwill; rivals lose sway."""
    r = c.rules
    p, q = c.act_actor[action], c.act_partner[action]
    k, volume = c.act_corridor[action], c.act_volume[action]
    s.throughput[m, k] = np.minimum(s.throughput[m, k] + volume, s.capacity[m, k])
    gain = r.trade_influence_per_mt * volume
    add_influence(s, m, p, q, gain)
    add_influence(s, m, q, p, gain)
    add_relations(s, m, p, q, r.trade_relations_per_mt * volume)
    rivals = c.rival[k].copy()
    idx = np.arange(m.size)
    rivals[idx, p] = False
    rivals[idx, q] = False
    loss = -r.bypass_influence_per_mt * volume
    shift_column(s, m, rivals, p, loss)
    shift_column(s, m, rivals, q, loss)


def _drill(c: Compiled, s: BatchState, m: IntArr, action: IntArr, won: BoolArr) -> None:
    """Show of force: tension up, a drill bonus, and sway over weaker states in the zone.

    On a backfire (failed roll) the watched states lean toward the other bloc instead.
    """
    r = c.rules
    n = m.size
    idx = np.arange(n)
    leader, partner, zone = c.act_actor[action], c.act_partner[action], c.act_zone[action]
    part = np.zeros((n, len(c.actors)), dtype=bool)
    part[idx, leader] = True
    with_partner = partner >= 0
    part[idx[with_partner], partner[with_partner]] = True
    add_tension(s, m, r.drill_tension)
    s.escalation[m, leader] += r.drill_tension
    s.drill[m, leader, zone] = r.drill_turns
    s.drill[m[with_partner], partner[with_partner], zone[with_partner]] = r.drill_turns
    zone_strength = c.zone_strength[:, zone].T  # [n, A]
    combined = (zone_strength * part).sum(axis=1)
    watched = (c.littoral & ~part & (c.presence[:, zone].T > 0)
               & (zone_strength < combined[:, None]))
    other_bloc = ((c.orientation != ORIENT_HEDGE)
                  & (c.orientation != c.orientation[leader][:, None]) & ~part)
    sign = np.where(won, r.drill_influence, -r.drill_backfire_influence)
    # One [n, source, target] change: participants over the watched states, and on a
    # backfire the other bloc too (never an actor over itself).
    change = part[:, :, None] * watched[:, None, :] * sign[:, None, None]
    change += (other_bloc & ~won[:, None])[:, :, None] * watched[:, None, :] \
        * r.drill_backfire_influence
    change *= ~np.eye(len(c.actors), dtype=bool)
    s.influence[m] = np.clip(s.influence[m] + change, 0.0, INFLUENCE_MAX)


def _blockade(c: Compiled, s: BatchState, m: IntArr, action: IntArr, won: BoolArr) -> None:
    """Success closes the corridor and coerces its members; failure costs prestige."""
    r = c.rules
    actor, corridor = c.act_actor[action], c.act_corridor[action]
    members = c.member[corridor]  # [n, A]
    tension = np.where(won, r.blockade_tension_success, r.blockade_tension_failure)
    add_tension(s, m, tension)
    s.escalation[m, actor] += tension
    hit = m[won]
    s.blocked[hit, corridor[won]] = r.blockade_turns
    influence = np.where(won, r.blockade_influence_gain, -r.blockade_prestige_loss)
    relations = np.where(won, -r.blockade_relations_drop, -r.blockade_relations_drop / 2.0)
    for b in range(len(c.actors)):
        on = members[:, b]
        if on.any():
            add_influence(s, m[on], actor[on], b, influence[on])
            add_relations(s, m[on], actor[on], b, relations[on])


def _invest(c: Compiled, s: BatchState, m: IntArr, action: IntArr) -> None:
    """Capacity arrives after a delay; assets complete after enough stages; partners notice."""
    r = c.rules
    actor, corridor, asset = c.act_actor[action], c.act_corridor[action], c.act_asset[action]
    plain = asset < 0
    rows, k = m[plain], corridor[plain]
    if r.invest_delay == 0:
        s.capacity[rows, k] += r.invest_capacity_mt
    else:
        s.pending[rows, k, r.invest_delay - 1] += r.invest_capacity_mt
    project = ~plain
    if project.any():
        rows, a = m[project], asset[project]
        s.asset_progress[rows, a] += 1
        done = (s.asset_progress[rows, a] >= c.asset_stages[a]) & ~s.asset_online[rows, a]
        s.asset_online[rows[done], a[done]] = True
        grows = done & c.asset_is_capacity[a]
        s.capacity[rows[grows], c.asset_corridor[a[grows]]] += c.asset_gain[a[grows]]
    partners = np.where(plain[:, None], c.member[np.maximum(corridor, 0)],
                        c.asset_owner[np.maximum(asset, 0)] if len(c.assets) else False)
    for b in range(len(c.actors)):
        on = partners[:, b] & (actor != b)
        if on.any():
            add_influence(s, m[on], actor[on], b, r.invest_influence)


def _summit(c: Compiled, s: BatchState, m: IntArr, action: IntArr) -> None:
    """Diplomacy: goodwill and a little sway both ways, and a cooler sea."""
    r = c.rules
    p, q = c.act_actor[action], c.act_partner[action]
    add_relations(s, m, p, q, r.summit_relations)
    add_influence(s, m, p, q, r.summit_influence)
    add_influence(s, m, q, p, r.summit_influence)
    add_tension(s, m, -r.summit_tension_relief)
