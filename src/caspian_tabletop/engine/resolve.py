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

from caspian_tabletop.engine.assets import bring_online
from caspian_tabletop.engine.compiled import ORIENT_HEDGE, Compiled
from caspian_tabletop.engine.effects import (
    add_influence,
    add_relations,
    add_tension,
    check_clash,
    cut_capacity,
)
from caspian_tabletop.engine.legality import BLOCKADE, DRILL, INVEST, SUMMIT, TRADE, is_legal
from caspian_tabletop.engine.navy import present as present_in
from caspian_tabletop.engine.navy import zone_strength as zone_strength_in
from caspian_tabletop.engine.rowwise import sum_last
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
    n, n_a, n_z = rows.size, len(c.actors), len(c.zones)
    here = np.arange(n)
    present = present_in(c, s, rows)[here, :, zone]  # [n, A]
    zone_strength = zone_strength_in(c, s, rows)[here, :, zone]  # [n, A]
    drill_cell = (rows * n_a * n_z + zone)[:, None] + np.arange(n_a) * n_z
    drilled = s.drill.reshape(-1).take(drill_cell) > 0  # [n, A]
    effective = zone_strength * (1.0 + r.drill_bonus * drilled)
    members = c.member.take(corridor, axis=0)  # [n, A]
    rel_actor = s.relations.reshape(-1, n_a).take(rows * n_a + actor, axis=0)
    attackers = c.littoral & present & ~members & (rel_actor >= r.ally_relation)
    attackers.reshape(-1)[np.arange(n) * n_a + actor] = True
    defenders = c.littoral & present & members
    every = n == s.size and np.array_equal(rows, np.arange(n))  # then nothing to gather
    friendly = (s.relations if every else s.relations.take(rows, axis=0)) >= r.ally_relation
    allied = np.matmul(defenders[:, None, :], friendly)[:, 0, :]  # allied to some defender
    defenders = defenders | (allied & c.littoral & present & ~attackers)
    attack = np.maximum(sum_last(effective * attackers), 0.05)
    defence = np.maximum(sum_last(effective * defenders), 0.05)
    bonus_part = sum_last(zone_strength * r.drill_bonus * drilled * attackers)
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
                     accept: BoolArr, forced: IntArr | None = None,
                     legal: BoolArr | None = None) -> Outcome:
    """`resolve` on a state the caller owns and gives up (large batch runs skip the copy).

    `legal` is `is_legal(c, s, action)` when the caller has just found it (the outlook, which
    resolves only legal candidates), so that it is not checked twice.
    """
    n_b = s.size
    forced = np.full(n_b, NO_FORCE, dtype=np.int64) if forced is None else forced
    rows = np.arange(n_b)
    ok = is_legal(c, s, action) if legal is None else legal
    kind = c.act_kind[action]
    actor = c.act_actor[action]
    accepted = ok & (kind == TRADE) & accept
    takes_effect = ok & ((kind != TRADE) | accept)
    slot = rows * len(c.actors) + actor
    s.acted.reshape(-1)[slot[ok]] = True
    paid = slot[takes_effect]
    s.capital.reshape(-1)[paid] -= c.kind_cost[kind[takes_effect]]

    probability, attack, defence, bonus = np.full((4, n_b), np.nan)
    success = np.zeros(n_b, dtype=bool)

    # Only the kinds that occur are looked for (batches often hold one kind).
    present = np.bincount(kind[ok], minlength=len(c.kind_cost))
    m = rows[accepted]
    if m.size:
        _trade(c, s, m, action[m])
    if present[DRILL]:
        m = rows[ok & (kind == DRILL)]
        p = np.full(m.size, 1.0 - c.rules.drill_backfire_p)
        won = _decide(p, roll[m], forced[m])
        probability[m], success[m] = p, won
        _drill(c, s, m, action[m], won)
    if present[BLOCKADE]:
        m = rows[ok & (kind == BLOCKADE)]
        p, att, dfn, bon = blockade_odds(c, s, m, actor[m], c.act_corridor[action[m]],
                                         c.act_zone[action[m]])
        won = _decide(p, roll[m], forced[m])
        probability[m], success[m], attack[m], defence[m], bonus[m] = p, won, att, dfn, bon
        _blockade(c, s, m, action[m], won)
    if present[INVEST]:
        m = rows[ok & (kind == INVEST)]
        _invest(c, s, m, action[m])
    if present[SUMMIT]:
        m = rows[ok & (kind == SUMMIT)]
        _summit(c, s, m, action[m])
    check_clash(c, s)
    return Outcome(legal=ok, accepted=accepted, probability=probability, success=success,
                   attack=attack, defence=defence, attack_bonus=bonus)


