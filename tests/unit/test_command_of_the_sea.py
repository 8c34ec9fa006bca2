"""Who may blockade: a state whose own navy commands the zone (`blockade_command`), at least
as strong there as the route's littoral members present.  A partner adds to the odds but
lends no command, and fleets that events move change who commands."""

from __future__ import annotations

import numpy as np
import pytest

from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.engine.compiled import BLOCKADE
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.legality import Why, check
from caspian_tabletop.engine.state import initial_state
from shipped import compiled, scenario


def opening() -> Game:
    # Simultaneous orders: every actor may give its order now, so only the rules speak.
    return Game(scenario("caspian-2021"), seed=1, order="simultaneous",
                compiled=compiled("caspian-2021"))


@pytest.mark.parametrize(("text", "why"), [
    ("RU blockade middle-corridor middle", None),
    ("RU blockade lapis-lazuli middle IR", None),
    ("IR blockade middle-corridor middle RU",
     "IR does not command the middle zone: its strength there is below 1 times that of "
     "middle-corridor's members present"),
    ("AZ blockade instc-sea middle",
     "AZ does not command the middle zone: its strength there is below 1 times that of "
     "instc-sea's members present"),
    ("KZ blockade instc-sea middle",
     "KZ does not command the middle zone: its strength there is below 1 times that of "
     "instc-sea's members present"),
])
def test_only_a_navy_that_commands_the_zone_may_blockade(text: str, why: str | None) -> None:
    assert opening().why_illegal(parse_move(text)) == why


def test_a_stronger_fleet_in_the_zone_gives_command() -> None:
    c = compiled("caspian-2021")
    st = initial_state(c)
    action = np.array([c.action_of(parse_move("AZ blockade instc-sea middle"))])
    assert check(c, st, action)[0] == Why.NO_COMMAND
    az, ru, ir = (c.actors.index(a) for a in ("AZ", "RU", "IR"))
    middle = c.zones.index("middle")
    defence = st.zone_strength[0, ru, middle] + st.zone_strength[0, ir, middle]
    st.zone_strength[0, az, middle] = defence
    assert check(c, st, action)[0] == Why.LEGAL
    st.zone_strength[0, az, middle] = defence * 0.99
    assert check(c, st, action)[0] == Why.NO_COMMAND


def test_the_rule_is_off_where_the_scenario_leaves_it_out() -> None:
    c = compiled("tutorial")
    assert c.rules.blockade_command is None
    blockades = np.flatnonzero(c.act_kind == BLOCKADE)
    assert blockades.size
    codes = check(c, initial_state(c), blockades[None, :])[0]
    assert Why.NO_COMMAND not in codes
    assert (codes == Why.LEGAL).any()
