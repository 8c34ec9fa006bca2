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

from caspian_tabletop.engine.arrays import BoolArr, FloatArr, IntArr
from caspian_tabletop.engine.assets import stage_done
from caspian_tabletop.engine.compiled import (
    BLOCKADE,
    DEMAND,
    DRILL,
    INVEST,
    ORIENT_HEDGE,
    SUMMIT,
    TRADE,
    Compiled,
)
from caspian_tabletop.engine.effects import (
    add_influence,
    add_relations,
    add_tension,
    check_clash,
    cut_capacity,
)
from caspian_tabletop.engine.legality import is_legal
from caspian_tabletop.engine.navy import present as present_in
from caspian_tabletop.engine.navy import zone_strength as zone_strength_in
from caspian_tabletop.engine.rowwise import sum_last
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import kept_away

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


def zone_strengths(c: Compiled, s: BatchState, rows: IntArr, zone: IntArr) -> FloatArr:
    """[n, A] every actor's naval strength now in `zone[i]` in game `rows[i]`."""
    return np.asarray(zone_strength_in(c, s, rows)[np.arange(rows.size), :, zone])


def _drilled(c: Compiled, s: BatchState, rows: IntArr, zone: IntArr) -> BoolArr:
    """[n, A] whose forces carry a drill bonus in `zone[i]` in game `rows[i]`."""
    n_a, n_z = len(c.actors), len(c.zones)
    cell = (rows * n_a * n_z + zone)[:, None] + np.arange(n_a) * n_z
    return np.asarray(s.drill.reshape(-1).take(cell) > 0)


def _one_hot(n_a: int, who: IntArr) -> BoolArr:
    """[n, A] True at `who[i]` in row i (nowhere where `who[i]` is -1)."""
    out = np.zeros((who.size, n_a), dtype=bool)
    some = np.flatnonzero(who >= 0)
    out[some, who[some]] = True
    return out


