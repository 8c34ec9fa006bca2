"""The advisor: the best few moves for an actor, with their worth, odds and a plain reason.

Moves are ranked by the same one-step outlook the normal bot plays by: the expected change
in the actor's end-of-turn score compared with passing (over success and failure where chance
is involved; a trade the partner would refuse is worth a pass), with a seat's routes judged
by volume as the other seats' deals are expected to fill them (`foresight`), and without
what will lift before the last quarter (`lasting`).  The reason names the largest score
terms behind that figure, and which target or corridor moves them, and says when what the
move puts in place (a risk premium, a blockade, a stake) lifts before the final score reads
the sea: the figure then counts only what of the move lasts; and, on the turn before the
last, when a deal only takes room the seat's own last deal would fill.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from caspian_tabletop.ai.foresight import forecast, looks_ahead, too_late
from caspian_tabletop.ai.outlook import root_outlook
from caspian_tabletop.domain.figures import figure, tenths
from caspian_tabletop.domain.moves import Move, MoveKind
from caspian_tabletop.engine.compiled import INVEST, TRADE, Compiled
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.lasting import lifting_turn
from caspian_tabletop.engine.resolve import FORCE_SUCCESS, resolve
from caspian_tabletop.engine.scoring import SCORE_TERMS, influence_shares
from caspian_tabletop.engine.state import BatchState
from caspian_tabletop.engine.upkeep import open_throughput

NOTICEABLE = 0.05  # points; smaller term changes are not worth mentioning
MINUS = "\u2212"
Labels = dict[str, tuple[tuple[str, str], str]]  # term: ((verb, object) of a gain, loss)


@dataclass(frozen=True)
class Advice:
    move: Move
    expected: float  # expected change in the actor's score (points)
    probability: float | None  # chance of success, where chance is involved
    accepted: bool | None  # for a trade: whether the partner would accept
    terms: dict[str, float]  # expected change per score term
    reason: str


def advise(game: Game, actor: str, n: int = 3) -> list[Advice]:
    """The actor's `n` best legal moves now, best first (none if it cannot move)."""
    c = game.compiled
    a = c.actor_index(actor)
    view = root_outlook(c, game.state, a)
    order = np.argsort(-view.value, kind="stable")[:max(n, 0)]
    out = []
    for i in order:
        action = int(view.actions[i])
        move = c.move_of(action)
        terms = {t: float(v) for t, v in zip(SCORE_TERMS, view.expected[i], strict=True)}
        accepted = bool(view.accepted[i]) if move.kind is MoveKind.TRADE else None
        out.append(Advice(
            move=move, expected=float(view.value[i]),
            probability=float(view.probability[i]) if view.chance[i] else None,
            accepted=accepted, terms=terms,
            reason=_reason(c, game.state, a, action, move, terms, accepted)))
    return out


def _signed(value: float) -> str:
    return tenths(value, signed=True).replace("-", MINUS)


def _reason(c: Compiled, st: BatchState, actor: int, action: int, move: Move,
            terms: dict[str, float], accepted: bool | None) -> str:
    if move.kind is MoveKind.PASS:
        return "changes nothing now and keeps your capital for a later turn"
    if accepted is False:
        return f"{move.partner} would decline: the deal would cost it points"
    after, _ = resolve(c, st, np.array([action]), np.array([0.5]), np.array([True]),
                       np.array([FORCE_SUCCESS]))
    labels = _labels(c, st, after, actor, action)
    items = sorted(((v, t) for t, v in terms.items() if abs(v) >= NOTICEABLE),
                   key=lambda item: -abs(item[0]))
    gains = [(*labels[t][0], v) for v, t in items if v > 0][:2]
    losses = [f"{labels[t][1]} {_signed(v)}" for v, t in items if v < 0][:1]
    lapse = _lapse(c, st, after, actor) or _waiting(c, st, actor, action, terms)
    if not gains and not losses:
        if move.kind is MoveKind.INVEST:
            return "no score change this turn; it pays off in later turns"
        return "; ".join(filter(None, ["hardly changes your score this turn", lapse]))
    phrases = []
    for i, (verb, what, v) in enumerate(gains):
        same_verb = i > 0 and gains[i - 1][0] == verb
        phrases.append(f"{what if same_verb else f'{verb} {what}'} ({_signed(v)})")
    return "; ".join(filter(None, [" and ".join(phrases), *losses, lapse]))


