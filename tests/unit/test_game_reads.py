"""Game's read API: every figure by name equals the batch array it reads, as a plain number."""

from __future__ import annotations

import numpy as np
import pytest

from caspian_tabletop.domain.moves import KIND_ORDER
from caspian_tabletop.engine.compiled import TERMS
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.navy import naval_strengths
from caspian_tabletop.engine.scoring import term_values
from caspian_tabletop.engine.victory import verdicts
from shipped import scenario


def played_game() -> Game:
    """A caspian-2021 game into turn 2: three naval moves (one blockade holds a corridor
    closed) and then peaceful ones, so that capital, drills and tension have all moved."""
    game = Game(scenario("caspian-2021"), seed=3)
    rng = np.random.default_rng(3)
    for n in range(12):
        actor = game.to_move
        assert actor is not None
        naval = [m for m in game.legal_moves(actor) if m.spec.chance]
        calm = [m for m in game.legal_moves(actor) if not m.spec.chance]
        options = (naval if n < 3 else calm) or calm
        game.play(options[int(rng.integers(len(options)))])
    return game


@pytest.fixture(scope="module")
def game() -> Game:
    return played_game()


def test_game_figures_equal_the_raw_arrays(game: Game) -> None:
    c, st = game.compiled, game.state
    shares = term_values(c, st)[0, :, TERMS.index("influence")]
    navies = naval_strengths(c, st.hulls)[0]
    assert game.turn == int(st.turn[0]) and game.tension == float(st.tension[0])
    assert (game.is_over, game.clash) == (bool(st.over[0]), bool(st.clash[0]))
    for i, a in enumerate(c.actors):
        assert game.capital(a) == float(st.capital[0, i])
        assert game.revenue(a) == float(st.revenue[0, i])
        assert game.influence_share(a) == float(shares[i])
        assert game.naval_strength(a) == float(navies[i])
        for j, b in enumerate(c.actors):
            assert game.relation(a, b) == float(st.relations[0, i, j])
            assert game.influence(a, b) == float(st.influence[0, i, j])
        for z, zone in enumerate(c.zones):
            assert game.zone_strength(a, zone) == float(st.zone_strength[0, i, z])
            assert game.drill_turns(a, zone) == int(st.drill[0, i, z])
    for k, corridor in enumerate(c.corridors):
        assert game.throughput(corridor) == float(st.throughput[0, k])
        assert game.capacity(corridor) == float(st.capacity[0, k])
        assert game.blocked_turns(corridor) == int(st.blocked[0, k])
        assert game.is_closed(corridor) == bool(st.blocked[0, k] > 0)
    for i, kind in enumerate(KIND_ORDER):
        assert game.cost(kind) == float(c.kind_cost[i])


def test_the_figures_move_with_play_and_some_corridor_is_closed(game: Game) -> None:
    fresh = Game(scenario("caspian-2021"), seed=4)
    assert any(game.capital(a) != fresh.capital(a) for a in game.compiled.actors)
    assert game.tension != fresh.tension
    assert not game.is_over and any(game.is_closed(k) for k in game.compiled.corridors)
    assert any(game.drill_turns(a, z) for a in game.compiled.actors for z in game.compiled.zones)
    assert game.naval_strength("RU") < fresh.naval_strength("RU")  # craft left in April 2021


def test_figures_are_plain_python_numbers(game: Game) -> None:
    actor, other = game.compiled.actors[:2]
    corridor, zone = game.compiled.corridors[0], game.compiled.zones[0]
    for value in (game.tension, game.capital(actor), game.relation(actor, other),
                  game.influence(actor, other), game.influence_share(actor),
                  game.throughput(corridor), game.capacity(corridor),
                  game.naval_strength(actor), game.zone_strength(actor, zone)):
        assert type(value) is float
    assert type(game.blocked_turns(corridor)) is int
    assert type(game.drill_turns(actor, zone)) is int
    assert type(game.is_closed(corridor)) is bool


def test_every_move_of_an_actor_is_listed_legal_or_not(game: Game) -> None:
    actor = game.compiled.actors[0]
    every = game.moves_of(actor)
    assert set(game.legal_moves(actor)) <= set(every)
    assert {m.actor for m in every} == {actor}
    assert len(every) == int(game.compiled.act_stop[0] - game.compiled.act_start[0])


def test_an_unknown_name_is_a_clear_error(game: Game) -> None:
    with pytest.raises(KeyError, match="no corridor 'nowhere'"):
        game.throughput("nowhere")
    with pytest.raises(KeyError, match="no actor 'ZZ'"):
        game.capital("ZZ")


def test_verdicts_are_the_positions_and_each_actor_has_its_own(game: Game) -> None:
    """Screens and the CLI ask the game for its verdicts, not the victory module for the
    arrays': the same result, by actor, best first."""
    judged = game.verdicts()
    assert judged == verdicts(game.compiled, game.state)
    assert sorted(v.actor for v in judged) == sorted(game.compiled.actors)
    for v in judged:
        assert game.verdict(v.actor) == v
    with pytest.raises(KeyError, match="no actor 'ZZ'"):
        game.verdict("ZZ")
