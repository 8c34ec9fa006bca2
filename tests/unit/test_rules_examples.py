"""docs/rules.md §8 quotes the engine.

The worked examples are what a teacher checks the program against, so their figures must be
what the rules compute now, not what they once did.  Each test plays an example on the first
turn of caspian-2021 (seed 0: the scheduled Dostluk ratification, no card drawn), reads the
figures the rulebook quotes for it by a simple search of its paragraph, and compares them with
the engine's: a rules change that moves a figure fails here until the rulebook says so.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from caspian_tabletop.domain.moves import Move, parse_move
from caspian_tabletop.engine.explain import Delta, Resolution
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.records import EventsRecord
from caspian_tabletop.engine.scoring import term_values
from caspian_tabletop.engine.state import BatchState
from shipped import compiled, scenario

RULES = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
NAME = "caspian-2021"
NUMBER = r"(−?\d+(?:\.\d+)?)"  # as the rulebook writes numbers: a true minus sign
CORRIDOR = 1  # the corridor term's place among the score terms


def example(title: str) -> str:
    """The text of one worked example of §8, from its bold title to the next one, on one line
    (so that a phrase the page wraps is still found)."""
    text = RULES.read_text(encoding="utf-8")
    section = text[text.index("## 8. Worked examples"):]
    start = section.index(f"**{title}.**")
    end = section.find("\n\n**", start)
    return " ".join(section[start:end if end >= 0 else None].split())


def quotes(text: str, pattern: str, *values: float) -> None:
    """The numbers at the `#` marks of `pattern` in `text` are `values`, to the places the
    rulebook gives them."""
    regex = NUMBER.join(re.escape(part) for part in pattern.split("#"))
    found = re.search(regex, text)
    assert found, f"rules.md §8 no longer says {pattern!r}"
    for written, value in zip(found.groups(), values, strict=True):
        places = len(written.partition(".")[2])
        doc = float(written.replace("−", "-"))
        assert abs(doc - value) <= 0.5 * 10.0 ** -places + 1e-9, (
            f"rules.md §8 says {found.group(0)!r}, but the engine computes {value:.4f} "
            f"where it says {written}")


def game(actor: str, seed: int = 0, turn: int = 1) -> Game:
    """A game of caspian-2021 on `turn` with `actor` to move, everyone before it passing."""
    g = Game(scenario(NAME), seed=seed, compiled=compiled(NAME))
    while g.turn < turn or g.to_move != actor:
        g.play(parse_move(f"{g.to_move} pass"))
    return g


def play(notation: str, accept: bool | None = None, force: str | None = None
         ) -> tuple[Game, BatchState, Resolution]:
    """The move played on turn 1 (the partner's own answer unless `accept` is given, the roll
    unless `force` is); returns the game, the state before the move and its explanation."""
    move = parse_move(notation)
    g = game(move.actor)
    before = g.state
    res = g.play(move, accept=accept, force=force, reason_text="worked example" if force else None)
    return g, before, res[0]


def deltas(res: Resolution) -> dict[str, Delta]:
    """A move's changes by key, as the explanation the players see reports them."""
    return {d.key: d for d in res.deltas}


def change(res: Resolution, key: str) -> tuple[float, float]:
    """One figure before and after the move: the rulebook writes each as "before → after"."""
    d = deltas(res)[key]
    return d.before, d.after


def corridor_term(g: Game, state: BatchState, actor: str) -> float:
    """The actor's unweighted corridor term in `state`."""
    return float(term_values(g.compiled, state)[0, g.compiled.actor_index(actor), CORRIDOR])


def test_the_examples_start_from_turn_1_after_dostluk_with_no_card_drawn() -> None:
    g = game("RU")
    text = " ".join(RULES.read_text(encoding="utf-8").split("## 8.")[1].split())
    events = [r for r in g.records if isinstance(r, EventsRecord)]
    assert [(e.scheduled, e.event) for e in events] == [(("dostluk-ratification",), None)]
    ratified = g.explanations[0]
    quotes(text, "AZ–TM relations # → #, AZ→TM # → #", *change(ratified, "relations:AZ:TM"),
           *change(ratified, "influence:AZ:TM"))
    quotes(text, "Tension is # and everyone holds # capital", g.tension, g.capital("AZ"))
    middle = [g.zone_strength(a, "middle") for a in ("RU", "AZ", "KZ", "TM", "IR")]
    south = [g.zone_strength(a, "south") for a in ("IR", "TM")]
    quotes(text, "in the middle: RU #, AZ #, KZ #, TM #, IR #; in the south IR #, TM #.",
           *middle, *south)