def _lapse(c: Compiled, st: BatchState, after: BatchState, actor: int) -> str:
    """When what the move puts in place lifts before the final score reads the sea, say so.

    A blockade, a risk premium or a stake still in force in the last turn counts (the final
    score reads the last quarter's sea); one that lifts earlier (`lasting.lifting_turn`)
    leaves the score at the end only the move's lasting effects."""
    placed = (("the blockade", after.blocked[0], st.blocked[0]),
              ("its risk premium", after.premium[0], st.premium[0]),
              ("your stake", after.stake[0, actor], st.stake[0, actor]))
    for what, now, before in placed:
        new = now > before
        if new.any():
            lifts = int(lifting_turn(st.turn[:1], now[new].max(keepdims=True))[0])
            if lifts >= c.turns:
                return ""
            lapse = (f"{what} lifts at the end of {c.scenario.calendar.label(lifts)}, before "
                     "the final score")
            if what == "its risk premium" and c.rules.premium_deters:
                lapse += ", but deals signed under it stay smaller"
            return lapse
    return ""


def _waiting(c: Compiled, st: BatchState, actor: int, action: int,
             terms: dict[str, float]) -> str:
    """Where the forecast counts on the seat's own deal on the last turn (`foresight`), and
    a deal now only takes room that one would fill, say why it carries nothing more by the
    end."""
    route = int(c.act_corridor[action])
    if (c.act_kind[action] == TRADE and looks_ahead(c, actor)
            and forecast(c, st, actor).last_deal[0, route] > 0
            and terms["corridor"] < NOTICEABLE):
        return "no more trade by the end: your own deal next turn, the last, can take this room"
    return ""


def _too_late(c: Compiled, st: BatchState, action: int) -> bool:
    """Whether capacity ordered by `action` arrives after the upkeep before the last turn,
    when no deal can use it any more (`foresight.usable_capacity`)."""
    slot = np.array(c.rules.invest_delay - 1, dtype=np.int64)
    turns_left = np.array(c.turns - st.turn[0], dtype=np.float64)
    return bool(c.act_kind[action] == INVEST and c.act_asset[action] < 0
                and too_late(slot, turns_left))


def _labels(c: Compiled, st: BatchState, after: BatchState, actor: int, action: int) -> Labels:
    """Words for each term's gain and loss, naming the target and corridor most affected."""
    share = (influence_shares(after) - influence_shares(st))[0, actor] * c.targets[actor]
    flow = (open_throughput(c, after) - open_throughput(c, st))[0]
    target = c.actors[int(np.argmax(np.abs(share)))]
    moved = int(np.argmax(np.abs(flow)))
    built = int(c.act_corridor[action])
    if not flow.any() and built >= 0:  # capacity: worth what the route is expected to carry
        route = c.scenario.corridors[c.corridors[built]].name.split(" (")[0]
        trade = (f"the credit for capacity under way on {route}, which arrives too late for "
                 "any deal" if _too_late(c, st, action) else
                 f"the trade {route} can carry by the game's end")
    else:
        corridor = c.scenario.corridors[c.corridors[moved]].name.split(" (")[0]
        trade = f"your share of Caspian trade ({corridor} {figure(flow[moved], '.2g', True)} Mt)"
    return {
        "influence": (("raises", f"your influence over {target}"),
                      f"influence over {target} costs"),
        "corridor": (("raises", trade), f"{trade} costs"),
        "autonomy": (("raises", "your autonomy from any one patron"), "autonomy costs"),
        "revenue": (("raises", "your revenue"), "revenue costs"),
        "tension": (("eases", "tension"), "tension costs"),
        "clash": (("lowers", "the risk of armed clash"), "the risk of armed clash costs"),
    }