def blockade_odds(c: Compiled, s: BatchState, rows: IntArr, actor: IntArr, partner: IntArr,
                  corridor: IntArr, zone: IntArr) -> tuple[FloatArr, FloatArr, FloatArr, FloatArr]:
    """Success probability of a blockade: logistic in the log strength ratio in the zone.

    The attack is the blockader's zone strength plus that of a partner who agreed to join
    (`partner[i]`, -1 for none); the defence is that of the corridor's own littoral members
    present in the zone.  Nobody else is drawn in.  Drilled forces count with the drill
    bonus.
    """
    r = c.rules
    here = np.arange(rows.size)
    present = present_in(c, s, rows)[here, :, zone]  # [n, A]
    zone_strength = zone_strength_in(c, s, rows)[here, :, zone]  # [n, A]
    drilled = _drilled(c, s, rows, zone)
    effective = zone_strength * (1.0 + r.drill_bonus * drilled)
    attackers = _one_hot(len(c.actors), actor) | _one_hot(len(c.actors), partner)
    defenders = c.littoral & present & c.member.take(corridor, axis=0)
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

    `accept[b]` is the partner's answer where the move asks one (`Compiled.act_asks`): a
    trade or a summit declined changes nothing and costs nothing; a drill or a blockade goes
    ahead without a partner who stays out; a demand has consequences either way.
    `legal` is `is_legal(c, s, action)` when the caller has just found it (the outlook, which
    resolves only legal candidates), so that it is not checked twice.
    """
    n_b = s.size
    forced = np.full(n_b, NO_FORCE, dtype=np.int64) if forced is None else forced
    rows = np.arange(n_b)
    ok = is_legal(c, s, action) if legal is None else legal
    kind = c.act_kind[action]
    actor = c.act_actor[action]
    asks = c.act_asks[action]
    yes = accept | ~asks  # a move that asks nobody goes ahead as given
    accepted = ok & asks & accept
    takes_effect = ok & (yes | ((kind != TRADE) & (kind != SUMMIT)))
    slot = rows * len(c.actors) + actor
    s.acted.reshape(-1)[slot[ok]] = True
    paid = slot[takes_effect]
    s.capital.reshape(-1)[paid] -= c.kind_cost[kind[takes_effect]]

    probability, attack, defence, bonus = np.full((4, n_b), np.nan)
    success = np.zeros(n_b, dtype=bool)

    # Only the kinds that occur are looked for (batches often hold one kind).
    present = np.bincount(kind[ok], minlength=len(c.kind_cost))
    if present[TRADE]:
        m = rows[ok & (kind == TRADE) & yes]
        _trade(c, s, m, action[m])
    if present[DRILL]:
        m = rows[ok & (kind == DRILL)]
        p = np.full(m.size, 1.0 - c.rules.drill_backfire_p)
        won = _decide(p, roll[m], forced[m])
        probability[m], success[m] = p, won
        _drill(c, s, m, action[m], won, _joined(c, action[m], yes[m]))
    if present[BLOCKADE]:
        m = rows[ok & (kind == BLOCKADE)]
        partner = _joined(c, action[m], yes[m])
        p, att, dfn, bon = blockade_odds(c, s, m, actor[m], partner, c.act_corridor[action[m]],
                                         c.act_zone[action[m]])
        won = _decide(p, roll[m], forced[m])
        probability[m], success[m], attack[m], defence[m], bonus[m] = p, won, att, dfn, bon
        _blockade(c, s, m, action[m], partner, won)
    if present[INVEST]:
        m = rows[ok & (kind == INVEST)]
        _invest(c, s, m, action[m])
    if present[SUMMIT]:
        m = rows[ok & (kind == SUMMIT) & yes]
        _summit(c, s, m, action[m])
    if present[DEMAND]:
        m = rows[ok & (kind == DEMAND)]
        _demand(c, s, m, action[m], yes[m])
    check_clash(c, s)
    return Outcome(legal=ok, accepted=accepted, probability=probability, success=success,
                   attack=attack, defence=defence, attack_bonus=bonus)


def _joined(c: Compiled, action: IntArr, yes: BoolArr) -> IntArr:
    """The partner of each drill or blockade who agreed to take part, else -1."""
    return np.where(yes, c.act_partner[action], -1)


def _kin_factor(c: Compiled, p: IntArr, q: IntArr) -> FloatArr:
    """1 + `kinship_bonus` for pairs of one kin group, else 1."""
    return np.asarray(1.0 + c.rules.kinship_bonus * c.kin_pair[p, q], dtype=np.float64)


def _trade(c: Compiled, s: BatchState, m: IntArr, action: IntArr) -> None:
    """Throughput rises within capacity; the parties gain sway and goodwill; rivals lose sway;
    the members it crosses between the parties gain sway as its bridge, and those it goes on
    to beyond them as its destination; the proposer's deal is recorded."""
    r = c.rules
    p, q, k = c.act_actor[action], c.act_partner[action], c.act_corridor[action]
    volume = signed_volume(c, s, m, action)
    route = m * len(c.corridors) + k
    carried = s.throughput.reshape(-1)
    carried[route] = np.minimum(carried[route] + volume, s.capacity.reshape(-1)[route])
    s.traded[m, p, k] += volume
    gain = r.trade_influence_per_mt * volume * _kin_factor(c, p, q)
    add_relations(s, m, p, q, r.trade_relations_per_mt * volume)
    add_influence(s, m, p, q, gain)
    add_influence(s, m, q, p, gain)
    hit, rival = _trade_rivals(c).take(action, axis=0).nonzero()
    loss = -r.bypass_influence_per_mt * volume[hit]
    add_influence(s, m[hit], rival, p[hit], loss)
    add_influence(s, m[hit], rival, q[hit], loss)
    for rate, members in ((r.transit_influence_per_mt, c.act_bridge),
                          (r.onward_influence_per_mt, c.act_onward)):
        if rate:
            hit, member = members.take(action, axis=0).nonzero()
            for party in (p[hit], q[hit]):
                add_influence(s, m[hit], member, party,
                              rate * volume[hit] * _kin_factor(c, member, party))