def test_trade() -> None:
    text = example("Trade")
    g, before, res = play("AZ trade KZ middle-corridor 0.5")
    assert res.outcome == "accepted" and "An AI Kazakhstan accepts" in text
    quotes(text, "Throughput # → # Mt", *change(res, "throughput:middle-corridor"))
    for pair in ("AZ→KZ", "KZ→AZ", "RU→AZ", "RU→KZ", "IR→AZ", "IR→KZ"):
        source, target = pair.split("→")
        quotes(text, f"{pair} # → #", *change(res, f"influence:{source}:{target}"))
    quotes(text, "AZ–KZ relations # → #", *change(res, "relations:AZ:KZ"))
    quotes(text, "rises from (# + 0.25 × 4.5) / 1.25 / 4.5 = # to (# + 0.25 × 4.5) / 1.25 / 4.5 "
           "= #, worth +# points", 1.15, corridor_term(g, before, "AZ"), 1.65,
           corridor_term(g, g.state, "AZ"), res.shift["AZ"]["corridor"])
    quotes(text, "rises from # to #: +# points at its weight 0.3", corridor_term(g, before, "KZ"),
           corridor_term(g, g.state, "KZ"), res.shift["KZ"]["corridor"])
    quotes(text, "corridor share falls from # to #: −# points", corridor_term(g, before, "RU"),
           corridor_term(g, g.state, "RU"), -res.shift["RU"]["corridor"])


def test_trade_across_a_bridge() -> None:
    text = example("Trade across a bridge")
    g, before, res = play("KZ trade TR middle-corridor 0.5", accept=True)
    for pair in ("KZ→TR", "TR→KZ", "AZ→KZ", "AZ→TR"):
        source, target = pair.split("→")
        quotes(text, f"{pair} # → #", *change(res, f"influence:{source}:{target}"))
    quotes(text, "worth +# points on its influence term", res.shift["AZ"]["influence"])


def test_blockade_odds_and_command() -> None:
    text = example("Blockade")
    g = game("RU")
    move = parse_move("RU blockade middle-corridor middle")
    p = g.preview(move).probability
    assert p is not None
    quotes(text, "Attack: RU #. Defence: AZ # + KZ # = #.", g.zone_strength("RU", "middle"),
           g.zone_strength("AZ", "middle"), g.zone_strength("KZ", "middle"),
           g.zone_strength("AZ", "middle") + g.zone_strength("KZ", "middle"))
    ratio = math.log(g.zone_strength("RU", "middle") / (g.zone_strength("AZ", "middle")
                                                         + g.zone_strength("KZ", "middle")))
    slope = g.compiled.rules.blockade_slope
    quotes(text, "ln(# / #) = #; logit = 0 + # × # = #; p = #. Seed 0 draws # for this roll",
           g.zone_strength("RU", "middle"),
           g.zone_strength("AZ", "middle") + g.zone_strength("KZ", "middle"), ratio, slope,
           ratio, slope * ratio, p, game("RU").play(move)[0].roll or 0.0)
    refusal = game("IR").why_illegal(parse_move("IR blockade middle-corridor middle"))
    assert refusal and f'("{refusal}")' in text


