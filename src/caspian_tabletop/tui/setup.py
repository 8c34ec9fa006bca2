"""Turning the start screen's choices into a Session, and files into sessions.

Errors stay CaspianErrors (ScenarioError, ReplayError) so the screens can show them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from caspian_tabletop.domain.seats import seat_of
from caspian_tabletop.paths import resolve_scenario

if TYPE_CHECKING:
    from caspian_tabletop.scenario.schema import Scenario
    from caspian_tabletop.session import Session

# The scenario reader (pydantic), the engine, replays and sessions (numpy and all) are
# imported when first used, not to show the start screen; `warm_up` loads what a game
# screen needs meanwhile (replay files wait for the first save).

MODES = ("solo", "classroom", "replay")


@dataclass
class NewGame:
    """What the start screen collected."""

    scenario: str
    seats: dict[str, str] = field(default_factory=dict)
    mode: str = "solo"
    order: str = "sequential"
    seed: int = 1
    facilitator_lock: str | None = None  # a classroom game's passphrase hash
    coached: bool = False  # a first game with the coach (tui/coach.py)


# A first game: the seat it is played from, and its opponents' strength.  In the tutorial,
# Azerbaijan is the winner of 65 % of games with normal bots in every seat (`simulate tutorial
# --games 2000 --default normal`), and easy opponents leave a newcomer room for mistakes.
COACHED_SCENARIO = "tutorial"
COACHED_SEAT = "AZ"
COACHED_OPPONENTS = "ai easy"
# New games' seeds are drawn from this range (as `play` draws them) unless one is typed.
SEED_RANGE = 1_000_000


def fresh_seed() -> int:
    """A new game's seed: a different game each time, shown on screen so it can be replayed."""
    return secrets.randbelow(SEED_RANGE)


def coached_game(scenario: Scenario) -> NewGame:
    """The coached first game of `scenario` (the tutorial): its seat, easy opponents, a fresh
    seed."""
    seats = {a: "human" if a == COACHED_SEAT else COACHED_OPPONENTS for a in scenario.actors}
    return NewGame(scenario=COACHED_SCENARIO, seats=seats, seed=fresh_seed(), coached=True)


def read_scenario(name_or_path: str) -> Scenario:
    from caspian_tabletop.scenario.load import load_scenario

    return load_scenario(resolve_scenario(name_or_path))


def warm_up() -> None:
    """Import what a game needs, so New game does not wait for it (called from a thread)."""
    import numpy.random  # noqa: F401  (the engine's generators; numpy loads it on first use)

    import caspian_tabletop.session
    import caspian_tabletop.tui.screens.game  # noqa: F401


def default_seats(scenario: Scenario) -> dict[str, str]:
    """The first actor in initiative order is yours; AI of normal strength plays the rest."""
    first = scenario.initiative[0]
    return {a: "human" if a == first else "ai normal" for a in scenario.actors}


def new_session(choice: NewGame, scenario: Scenario, autosave: bool = True,
                key: bytes | None = None) -> Session:
    """The game the player chose, of `scenario` as the start screen read and showed it, in
    a new autosave file of its own.

    Its first autosave is written by the game screen once drawn: `Session.save_new_game`.
    """
    from caspian_tabletop import games

    seats = {a: seat_of(a, c, choice.mode) for a, c in choice.seats.items()}
    session = games.new_session(scenario, resolve_scenario(choice.scenario), seats,
                                seed=choice.seed, order=choice.order, mode=choice.mode,
                                autosave=autosave, key=key, save_now=False)
    session.facilitator_lock = choice.facilitator_lock  # saved with the first autosave
    return session


def resume_session(game_id: str, autosave: bool = True, key: bytes | None = None) -> Session:
    from caspian_tabletop import games

    return games.resume_session(game_id, autosave=autosave, key=key)


def load_session(path: str, autosave: bool = True, key: bytes | None = None) -> Session:
    from caspian_tabletop import games

    return games.load_session(Path(path).expanduser(), autosave=autosave, key=key)