def signed_volume(c: Compiled, s: BatchState, m: IntArr, action: IntArr) -> FloatArr:
    """The Mt/yr each trade `action[i]` in game `m[i]` commits: its volume, less
    `premium_deters` of the share the risk premiums standing on its route keep away, since
    shippers sign for less on a route they are wary of, and what they did not sign stays
    unsigned once the premium lifts."""
    volume: FloatArr = c.act_volume[action]
    if c.rules.premium_deters and s.premium.any():
        signalling = (s.premium[m, :, c.act_corridor[action]] > 0).sum(axis=1)
        volume = volume * (1.0 - c.rules.premium_deters * kept_away(c, signalling))
    return volume


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


def _drill(c: Compiled, s: BatchState, m: IntArr, action: IntArr, won: BoolArr,
           partner: IntArr) -> None:
    """A signal with a price: tension, a drill bonus, a risk premium on the routes that bypass
    the drilling side and cross the zone by sea, and sway over the hedging states present
    there, the more the larger the drilling side's naval lead over each.

    On a backfire (a failed roll) the hedgers lean the other way instead: the drilling side
    loses sway over them, and the states of the other orientation gain it.
    """
    r = c.rules
    n_a, n_z = len(c.actors), len(c.zones)
    leader, zone = c.act_actor[action], c.act_zone[action]
    joined = partner >= 0
    add_tension(s, m, r.drill_tension)
    s.escalation.reshape(-1)[m * n_a + leader] += r.drill_tension
    drill = s.drill.reshape(-1)
    drill[(m * n_a + leader) * n_z + zone] = r.drill_turns
    drill[((m * n_a + partner) * n_z + zone)[joined]] = r.drill_turns
    bypassing = c.sea_zone.T.take(zone, axis=0) & c.rival.T.take(leader, axis=0)  # [n, C]
    hit, route = np.nonzero(bypassing)
    _raise_premium(s, m[hit], leader[hit], route, r.premium_turns)
    strength = zone_strengths(c, s, m, zone)  # [n, A]
    side = _one_hot(n_a, leader) | _one_hot(n_a, partner)
    here = present_in(c, s, m)[np.arange(m.size), :, zone]  # [n, A]
    watched = (c.orientation == ORIENT_HEDGE) & ~side & here
    lead = sum_last(strength * side)[:, None] / np.maximum(strength, 1e-9)
    weight = np.clip((lead - 1.0) / (r.drill_lead_full - 1.0), 0.0, 1.0) * watched
    row, source, target = np.nonzero(side[:, :, None] & watched[:, None, :] & won[:, None, None])
    add_influence(s, m[row], source, target, r.drill_influence * weight[row, target])
    other = ((c.orientation != ORIENT_HEDGE)[None, :]
             & (c.orientation[None, :] != c.orientation[leader][:, None]) & ~side)  # [n, A]
    row, source, target = np.nonzero((side | other)[:, :, None] & watched[:, None, :]
                                     & ~won[:, None, None])
    add_influence(s, m[row], source, target,
                  np.where(side[row, source], -r.drill_backfire_influence,
                           r.drill_backfire_influence))


def _raise_premium(s: BatchState, m: IntArr, source: IntArr, route: IntArr, turns: int
                   ) -> None:
    """At least `turns` of `source`'s risk premium on `route` in games `m`: a state that shows
    force again renews its own premium, and another state's stands beside it."""
    n_a, n_c = s.premium.shape[1:]
    cells = (m * n_a + source) * n_c + route
    premium = s.premium.reshape(-1)
    premium[cells] = np.maximum(premium.take(cells), turns)


