"""Move notation: examples parse to the intended move, errors say what was expected."""

from __future__ import annotations

import pytest

from caspian_tabletop.domain.errors import NotationError
from caspian_tabletop.domain.moves import Move, MoveKind, parse_move

EXAMPLES = [
    ("AZ trade KZ middle-corridor 0.5",
     Move(MoveKind.TRADE, "AZ", partner="KZ", corridor="middle-corridor", volume=0.5)),
    ("RU drill south", Move(MoveKind.DRILL, "RU", zone="south")),
    ("RU drill south IR", Move(MoveKind.DRILL, "RU", zone="south", partner="IR")),
    ("RU blockade middle-corridor middle",
     Move(MoveKind.BLOCKADE, "RU", corridor="middle-corridor", zone="middle")),
    ("KZ invest aktau-expansion", Move(MoveKind.INVEST, "KZ", target="aktau-expansion")),
    ("AZ summit TM", Move(MoveKind.SUMMIT, "AZ", partner="TM")),
    ("AF pass", Move(MoveKind.PASS, "AF")),
]


@pytest.mark.parametrize(("text", "move"), EXAMPLES)
def test_examples_parse_and_print_back(text: str, move: Move) -> None:
    assert parse_move(text) == move
    assert move.notation() == text


def test_volume_prints_in_shortest_form() -> None:
    assert parse_move("AZ trade KZ middle-corridor 1.0").notation() == (
        "AZ trade KZ middle-corridor 1")


@pytest.mark.parametrize(("typed", "printed"), [
    ("1", "1"), ("0.5", "0.5"), ("0.25", "0.25"), ("0.250", "0.25"),
    ("0.1234567", "0.1234567"), ("1234567", "1234567"), ("5e-324", "5e-324"), ("1e-7", "1e-07"),
])
def test_volume_prints_so_that_it_reads_back_exactly(typed: str, printed: str) -> None:
    move = parse_move(f"AZ trade KZ middle-corridor {typed}")
    assert move.notation() == f"AZ trade KZ middle-corridor {printed}"
    assert parse_move(move.notation()) == move


@pytest.mark.parametrize(("text", "fragment"), [
    ("", "expected 'ACTOR KIND"),
    ("az pass", "not an actor id"),
    ("AZ sail KZ", "unknown move kind 'sail'"),
    ("AZ trade KZ middle-corridor", "expected 'ACTOR trade PARTNER CORRIDOR VOLUME'"),
    ("AZ trade KZ middle-corridor lots", "volume 'lots' is not a number"),
    ("AZ trade KZ middle-corridor -1", "must be a positive number"),
    ("AZ trade KZ middle-corridor nan", "must be a positive number"),
    ("AZ trade KZ Middle 0.5", "not a corridor id"),
    ("RU drill", "expected 'ACTOR drill ZONE [PARTNER]'"),
    ("AF pass now", "expected 'ACTOR pass'"),
])
def test_bad_notation_says_why(text: str, fragment: str) -> None:
    with pytest.raises(NotationError) as caught:
        parse_move(text)
    assert fragment in caught.value.reason
