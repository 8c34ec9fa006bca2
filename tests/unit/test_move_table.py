"""The move table: each kind's fields, form and cost, and what notation, the action table,
the move builder and the reasons derive from it."""

from __future__ import annotations

from collections import Counter

import pytest

from caspian_tabletop.domain.moves import (
    CORRIDOR,
    FIELDS,
    KIND_ORDER,
    MOVE_KINDS,
    PARTNER,
    VOLUME,
    Move,
    MoveKind,
    parse_move,
)
from caspian_tabletop.engine.game import CHANCE_KINDS
from caspian_tabletop.engine.legality import unknown_reason
from caspian_tabletop.scenario.schema import Rules
from caspian_tabletop.tui.text import describe_move
from shipped import compiled

NAMES = ["tutorial", "caspian-2021"]


def test_the_table_lists_every_kind_in_order_with_optional_fields_last() -> None:
    assert tuple(MOVE_KINDS) == KIND_ORDER
    for spec in MOVE_KINDS.values():
        optional = [p.optional for p in spec.params]
        assert optional == sorted(optional), spec.kind


def test_each_kinds_form_is_derived_from_its_fields() -> None:
    assert {kind.value: spec.form for kind, spec in MOVE_KINDS.items()} == {
        "trade": "ACTOR trade PARTNER CORRIDOR VOLUME",
        "drill": "ACTOR drill ZONE [PARTNER]",
        "blockade": "ACTOR blockade CORRIDOR ZONE [PARTNER]",
        "invest": "ACTOR invest CORRIDOR-OR-ASSET",
        "summit": "ACTOR summit PARTNER",
        "demand": "ACTOR demand PARTNER CORRIDOR",
        "pass": "ACTOR pass",
    }


@pytest.mark.parametrize("name", NAMES)
def test_cost_keys_name_scenario_rules_and_give_each_kinds_cost(name: str) -> None:
    c = compiled(name)
    for i, kind in enumerate(KIND_ORDER):
        key = MOVE_KINDS[kind].cost
        assert key is None or key in Rules.model_fields
        assert c.kind_cost[i] == (getattr(c.rules, key) if key else 0.0)
    assert c.kind_cost[KIND_ORDER.index(MoveKind.PASS)] == 0.0


def test_chance_and_answered_kinds_come_from_the_table() -> None:
    assert CHANCE_KINDS == (MoveKind.DRILL, MoveKind.BLOCKADE)
    assert [kind for kind, spec in MOVE_KINDS.items() if spec.answered] == [
        MoveKind.TRADE, MoveKind.DRILL, MoveKind.BLOCKADE, MoveKind.SUMMIT, MoveKind.DEMAND]
    # A drill or a blockade asks only a partner it names.
    assert parse_move("RU drill middle IR").asks and not parse_move("RU drill middle").asks
    assert parse_move("RU blockade instc-sea middle IR").asks
    assert not parse_move("RU blockade instc-sea middle").asks
    assert parse_move("AZ summit KZ").asks and not parse_move("KZ invest aktau-expansion").asks


@pytest.mark.parametrize("name", NAMES)
def test_every_row_of_the_action_table_formats_and_parses_through_the_table(name: str) -> None:
    c = compiled(name)
    for action in range(len(c.act_kind)):
        move = c.move_of(action)
        assert parse_move(move.notation()) == move
        assert c.action_of(move) == action
        named = {f.name for f in move.spec.fields}
        assert all(getattr(move, f.name) is None for f in FIELDS if f.name not in named)
    assert {c.move_of(a).kind for a in range(len(c.act_kind))} == set(KIND_ORDER)


def test_the_action_table_holds_every_combination_of_each_kinds_fields() -> None:
    c = compiled("caspian-2021")
    n_a, n_c, n_z = len(c.actors), len(c.corridors), len(c.zones)
    n_s, n_v = len(c.assets), len(c.rules.trade_volumes)
    for actor in range(n_a):
        rows = c.act_kind[c.act_start[actor]:c.act_stop[actor]]
        assert Counter(KIND_ORDER[int(k)] for k in rows) == {
            MoveKind.TRADE: (n_a - 1) * n_c * n_v,
            MoveKind.DRILL: n_z * n_a,  # alone, or with any of the others
            MoveKind.BLOCKADE: n_c * n_z * n_a,  # alone, or with any of the others
            MoveKind.INVEST: n_c + n_s,
            MoveKind.SUMMIT: n_a - 1,
            MoveKind.DEMAND: (n_a - 1) * n_c,
            MoveKind.PASS: 1,
        }
        assert list(rows) == sorted(rows)  # grouped by kind, in table order


@pytest.mark.parametrize(("text", "reason"), [
    ("ZZ pass", "no actor 'ZZ' in this scenario (actors: RU, IR, AZ, KZ, TM, TR, AF)"),
    ("AZ trade QQ middle-corridor 0.5", "no actor 'QQ' in this scenario"),
    ("AZ trade AZ middle-corridor 0.5", "AZ cannot make a trade with itself"),
    ("AZ summit AZ", "AZ cannot make a summit with itself"),
    ("AZ blockade x middle", "no corridor 'x' (corridors: middle-corridor, lapis-lazuli, "
                             "instc-sea, instc-west, instc-east, turkmenbashi-baku)"),
    ("AZ drill nowhere KZ", "no zone 'nowhere' (zones: north, middle, south)"),
    ("AZ drill north QQ", "no actor 'QQ' in this scenario"),
    ("AZ invest nowhere", "no corridor or asset 'nowhere'"),
    ("AZ trade KZ middle-corridor 0.1234567",
     "volume 0.1234567 is not offered (volumes: 0.25, 0.5, 1)"),
])
def test_a_move_naming_what_the_scenario_lacks_says_which_field(text: str, reason: str) -> None:
    c = compiled("caspian-2021")
    move = parse_move(text)
    assert c.action_of(move) is None
    assert unknown_reason(c, move) == reason


def test_the_move_builder_labels_and_words_come_from_the_table() -> None:
    assert VOLUME.label(0.5) == "0.5 Mt/yr"
    assert VOLUME.label(1.0) == "1 Mt/yr"
    assert PARTNER.label(None) == "alone"
    assert CORRIDOR.label("instc-sea") == "instc-sea"
    assert [describe_move(parse_move(t)) for t in (
        "AZ trade KZ middle-corridor 0.25", "RU drill south", "RU drill south IR",
        "RU blockade middle-corridor middle", "RU blockade middle-corridor middle IR",
        "KZ invest dostluk", "AZ summit TM", "RU demand KZ middle-corridor", "AF pass",
    )] == [
        "trade 0.25 Mt with KZ via middle-corridor", "drill in south alone",
        "drill in south with IR", "blockade middle-corridor in middle alone",
        "blockade middle-corridor in middle with IR", "invest in dostluk",
        "summit with TM", "demand a stake in middle-corridor from KZ", "pass (keep capital)",
    ]


def test_a_move_shows_only_its_kinds_fields() -> None:
    stray = Move(MoveKind.SUMMIT, "AZ", partner="TM", zone="north")
    assert stray.notation() == "AZ summit TM"
