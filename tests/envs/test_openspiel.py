"""The OpenSpiel game passes OpenSpiel's random simulation test with serialisation, loads by
name, clones and round-trips, keeps each seat's sealed order from the others, and an
OpenSpiel algorithm (MCTS) plays on it."""

from __future__ import annotations

import numpy as np
import pytest

pyspiel = pytest.importorskip("pyspiel")

from open_spiel.python.algorithms import mcts  # noqa: E402

from caspian_tabletop.envs.openspiel import SHORT_NAME, register  # noqa: E402

register()


def _to_orders(state: object) -> None:
    """Past the opening chance node(s), to the first seat's order."""
    rng = np.random.default_rng(0)
    while state.is_chance_node():  # type: ignore[attr-defined]
        outcomes, probs = zip(*state.chance_outcomes(), strict=True)  # type: ignore[attr-defined]
        state.apply_action(int(rng.choice(outcomes, p=probs)))  # type: ignore[attr-defined]


def test_random_simulations_pass_with_serialisation() -> None:
    game = pyspiel.load_game(SHORT_NAME)
    pyspiel.random_sim_test(game, num_sims=5, serialize=True, verbose=False)
    big = pyspiel.load_game(SHORT_NAME, {"scenario": "caspian-2021"})
    pyspiel.random_sim_test(big, num_sims=1, serialize=True, verbose=False)


def test_the_game_declares_what_it_is() -> None:
    game = pyspiel.load_game(SHORT_NAME)
    kind = game.get_type()
    assert kind.chance_mode == pyspiel.GameType.ChanceMode.EXPLICIT_STOCHASTIC
    assert kind.information == pyspiel.GameType.Information.IMPERFECT_INFORMATION
    assert kind.utility == pyspiel.GameType.Utility.GENERAL_SUM
    assert game.num_players() == 3
    state = game.new_initial_state()
    assert state.is_chance_node()
    assert sum(p for _, p in state.chance_outcomes()) == pytest.approx(1.0)


def test_clone_and_serialisation_round_trip() -> None:
    game = pyspiel.load_game(SHORT_NAME)
    state = game.new_initial_state()
    _to_orders(state)
    state.apply_action(state.legal_actions()[0])
    copy = state.clone()
    assert copy.history() == state.history() and str(copy) == str(state)
    text = pyspiel.serialize_game_and_state(game, state)
    game_back, state_back = pyspiel.deserialize_game_and_state(text)
    assert state_back.history() == state.history()
    assert state_back.information_state_string(0) == state.information_state_string(0)


def test_a_sealed_order_is_hidden_from_the_other_seats() -> None:
    game = pyspiel.load_game(SHORT_NAME)
    state = game.new_initial_state()
    _to_orders(state)
    seat = state.current_player()
    order = state.legal_actions()[0]
    notation = state.action_to_string(seat, order)
    state.apply_action(order)
    assert f"my order: {notation}" in state.information_state_string(seat)
    for other in range(game.num_players()):
        if other != seat:
            assert notation not in state.information_state_string(other)
    tensor = np.array(state.information_state_tensor(seat))
    assert tensor.shape == (game.information_state_tensor_size(),)
    assert tensor[-game.num_distinct_actions():].sum() == 1  # its own order, one-hot


def test_openspiels_mcts_bot_plays_legal_moves() -> None:
    game = pyspiel.load_game(SHORT_NAME)
    bot = mcts.MCTSBot(game, uct_c=2.0, max_simulations=8,
                       evaluator=mcts.RandomRolloutEvaluator(n_rollouts=1,
                                                             random_state=np.random.RandomState(0)),
                       random_state=np.random.RandomState(0))
    state = game.new_initial_state()
    _to_orders(state)
    for _ in range(3):
        if state.is_chance_node() or state.is_terminal():
            break
        action = bot.step(state)
        assert action in state.legal_actions()
        state.apply_action(action)
