"""A trade's bridge and destination: the members a route crosses between the two parties
(`transit_influence_per_mt`), and those listed after both, where the cargo goes on to
(`onward_influence_per_mt`), gain sway over both; read from the order of the corridor's
members along it, from where its cargo sets out to where it is bound."""

from __future__ import annotations

import pytest

from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.game import Game
from caspian_tabletop.scenario.schema import Scenario
from shipped import compiled, scenario

NAME = "caspian-2021"


def traded(notation: str, sc: Scenario | None = None) -> dict[str, float]:
    """Every influence that `notation`, accepted on turn 1 (everyone before its actor
    passing), moves, as the game's preview of the move reports it: 'AZ→KZ': change."""
    move = parse_move(notation)
    sc = sc or scenario(NAME)
    g = Game(sc, seed=0, compiled=compiled(NAME) if sc is scenario(NAME) else None)
    while g.to_move != move.actor:
        g.play(parse_move(f"{g.to_move} pass"))
    deltas = g.preview(move).success.deltas
    return {"→".join(d.key.split(":")[1:]): round(d.after - d.before, 9)
            for d in deltas if d.key.startswith("influence:")}


def test_a_kazakh_cargo_for_turkey_builds_bakus_sway_over_both() -> None:
    rules = scenario(NAME).rules
    transit = rules.transit_influence_per_mt
    assert transit
    changed = traded("KZ trade TR middle-corridor 0.5")
    kin = 1 + rules.kinship_bonus  # Azerbaijan, Kazakhstan and Turkey are all Turkic
    assert changed["AZ→KZ"] == pytest.approx(transit * 0.5 * kin)
    assert changed["AZ→TR"] == pytest.approx(transit * 0.5 * kin)
    # Nobody else is crossed: only the parties' own gains and the rivals' losses remain.
    bridges = {pair for pair in changed if pair.split("→")[0] not in ("KZ", "TR", "RU", "IR")}
    assert bridges == {"AZ→KZ", "AZ→TR"}


def test_an_afghan_cargo_on_lapis_lazuli_crosses_turkmenistan_and_azerbaijan() -> None:
    rules = scenario(NAME).rules
    transit = rules.transit_influence_per_mt
    assert transit
    changed = traded("AF trade TR lapis-lazuli 0.25")
    kin = 1 + rules.kinship_bonus
    for bridge in ("TM", "AZ"):
        assert changed[f"{bridge}→AF"] == pytest.approx(transit * 0.25)  # not kin
        assert changed[f"{bridge}→TR"] == pytest.approx(transit * 0.25 * kin)


@pytest.mark.parametrize(("notation", "onward"), [
    ("AZ trade KZ middle-corridor 0.5", {"TR"}),
    ("TM trade AZ turkmenbashi-baku 0.5", {"TR"}),
    ("AF trade TM lapis-lazuli 0.25", {"AZ", "TR"}),
    ("AZ trade TR middle-corridor 0.5", set()),
])
def test_neighbours_on_a_route_cross_no_one_but_their_cargo_goes_on(
        notation: str, onward: set[str]) -> None:
    """Between neighbours there is no bridge; only the states after both gain, at the
    onward rate (kin counted)."""
    rules = scenario(NAME).rules
    rate = rules.onward_influence_per_mt
    assert rate
    move = parse_move(notation)
    parties = {move.actor, str(move.partner)}
    rivals = {"RU", "IR"}  # who lose sway over the parties of any east–west deal
    changed = traded(notation)
    movers = {pair.split("→")[0] for pair in changed}
    assert movers - parties - rivals == onward
    turkic = {"AZ", "KZ", "TM", "TR"}
    for member in onward:
        for party in parties:
            kin = 1 + rules.kinship_bonus if {member, party} <= turkic else 1
            assert changed[f"{member}→{party}"] == pytest.approx(rate * move.volume * kin)


def test_a_kazakh_cargo_handed_over_at_baku_builds_ankaras_sway_behind_bakus() -> None:
    """The article's gateway: Baku gains as the bridge on the way to Turkey, and Turkey, the
    route's destination, gains from a deal that ends at Baku."""
    rules = scenario(NAME).rules
    assert rules.transit_influence_per_mt and rules.onward_influence_per_mt
    to_baku = traded("KZ trade AZ middle-corridor 1")
    kin = 1 + rules.kinship_bonus
    assert to_baku["TR→KZ"] == pytest.approx(rules.onward_influence_per_mt * kin)
    assert rules.onward_influence_per_mt < rules.transit_influence_per_mt  # behind Baku


@pytest.mark.parametrize(("rule", "notation", "gainer", "parties"), [
    ("transit_influence_per_mt", "KZ trade TR middle-corridor 0.5", "AZ", ("KZ", "TR")),
    ("onward_influence_per_mt", "KZ trade AZ middle-corridor 0.5", "TR", ("KZ", "AZ")),
])
def test_without_its_rule_a_route_member_gains_nothing(rule: str, notation: str, gainer: str,
                                                       parties: tuple[str, str]) -> None:
    sc = scenario(NAME)
    plain = sc.model_copy(update={"rules": sc.rules.model_copy(update={rule: None})})
    changed = traded(notation, plain)
    assert not {f"{gainer}→{party}" for party in parties} & changed.keys()
