"""Nobody is committed unasked, and a partner who says no changes nothing but the record
(docs/rules.md §4): a trade or summit declined changes nothing and costs nothing, as if the
proposer had passed; a drill or blockade goes ahead exactly as it would have without the
partner who stays out.  A refused demand has consequences of its own and is not drawn here
(tests/unit/test_scripted_moves.py checks them)."""

from __future__ import annotations

from dataclasses import fields, replace

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from caspian_tabletop.domain.moves import Move, MoveKind
from caspian_tabletop.engine.game import Game
from caspian_tabletop.engine.records import MoveRecord
from caspian_tabletop.engine.state import BatchState
from shipped import compiled, scenario

# Every partnered kind each shipped scenario offers (the tutorial has no blockade with a
# partner: the one route that crosses its sea has both other states as members).
CASES = [(name, kind) for name in ("tutorial", "caspian-2021")
         for kind in (MoveKind.TRADE, MoveKind.SUMMIT, MoveKind.DRILL, MoveKind.BLOCKADE)
         if (name, kind) != ("tutorial", MoveKind.BLOCKADE)]
CHANCE = (MoveKind.DRILL, MoveKind.BLOCKADE)

# The moves before the one tried, drawn as indices into each position's legal moves (taken
# modulo their number; the quotient's parity answers any partner), so that a failure shrinks
# to a short game of early choices.
PICKS = st.lists(st.integers(0, 10_000), max_size=50)


def position(name: str, seed: int, picks: list[int], kind: MoveKind) -> tuple[Game, list[Move]]:
    """A game of `name` (chance from `seed`) after the legal moves `picks` points at, then
    passes until a seat to move can ask a partner for a move of `kind`; that seat's moves of
    `kind` which ask a partner (none if the game ended first)."""
    game = Game(scenario(name), seed=seed, compiled=compiled(name))
    for pick in picks:
        if game.is_over:
            break
        options = game.legal_moves(str(game.to_move))
        game.play(options[pick % len(options)], accept=(pick // len(options)) % 2 == 0)
    for _ in range(2 * len(game.compiled.actors)):
        if game.is_over:
            break
        actor = str(game.to_move)
        asking = [m for m in game.legal_moves(actor) if m.kind is kind and m.asks]
        if asking:
            return game, asking
        game.play(Move(MoveKind.PASS, actor))
    return game, []


def unasked(move: Move) -> Move:
    """What `move` comes to with no partner asked: a drill or blockade alone; for a trade or
    summit, which needs its partner, the seat's pass."""
    if move.kind in CHANCE:
        return replace(move, partner=None)
    return Move(MoveKind.PASS, move.actor)


def arrays_equal(a: BatchState, b: BatchState) -> bool:
    return all(np.array_equal(getattr(a, f.name), getattr(b, f.name)) for f in fields(a))


def differing(a: BatchState, b: BatchState) -> list[str]:
    """The fields in which two states differ, for the failure message."""
    return [f.name for f in fields(a)
            if not np.array_equal(getattr(a, f.name), getattr(b, f.name))]


@settings(max_examples=100, deadline=None)
@given(case=st.sampled_from(CASES), seed=st.integers(0, 10_000), picks=PICKS,
       choice=st.integers(0, 10_000), force=st.sampled_from([None, "success", "failure"]))
def test_a_refused_partner_changes_nothing_but_the_record(
    case: tuple[str, MoveKind], seed: int, picks: list[int], choice: int, force: str | None
) -> None:
    """The game after a partnered move refused (an umpire's ruling or the seeded roll
    deciding a chance move) equals, array by array, the same game after the move with no
    partner asked, through any upkeep and next turn's events it sets off; the records differ
    only in the move's own, which logs the refusal.  A refused trade or summit leaves the
    state as it was but for the seat having moved: no capital is paid."""
    name, kind = case
    game, asking = position(name, seed, picks, kind)
    assume(asking)
    twin, _ = position(name, seed, picks, kind)
    move = asking[choice % len(asking)]
    alone = unasked(move)
    assert twin.why_illegal(alone) is None, alone.notation()
    ruling = force if kind in CHANCE else None
    before, turn = game.state.copy(), game.turn
    start, log = len(game.records), len(game.explanations)

    game.play(move, accept=False, force=ruling)
    twin.play(alone, force=ruling)

    assert arrays_equal(game.state, twin.state), differing(game.state, twin.state)
    declined, plain = game.records[start], twin.records[start]
    assert isinstance(declined, MoveRecord) and isinstance(plain, MoveRecord)
    assert declined == MoveRecord(turn=turn, move=move.notation(), roll=plain.roll,
                                  accept=False, force=ruling)
    assert plain == MoveRecord(turn=turn, move=alone.notation(), roll=plain.roll, force=ruling)
    assert (plain.roll is None) == (kind not in CHANCE)
    assert game.records[:start] == twin.records[:start]
    assert game.records[start + 1:] == twin.records[start + 1:]
    said = game.explanations[log].outcome
    assert said.startswith("partner stays out" if kind in CHANCE else "declined"), said
    if kind not in CHANCE and game.turn == turn:  # no upkeep followed: the state before
        expected = before.copy()
        expected.acted[0, game.compiled.actor_index(move.actor)] = True
        assert arrays_equal(game.state, expected), differing(game.state, expected)
