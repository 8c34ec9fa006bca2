"""Save/replay round-trips: random seeded games, saved and replayed, match at every turn."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from caspian_tabletop.ai.random_bot import RandomBot
from caspian_tabletop.engine.game import Game
from caspian_tabletop.replay import load_replay, run_replay, save_replay, to_replay
from shipped import compiled, scenario

EVENTS = ("winter-storm", "container-surge", "karabakh-frictions")


def _random_game(seed: int, order: str, umpire: float) -> tuple[Game, dict[int, str]]:
    """Play a whole tutorial game with RandomBot; the umpire steps in with chance `umpire`.

    Returns the game and the live digest at the end of each turn entry (the state after
    the last action taken during that turn).
    """
    game = Game(scenario("tutorial"), seed=seed, order=order, compiled=compiled("tutorial"))
    rng = np.random.default_rng(seed)
    bot = RandomBot(rng)
    live = {1: game.digest()}
    while not game.is_over:
        entry = max(r.turn for r in game.records if r.kind == "events")
        roll = rng.random()
        if roll < umpire / 3:
            game.adjust("tension", float(rng.choice([-0.5, 0.5])), "umpire steadies the room")
        elif roll < 2 * umpire / 3:
            game.inject(str(rng.choice(EVENTS)), "what if?")
        elif roll < umpire:
            game.note(f"note {int(rng.integers(100))} [cites: EDM-0{int(rng.integers(1, 9))}]")
        else:
            actor = game.waiting_for[0]
            game.play(bot.choose(game, actor))
        live[entry] = game.digest()
        # A finished turn opens the next one (its event phase), whose entry starts here.
        live.setdefault(max(r.turn for r in game.records if r.kind == "events"),
                        game.digest())
    return game, live


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), order=st.sampled_from(["sequential", "simultaneous"]),
       umpire=st.sampled_from([0.0, 0.15]))
# An event injected after AZ's secret drill order lowered RU–AZ relations below the drill's
# floor until a summit at the reveal restored them: the replay, where the inject comes before
# every order, refused the order when given.
@example(seed=10000000, order="simultaneous", umpire=0.15)
# Two orders were sealed when an injected event brought on an armed clash: the live game kept
# them unrevealed, and the replay revealed them (they fizzled) until a finished game stopped
# revealing orders.
@example(seed=7126, order="simultaneous", umpire=0.15)
def test_saved_game_replays_to_identical_digests(seed: int, order: str, umpire: float) -> None:
    game, live = _random_game(seed, order, umpire)
    with TemporaryDirectory() as folder:
        path = Path(folder) / "save.yaml"
        save_replay(to_replay(game, {"AZ": "human Baku"}, "solo"), path)
        loaded = load_replay(path)
    board = {"scenario": scenario("tutorial"), "compiled": compiled("tutorial")}
    run = run_replay(loaded, verify=True, **board)
    assert run.states == live
    assert [t.digest for t in loaded.turns] == [run.digests[t.turn] for t in loaded.turns]
    assert run.game.records == game.records
    assert run.game.digest() == game.digest()
    middle = loaded.turns[len(loaded.turns) // 2].turn
    assert run_replay(loaded, middle, **board).game.digest() == live[middle]