def _trade(c: Compiled, s: BatchState, m: IntArr, action: IntArr) -> None:
    """Throughput rises within capacity; the parties gain sway and goodwill; rivals lose sway."""
    r = c.rules
    p, q = c.act_actor[action], c.act_partner[action]
    k, volume = c.act_corridor[action], c.act_volume[action]
    route = m * len(c.corridors) + k
    carried = s.throughput.reshape(-1)
    carried[route] = np.minimum(carried[route] + volume, s.capacity.reshape(-1)[route])
    gain = r.trade_influence_per_mt * volume
    add_relations(s, m, p, q, r.trade_relations_per_mt * volume)
    add_influence(s, m, p, q, gain)
    add_influence(s, m, q, p, gain)
    hit, rival = _trade_rivals(c).take(action, axis=0).nonzero()
    loss = -r.bypass_influence_per_mt * volume[hit]
    add_influence(s, m[hit], rival, p[hit], loss)
    add_influence(s, m[hit], rival, q[hit], loss)


def _trade_rivals(c: Compiled) -> BoolArr:
    """[M, A] for each trade: the rivals of its corridor other than the two parties, whose
    sway over both parties the deal erodes.  Static, so cached per scenario."""
    cached: BoolArr | None = c.__dict__.get("_trade_rivals")
    if cached is None:
        k = np.maximum(c.act_corridor, 0)
        parties = np.arange(len(c.actors))
        cached = (c.rival[k] & (parties != c.act_actor[:, None])
                  & (parties != c.act_partner[:, None]))
        object.__setattr__(c, "_trade_rivals", cached)
    return cached


def _drill(c: Compiled, s: BatchState, m: IntArr, action: IntArr, won: BoolArr) -> None:
    """Show of force: tension up, a drill bonus, and sway over weaker states in the zone.

    On a backfire (failed roll) the watched states lean toward the other bloc instead.
    """
    r = c.rules
    n_a, n_z = len(c.actors), len(c.zones)
    leader, partner, zone = c.act_actor[action], c.act_partner[action], c.act_zone[action]
    with_partner = partner >= 0
    add_tension(s, m, r.drill_tension)
    s.escalation.reshape(-1)[m * n_a + leader] += r.drill_tension
    drill = s.drill.reshape(-1)
    drill[(m * n_a + leader) * n_z + zone] = r.drill_turns
    drill[((m * n_a + partner) * n_z + zone)[with_partner]] = r.drill_turns
    row, source, target, amount = _drill_sway(c).expand(action * 2 + won)
    add_influence(s, m[row], source, target, amount)


@dataclass(frozen=True)
class _Cells:
    """Lists of influence cells with the change to each, one list per key, flattened."""

    start: IntArr  # [keys] where each key's cells begin
    count: IntArr  # [keys]
    source: IntArr
    target: IntArr
    amount: FloatArr

    def expand(self, key: IntArr) -> tuple[IntArr, IntArr, IntArr, FloatArr]:
        """(i, source, target, amount) for every cell of every `key[i]`."""
        count = self.count[key]
        i = np.repeat(np.arange(key.size), count)
        cell = np.repeat(self.start[key] - (np.cumsum(count) - count), count)
        cell += np.arange(i.size)
        return i, self.source.take(cell), self.target.take(cell), self.amount.take(cell)


