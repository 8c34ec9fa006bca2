"""A neutral state (actors.X.neutral; docs/rules.md, Neutral states) joins no bloc and takes
no part in pressure: it makes no drill, blockade or demand, and no state may ask it to join a
drill or a blockade.  In caspian-2021 that is Turkmenistan; a scenario that leaves the
status out keeps every such move."""

from __future__ import annotations

import numpy as np
import pytest

from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.compiled import BLOCKADE, DEMAND, DRILL, Compiled, compile_scenario
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.legality import Why, check, reason, static_legal
from caspian_tabletop.engine.state import initial_state
from caspian_tabletop.replay.fingerprint import scenario_hash
from shipped import compiled, scenario, without_neutrality

PRESSURE = (DRILL, BLOCKADE, DEMAND)


def opening(c: Compiled) -> Game:
    # Simultaneous orders: every actor may give its order now, so only the rules speak.
    return Game(c.scenario, seed=1, order="simultaneous", compiled=c)


def test_turkmenistan_is_the_neutral_state() -> None:
    c = compiled("caspian-2021")
    assert [a for a, flag in zip(c.actors, c.neutral, strict=True) if flag] == ["TM"]


@pytest.mark.parametrize(("text", "why"), [
    ("TM drill middle",
     "TM is neutral: it joins no bloc and takes no part in pressure, so it makes no drill"),
    ("TM blockade instc-sea south",
     "TM is neutral: it joins no bloc and takes no part in pressure, so it makes no blockade"),
    ("RU drill middle TM", "TM is neutral: it joins no bloc and will not join RU's drill"),
    ("IR drill south TM", "TM is neutral: it joins no bloc and will not join IR's drill"),
    ("RU blockade lapis-lazuli middle TM",
     "TM is neutral: it joins no bloc and will not join RU's blockade"),
])
def test_a_neutral_state_neither_makes_nor_joins_a_show_of_force(text: str, why: str) -> None:
    assert opening(compiled("caspian-2021")).why_illegal(parse_move(text)) == why


def test_a_neutral_state_makes_no_demand() -> None:
    """Turkmenistan is a member of no route a demand could name and outguns no one, so its
    demands fail for other reasons too: the status is the first reason given."""
    c = compiled("caspian-2021")
    tm = c.actors.index("TM")
    demands = np.flatnonzero((c.act_kind == DEMAND) & (c.act_actor == tm))
    assert demands.size
    codes = check(c, initial_state(c, 1), demands[None, :])[0]
    assert set(codes.tolist()) == {Why.NEUTRAL}
    assert reason(c, initial_state(c, 1), int(demands[0])) == (
        "TM is neutral: it joins no bloc and takes no part in pressure, so it makes no demand")


def test_no_drill_blockade_or_demand_by_or_with_turkmenistan_is_ever_legal() -> None:
    """The static table, which every bot, the TUI's builder and the briefing read.  The
    status binds Turkmenistan, not the others: a claimant may still demand a say of it."""
    c = compiled("caspian-2021")
    tm = c.actors.index("TM")
    pressure = np.isin(c.act_kind, PRESSURE)
    naval = np.isin(c.act_kind, (DRILL, BLOCKADE))
    involved = (c.act_actor == tm) | (naval & (c.act_partner == tm))
    assert not static_legal(c)[pressure & involved].any()
    assert static_legal(c)[pressure & ~involved].any()
    asked = static_legal(c) & (c.act_kind == DEMAND) & (c.act_partner == tm)
    assert asked.any()


def test_without_the_status_the_same_moves_are_open() -> None:
    c = compile_scenario(without_neutrality())
    assert not c.neutral.any()
    game = opening(c)
    assert game.why_illegal(parse_move("TM drill middle")) is None
    assert game.why_illegal(parse_move("RU drill middle TM")) is None
    tm = c.actors.index("TM")
    pressure = np.isin(c.act_kind, PRESSURE)
    assert static_legal(c)[pressure & ((c.act_actor == tm) | (c.act_partner == tm))].any()


def test_the_status_is_part_of_the_scenario_hash_only_when_set() -> None:
    """Saves of a scenario without the field keep their hash; setting it is a new scenario."""
    with_status = scenario("caspian-2021")
    assert scenario_hash(with_status) != scenario_hash(without_neutrality())
    assert "neutral" not in without_neutrality().actors["TM"].model_dump(exclude_none=True)


def test_bots_never_offer_turkmenistan_a_place_in_a_drill() -> None:
    """The legal list the bots and the move builder choose from at the opening."""
    game = opening(compiled("caspian-2021"))
    for actor in ("RU", "IR", "AZ", "KZ"):
        offers = [m for m in game.legal_moves(actor) if m.partner == "TM"]
        assert all(m.kind.value not in ("drill", "blockade") for m in offers)
    assert {m.kind.value for m in game.legal_moves("TM")} == {"trade", "invest", "summit",
                                                               "pass"}
