"""Who may demand a say in a route: a littoral state the route bypasses, with the naval
leverage to cause trouble on it, asking a littoral member."""

from __future__ import annotations

import pytest

from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.game import Game
from shipped import compiled, scenario


@pytest.mark.parametrize(("text", "why"), [
    ("RU demand AZ middle-corridor", None),
    ("RU demand KZ middle-corridor", None),
    ("KZ demand AZ lapis-lazuli",
     "lapis-lazuli does not bypass KZ: only a state the route goes around may demand a say in it"),
    ("AZ demand RU instc-sea",
     "AZ's navy does not outgun RU's anywhere instc-sea crosses the sea: it has no leverage to "
     "demand a say"),
    ("RU demand TR middle-corridor", "TR is not a littoral state: the 2018 Caspian Convention "
                                     "bars its armed forces from the Caspian"),
    ("TR demand AZ instc-west", "TR is not a littoral state: the 2018 Caspian Convention bars "
                                "its armed forces from the Caspian"),
    ("RU demand IR instc-sea", "RU is a member of instc-sea and cannot demand a stake in it"),
])
def test_who_may_demand_a_say(text: str, why: str | None) -> None:
    # Simultaneous orders: every actor may give its order now, so only the rules speak.
    game = Game(scenario("caspian-2021"), seed=1, order="simultaneous",
                compiled=compiled("caspian-2021"))
    assert game.why_illegal(parse_move(text)) == why