def _drill_sway(c: Compiled) -> _Cells:
    """The sway a drill changes, keyed by action * 2 + success; static, so cached.

    Participants (the leader and any partner) sway the watched states: littoral states
    present in the zone and weaker there than the participants combined.  On success they
    gain; on a backfire they lose, and the other bloc gains (never an actor over itself).
    """
    cached: _Cells | None = c.__dict__.get("_drill_sway")
    if cached is not None:
        return cached
    r = c.rules
    n_m, n_a = len(c.act_kind), len(c.actors)
    drills = np.flatnonzero(c.act_kind == DRILL)
    leader, partner, zone = c.act_actor[drills], c.act_partner[drills], c.act_zone[drills]
    n = drills.size
    part = np.zeros((n, n_a), dtype=bool)
    part[np.arange(n), leader] = True
    with_partner = partner >= 0
    part[np.flatnonzero(with_partner), partner[with_partner]] = True
    zone_strength = c.zone_strength[:, zone].T  # [n, A]
    combined = (zone_strength * part).sum(axis=1)
    watched = (c.littoral & ~part & (c.presence[:, zone].T > 0)
               & (zone_strength < combined[:, None]))
    other_bloc = ((c.orientation != ORIENT_HEDGE)
                  & (c.orientation != c.orientation[leader][:, None]) & ~part)
    on = np.zeros((n_m, 2, n_a, n_a), dtype=bool)
    change = np.zeros(on.shape)
    on[drills, 1] = part[:, :, None] & watched[:, None, :]
    change[drills, 1] = r.drill_influence
    on[drills, 0] = ((part | other_bloc)[:, :, None] & watched[:, None, :]
                     & ~np.eye(n_a, dtype=bool))
    change[drills, 0] = np.where(part[:, :, None], -r.drill_backfire_influence,
                                 r.drill_backfire_influence)
    key, source, target = np.nonzero(on.reshape(n_m * 2, n_a, n_a))
    count = np.bincount(key, minlength=n_m * 2)
    cached = _Cells(start=np.cumsum(count) - count, count=count, source=source, target=target,
                    amount=change.reshape(n_m * 2, n_a, n_a)[key, source, target])
    object.__setattr__(c, "_drill_sway", cached)
    return cached


def _blockade(c: Compiled, s: BatchState, m: IntArr, action: IntArr, won: BoolArr) -> None:
    """Success closes the corridor, scares part of its shipping away for good and coerces its
    members; failure costs prestige."""
    r = c.rules
    actor, corridor = c.act_actor[action], c.act_corridor[action]
    members = c.member.take(corridor, axis=0)  # [n, A]
    tension = np.where(won, r.blockade_tension_success, r.blockade_tension_failure)
    add_tension(s, m, tension)
    s.escalation.reshape(-1)[m * len(c.actors) + actor] += tension
    s.blocked.reshape(-1)[(m * len(c.corridors) + corridor)[won]] = r.blockade_turns
    cut_capacity(s, m[won], corridor[won], r.blockade_capacity_loss)
    influence = np.where(won, r.blockade_influence_gain, -r.blockade_prestige_loss)
    relations = np.where(won, -r.blockade_relations_drop, -r.blockade_relations_drop / 2.0)
    on, b = np.nonzero(members)
    add_influence(s, m[on], actor[on], b, influence[on])
    add_relations(s, m[on], actor[on], b, relations[on])


def _invest(c: Compiled, s: BatchState, m: IntArr, action: IntArr) -> None:
    """Capacity arrives after a delay; assets complete after enough stages; partners notice."""
    r = c.rules
    actor, corridor, asset = c.act_actor[action], c.act_corridor[action], c.act_asset[action]
    plain = asset < 0
    route = m[plain] * len(c.corridors) + corridor[plain]
    if r.invest_delay == 0:
        s.capacity.reshape(-1)[route] += r.invest_capacity_mt
    else:
        slots = s.pending.shape[2]
        s.pending.reshape(-1)[route * slots + r.invest_delay - 1] += r.invest_capacity_mt
    project = ~plain
    if project.any():
        rows, a = m[project], asset[project]
        s.asset_progress[rows, a] += 1
        bring_online(c, s, rows, a)
    on, b = _invest_partners(c).take(action, axis=0).nonzero()
    add_influence(s, m[on], actor[on], b, r.invest_influence)


def _invest_partners(c: Compiled) -> BoolArr:
    """[M, A] for each investment: who notices it, the corridor's members or the asset's
    owners other than the investor.  Static, so cached per scenario."""
    cached: BoolArr | None = c.__dict__.get("_invest_partners")
    if cached is None:
        corridor, asset = c.act_corridor, c.act_asset
        cached = (np.where((asset < 0)[:, None], c.member[np.maximum(corridor, 0)],
                           c.asset_owner[np.maximum(asset, 0)] if len(c.assets) else False)
                  & (c.act_actor[:, None] != np.arange(len(c.actors))))
        object.__setattr__(c, "_invest_partners", cached)
    return cached


def _summit(c: Compiled, s: BatchState, m: IntArr, action: IntArr) -> None:
    """Diplomacy: goodwill and a little sway both ways, and a cooler sea."""
    r = c.rules
    p, q = c.act_actor[action], c.act_partner[action]
    add_relations(s, m, p, q, r.summit_relations)
    add_influence(s, m, p, q, r.summit_influence)
    add_influence(s, m, q, p, r.summit_influence)
    add_tension(s, m, -r.summit_tension_relief)