@pytest.mark.parametrize("force", ["success", "failure"])
def test_blockade_outcome_and_wider_reaction(force: str) -> None:
    text = example("Blockade")
    g, before, res = play("RU blockade middle-corridor middle", force=force)
    if force == "success":
        quotes(text, "RU gains 5 over each member: RU→AZ # → #, RU→TR # → #",
               *change(res, "influence:RU:AZ"), *change(res, "influence:RU:TR"))
        quotes(text, "Its capacity falls from # to # Mt", *change(res, "capacity:middle-corridor"))
        quotes(text, "Russia's share rises from # to # (+# points", corridor_term(g, before, "RU"),
               corridor_term(g, g.state, "RU"), res.shift["RU"]["corridor"])
        quotes(text, "hedger, # → # on success", *change(res, "influence:RU:KZ"))
    else:
        quotes(text, "RU→AZ # → #, RU→TR # → #. Relations fall by 12.5: RU–KZ # → #",
               *change(res, "influence:RU:AZ"), *change(res, "influence:RU:TR"),
               *change(res, "relations:RU:KZ"))
        quotes(text, "its share falls from # to # (−# points; −# in all)",
               corridor_term(g, before, "RU"), corridor_term(g, g.state, "RU"),
               -res.shift["RU"]["corridor"], -res.total_shift("RU"))
        quotes(text, "# → # on failure (−4 − 6)", *change(res, "influence:RU:KZ"))
    quotes(text, "RU→TM # → #", *change(res, "influence:RU:TM"))
    quotes(text, "over AZ (# → #), KZ (# → #) and TM (# → #)", *change(res, "influence:TR:AZ"),
           *change(res, "influence:TR:KZ"), *change(res, "influence:TR:TM"))
    quotes(text, "the sea route # → # Mt, the western branch # → #, the eastern # → #",
           *change(res, "throughput:instc-sea"), *change(res, "throughput:instc-west"),
           *change(res, "throughput:instc-east"))


def test_blockade_partner_and_later_position() -> None:
    text = example("Blockade")
    move = parse_move("RU blockade middle-corridor middle IR")
    g = game("RU")
    assert not g.responder(g, move) and "an AI Iran stays out" in text
    offer = g.offer_outcomes(move)
    _, _, res = play(move.notation(), accept=True, force="success")
    assert res.probability is not None
    quotes(text, "Joining would add its #: attack #, p = #", g.zone_strength("IR", "middle"),
           g.zone_strength("RU", "middle") + g.zone_strength("IR", "middle"), res.probability)
    quotes(text, "about # points worse off",
           sum(offer.decline.values()) - sum(offer.accept.values()))
    later = game("RU", seed=7, turn=3)
    assert not any(r.event for r in later.records if isinstance(r, EventsRecord))
    p = later.preview(parse_move("RU blockade middle-corridor middle")).probability
    quotes(text, "Russia has # in the middle zone: p = #", later.zone_strength("RU", "middle"),
           p or 0.0)


def _gains(res: Resolution, source: str) -> list[str]:
    """The actors over whom `source` gained sway in a move, in the scenario's order."""
    return [d.key.split(":")[2] for d in res.deltas
            if d.key.startswith(f"influence:{source}:") and d.change > 0]


def test_drill_watched_states_lead_and_premium() -> None:
    text = example("Drill")
    g, before, res = play("RU drill middle", force="success")
    assert res.probability is not None
    watched = _gains(res, "RU")
    assert watched == ["KZ", "TM"] and "The watched states are KZ and TM" in text
    quotes(text, "Russia's lead is # / # = # over KZ and # / # = # over TM",
           *(x for a in ("KZ", "TM") for x in (
               g.zone_strength("RU", "middle"), g.zone_strength(a, "middle"),
               g.zone_strength("RU", "middle") / g.zone_strength(a, "middle"))))
    premium = sorted(d.key.split(":")[2] for d in res.deltas if d.key.startswith("premium:RU:"))
    assert premium == ["lapis-lazuli", "middle-corridor", "turkmenbashi-baku"]
    assert ("the Middle Corridor, Lapis Lazuli and the Turkmenbashi–Baku ferry, carry Russia's "
            "risk premium") in text
    quotes(text, "p = 1 − `drill_backfire_p` = #", res.probability)
    quotes(text, "*Success*: RU→KZ # → #, RU→TM # → #", *change(res, "influence:RU:KZ"),
           *change(res, "influence:RU:TM"))
    quotes(text, "= #, down from # (−# points)", corridor_term(g, g.state, "AZ"),
           corridor_term(g, before, "AZ"), -res.shift["AZ"]["corridor"])
    _, _, backfire = play("RU drill middle", force="failure")
    assert _gains(backfire, "AZ") == ["KZ", "TM"]
    quotes(text, "AZ→KZ # → #, AZ→TM # → #", *change(backfire, "influence:AZ:KZ"),
           *change(backfire, "influence:AZ:TM"))
    quotes(text, "Russia ends +# points on a success and +# on a backfire",
           res.total_shift("RU"), backfire.total_shift("RU"))


