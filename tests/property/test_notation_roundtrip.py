"""Notation round-trips exactly, for every move kind and every value its fields can take."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from caspian_tabletop.domain.moves import (
    KIND_ORDER,
    MOVE_KINDS,
    Field,
    Move,
    Token,
    format_volume,
    parse_move,
)

ACTORS = st.from_regex(r"[A-Z]{2,3}", fullmatch=True)
SLUGS = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)
VOLUMES = st.floats(min_value=0.0, exclude_min=True, allow_infinity=False, allow_nan=False)
VALUES = {Token.ACTOR: ACTORS, Token.SLUG: SLUGS, Token.NUMBER: VOLUMES}


def values_of(field: Field, optional: bool) -> st.SearchStrategy[Any]:
    values = VALUES[field.token]
    return st.none() | values if optional else values


@st.composite
def moves(draw: st.DrawFn) -> Move:
    kind = draw(st.sampled_from(KIND_ORDER))
    fields = {p.field.name: draw(values_of(p.field, p.optional)) for p in MOVE_KINDS[kind].params}
    return Move(kind, draw(ACTORS), **fields)


@st.composite
def canonical_texts(draw: st.DrawFn) -> str:
    """Notation as the game writes it: single spaces, volumes in their shortest form."""
    kind = draw(st.sampled_from(KIND_ORDER))
    tokens = [draw(ACTORS), kind.value]
    for param in MOVE_KINDS[kind].params:
        value = draw(values_of(param.field, param.optional))
        if value is not None:
            tokens.append(format_volume(value) if param.field.token is Token.NUMBER else value)
    return " ".join(tokens)


@given(moves())
def test_a_move_parses_back_from_its_notation(move: Move) -> None:
    assert parse_move(move.notation()) == move


@given(canonical_texts())
def test_canonical_notation_prints_back_unchanged(text: str) -> None:
    assert parse_move(text).notation() == text


@given(VOLUMES)
def test_a_volume_prints_in_the_shortest_text_that_reads_back(volume: float) -> None:
    text = format_volume(volume)
    assert float(text) == volume
    assert len(text) <= len(repr(volume))
