"""Turning the start screen's choices into a Session, and files into sessions.

Errors stay CaspianErrors (ScenarioError, ReplayError) so the screens can show them.
"""

from __future__ import annotations

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