def _blockade(c: Compiled, s: BatchState, m: IntArr, action: IntArr, partner: IntArr,
              won: BoolArr) -> None:
    """Force at sea: success closes the corridor, scares part of its shipping away for good and
    coerces its members; failure costs prestige.  Either way the wider world reacts: the
    blockading side loses sway over every hedging state, the corridor's members from beyond
    the sea gain sway over its littoral members and the hedgers, and the blockading side's
    own routes carry a risk premium (insurers and trading partners respond) and lose
    `blockade_backlash` of their trade for good (shippers move to routes they trust).  A
    claimant whose demand for a stake in the route was refused pays `grievance_cost_factor`
    of the sway costs."""
    r = c.rules
    n_a, n_c = len(c.actors), len(c.corridors)
    actor, corridor = c.act_actor[action], c.act_corridor[action]
    members = c.member.take(corridor, axis=0)  # [n, A]
    side = _one_hot(n_a, actor) | _one_hot(n_a, partner)
    tension = np.where(won, r.blockade_tension_success, r.blockade_tension_failure)
    add_tension(s, m, tension)
    s.escalation.reshape(-1)[m * n_a + actor] += tension
    s.blocked.reshape(-1)[(m * n_c + corridor)[won]] = r.blockade_turns
    cut_capacity(s, m[won], corridor[won], r.blockade_capacity_loss)
    influence = np.where(won, r.blockade_influence_gain, -r.blockade_prestige_loss)
    relations = np.where(won, -r.blockade_relations_drop, -r.blockade_relations_drop / 2.0)
    row, source, target = np.nonzero(side[:, :, None] & members[:, None, :])
    add_influence(s, m[row], source, target, influence[row])
    add_relations(s, m[row], source, target, relations[row])
    grieved = s.grievance.reshape(-1).take((m * n_a + actor) * n_c + corridor) > 0
    factor = np.where(grieved, r.grievance_cost_factor, 1.0)
    hedgers = (c.orientation == ORIENT_HEDGE) & ~side  # [n, A]
    row, source, target = np.nonzero(side[:, :, None] & hedgers[:, None, :])
    add_influence(s, m[row], source, target, -r.blockade_hedger_loss * factor[row])
    patrons = members & ~c.littoral & ~side
    protected = ((members & c.littoral) | hedgers) & ~side
    row, source, target = np.nonzero(patrons[:, :, None] & protected[:, None, :]
                                     & ~np.eye(n_a, dtype=bool))
    add_influence(s, m[row], source, target, r.blockade_patron_gain * factor[row])
    if r.blockade_trade_turns or r.blockade_backlash:
        own = c.member.T.take(actor, axis=0) | (
            c.member.T.take(np.maximum(partner, 0), axis=0) & (partner >= 0)[:, None])
        row, route = np.nonzero(own)
        if r.blockade_trade_turns:
            _raise_premium(s, m[row], actor[row], route, r.blockade_trade_turns)
        if r.blockade_backlash:
            s.throughput[m[row], route] *= 1.0 - r.blockade_backlash


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
        stage_done(c, s, m[project], asset[project])
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
    """Diplomacy the guest agreed to: goodwill and a little sway both ways (more between
    kin), and a cooler sea."""
    r = c.rules
    p, q = c.act_actor[action], c.act_partner[action]
    gain = r.summit_influence * _kin_factor(c, p, q)
    add_relations(s, m, p, q, r.summit_relations)
    add_influence(s, m, p, q, gain)
    add_influence(s, m, q, p, gain)
    add_tension(s, m, -r.summit_tension_relief)


def _demand(c: Compiled, s: BatchState, m: IntArr, action: IntArr, yes: BoolArr) -> None:
    """A littoral state's claim to a say in a route that bypasses it.  Accepted: a stake in the
    route's revenue for some turns, sway over the member asked, and a calmer sea.  Refused:
    tension (the claimant's escalation), cooler relations, and a grievance that makes a
    blockade of the route cheaper for the claimant in politics for some turns."""
    r = c.rules
    n_a, n_c = len(c.actors), len(c.corridors)
    actor, partner, corridor = c.act_actor[action], c.act_partner[action], c.act_corridor[action]
    cell = (m * n_a + actor) * n_c + corridor
    took = np.flatnonzero(yes)
    s.stake.reshape(-1)[cell[took]] = r.stake_turns
    add_influence(s, m[took], actor[took], partner[took], r.demand_influence)
    add_tension(s, m[took], -r.demand_tension_relief)
    refused = np.flatnonzero(~yes)
    add_tension(s, m[refused], r.demand_tension_refused)
    s.escalation.reshape(-1)[m[refused] * n_a + actor[refused]] += r.demand_tension_refused
    add_relations(s, m[refused], actor[refused], partner[refused], -r.demand_relations_refused)
    s.grievance.reshape(-1)[cell[refused]] = r.grievance_turns
