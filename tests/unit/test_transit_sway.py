"""A trade's bridge: the members a route crosses between the two parties gain sway over both
(`transit_influence_per_mt`), read from the order of the corridor's members along it."""

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


@pytest.mark.parametrize("notation", ["AZ trade KZ middle-corridor 0.5",
                                      "TM trade AZ turkmenbashi-baku 0.5",
                                      "AF trade TM lapis-lazuli 0.25"])
def test_neighbours_on_a_route_cross_no_one(notation: str) -> None:
    move = parse_move(notation)
    parties = {move.actor, move.partner}
    rivals = {"RU", "IR"}  # who lose sway over the parties of any east–west deal
    movers = {pair.split("→")[0] for pair in traded(notation)}
    assert movers <= parties | rivals, movers - parties - rivals


def test_without_the_rule_a_bridge_gains_nothing() -> None:
    sc = scenario(NAME)
    plain = sc.model_copy(update={"rules": sc.rules.model_copy(
        update={"transit_influence_per_mt": None})})
    changed = traded("KZ trade TR middle-corridor 0.5", plain)
    assert "AZ→KZ" not in changed and "AZ→TR" not in changed
