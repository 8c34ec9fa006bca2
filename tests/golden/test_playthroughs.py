"""Golden playthroughs: a scripted or seeded game in, its full transcript out, diffed.

Regenerate on purpose with `pytest tests/golden/test_playthroughs.py --snapshot-update` and
say why in the commit.  Each game is one a person has read through: a scripted tutorial, and
every kind of move and umpire action.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.game import Game
from caspian_tabletop.render.transcript import transcript_lines
from golden_files import Golden
from shipped import scenario

GOLDEN = Path(__file__).parent / "playthroughs"

TUTORIAL_SCRIPT = [
    "RU drill north KZ", "AZ trade KZ middle-corridor 0.5", "KZ invest aktau-expansion",
    "RU summit AZ", "AZ trade KZ middle-corridor 1", "KZ invest aktau-expansion",
    "RU blockade middle-corridor middle", "AZ summit KZ", "KZ pass",
    "RU trade AZ instc-west 0.5", "AZ invest middle-corridor", "KZ summit RU",
]


def tutorial_game() -> Game:
    game = Game(scenario("tutorial"), seed=11)
    for notation in TUTORIAL_SCRIPT:
        game.play(parse_move(notation))
    return game


def every_move_type_game() -> Game:
    """Every move kind, both trade answers, an override, an adjustment, an event and a note."""
    game = Game(scenario("caspian-2021"), seed=5, order="simultaneous")
    script = [
        ("RU drill south IR", None), ("IR summit TM", None),
        ("AZ trade KZ middle-corridor 0.5", True), ("KZ invest aktau-expansion", None),
        ("TM trade AZ lapis-lazuli 0.25", False), ("TR invest middle-corridor", None),
        ("AF pass", None),
    ]
    for notation, accept in script:
        game.play(parse_move(notation), accept=accept)
    game.adjust("tension", 1.0, "class debate heats up")
    game.inject("container-surge", "umpire demonstrates an inject")
    game.note("Turn 2 begins with the Middle Corridor under pressure.")
    game.play(parse_move("RU blockade middle-corridor middle"))
    game.override("RU", "success", "umpire rules the flotilla is already on station")
    for notation in ("IR pass", "AZ summit KZ", "KZ trade AZ middle-corridor 0.5", "TM pass",
                     "TR pass", "AF trade TM lapis-lazuli 0.5"):
        game.play(parse_move(notation))
    return game


CASES: dict[str, Callable[[], Game]] = {
    "tutorial": tutorial_game,
    "every-move-type": every_move_type_game,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_playthrough_matches_golden(name: str, golden: Golden) -> None:
    golden(GOLDEN / f"{name}.txt", "\n".join(transcript_lines(CASES[name]())) + "\n")
