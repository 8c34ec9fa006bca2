"""Seats as a domain notion: the text a replay stores, the choices a screen offers."""

from __future__ import annotations

import re

import pytest

from caspian_tabletop.domain.seats import SEAT_CHOICES, Seat, parse_seat, seat_of


def test_every_choice_becomes_a_seat_whose_text_parses_back() -> None:
    assert SEAT_CHOICES == ("human", "ai easy", "ai normal", "ai hard", "ai expert", "off")
    for mode in ("solo", "classroom"):
        for choice in SEAT_CHOICES:
            seat = seat_of("KZ", choice, mode)
            assert parse_seat(seat.text()) == seat
    assert seat_of("KZ", "human", "solo") == Seat("human", "player")
    assert seat_of("KZ", "human", "classroom") == Seat("human", "Team KZ")


@pytest.mark.parametrize("text", ["ai grandmaster", "human", "off now", "robot", ""])
def test_a_bad_seat_names_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape("'ai easy|normal|hard|expert'")):
        parse_seat(text)