def test_a_deal_signed_under_the_drill_s_premium() -> None:
    text = example("Drill")
    g, _, _ = play("RU drill middle", force="success")
    g.play(parse_move("IR pass"))
    [res] = g.play(parse_move("AZ trade KZ middle-corridor 0.5"), accept=True)
    deters = g.compiled.rules.premium_deters
    risk = g.compiled.rules.risk_premium
    assert deters is not None
    signed = 0.5 * (1 - deters * risk)
    quotes(text, "signed for 0.5 × (1 − # × #) = # Mt/yr", deters, risk, signed)
    quotes(text, "throughput # → #", *change(res, "throughput:middle-corridor"))
    gain = change(res, "influence:AZ:KZ")
    assert change(res, "influence:KZ:AZ")[1] - change(res, "influence:KZ:AZ")[0] == (
        gain[1] - gain[0])
    loss = change(res, "influence:RU:AZ")
    quotes(text, "AZ→KZ and KZ→AZ +# each", gain[1] - gain[0])
    quotes(text, "Russia and Iran −# over each party", loss[0] - loss[1])
    assert f"middle-corridor 0.5 (signed {res.inputs['signed']}): accepted" in text


def test_drill_sway_follows_the_naval_lead() -> None:
    text = example("Drill")
    g, _, res = play("IR drill south", force="success")
    assert _gains(res, "IR") == ["TM"] and "The watched state is TM alone" in text
    lead = g.zone_strength("IR", "south") / g.zone_strength("TM", "south")
    quotes(text, "Iran's lead is # / # = #, so it earns (# − 1) / (3 − 1) = #",
           g.zone_strength("IR", "south"), g.zone_strength("TM", "south"), lead, lead,
           (lead - 1) / (g.compiled.rules.drill_lead_full - 1))
    quotes(text, "full amount: IR→TM # → #", *change(res, "influence:IR:TM"))


def _revenue_after_turn(move: Move | None, accept: bool | None) -> dict[str, float]:
    """Everyone's revenue at the upkeep of turn 1, after `move` (or a pass) and passes."""
    g = game("RU")
    if move is not None:
        g.play(move, accept=accept)
    while g.turn == 1:
        g.play(parse_move(f"{g.to_move} pass"))
    return {a: g.revenue(a) for a in ("RU", "AZ", "KZ", "TR")}


def accepted(title: str, notation: str, says: str) -> tuple[str, Game, Move, Resolution]:
    """An example whose partner an AI seat would let say yes, as the rulebook `says`: its
    text, the game before the move, the move, and the move played with a yes."""
    text = example(title)
    move = parse_move(notation)
    g = game(move.actor)
    assert g.responder(g, move) and says in text
    _, _, res = play(notation, accept=True)
    return text, g, move, res


def test_demand_accepted_and_refused() -> None:
    text, g, move, yes = accepted("Demand", "RU demand KZ middle-corridor",
                                  "An AI Kazakhstan accepts")
    quotes(text, "RU→KZ # → # (`demand_influence`); tension # → #",
           *change(yes, "influence:RU:KZ"), *change(yes, "tension"))
    plain, staked = _revenue_after_turn(None, None), _revenue_after_turn(move, True)
    members = ("AZ", "KZ", "TR")
    fees = g.throughput("middle-corridor") * g.compiled.rules.revenue_per_mt
    quotes(text, "the route pays # × # = # in fees", g.throughput("middle-corridor"),
           g.compiled.rules.revenue_per_mt, fees)
    lost = {a: plain[a] - staked[a] for a in members}  # each member's share of the stake
    assert lost["AZ"] == pytest.approx(lost["KZ"]) == pytest.approx(lost["TR"])
    quotes(text, "RU takes `stake_share` of it, #, and AZ, KZ and TR each get # instead of #",
           staked["RU"] - plain["RU"], fees / len(members) - lost["KZ"], fees / len(members))
    _, _, no = play(move.notation(), accept=False)
    quotes(text, "tension # → # (`demand_tension_refused`", *change(no, "tension"))
    quotes(text, "RU–KZ relations # → #", *change(no, "relations:RU:KZ"))


def test_summit() -> None:
    text, _, _, res = accepted("Summit", "AZ summit TM", "an AI Turkmenistan accepts")
    quotes(text, "AZ–TM relations # → #", *change(res, "relations:AZ:TM"))
    quotes(text, "AZ→TM # → #, TM→AZ # → #", *change(res, "influence:AZ:TM"),
           *change(res, "influence:TM:AZ"))
    quotes(text, "tension # → #", *change(res, "tension"))
