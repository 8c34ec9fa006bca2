"""Human partners of secret orders answer before the reveal, through `Session.answers`: the
one path the hot-seat TUI and the class server share."""

from __future__ import annotations

from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.domain.seats import Seat
from caspian_tabletop.session import Session
from shipped import scenario


def _session(asked: list[str]) -> Session:
    seats = {"RU": Seat("human", "Team RU"), "AZ": Seat("human", "Team AZ")}

    def ask(game: object, move: object) -> bool:
        asked.append(str(move))
        return True

    session = Session.start(scenario("caspian-2021"), seats, 3, "simultaneous", "classroom",
                            ask=ask, save_now=False)
    session.run_ai_until_human()
    return session


def test_an_answer_given_before_the_reveal_is_the_one_used() -> None:
    asked: list[str] = []
    session = _session(asked)
    trade = parse_move("RU trade AZ instc-west 0.5")
    session.play(trade)
    offers = session.offers_to_humans([parse_move("AZ pass")])
    assert trade in offers
    assert offers == sorted(offers, key=session.game.resolution_key)
    for offer in offers:
        session.answers[offer.actor] = offer.actor != "RU"  # AZ says no to RU
    session.play(parse_move("AZ pass"))
    ru = next(r for r in session.game.explanations if r.text == trade.notation())
    assert "declined" in ru.outcome
    assert asked == []  # nobody was asked during the reveal
    assert session.answers == {} and session.game.turn == 2


def test_without_an_answer_the_partner_is_asked_at_the_reveal() -> None:
    asked: list[str] = []
    session = _session(asked)
    session.play(parse_move("RU trade AZ instc-west 0.5"))
    session.play(parse_move("AZ pass"))
    assert any("RU" in a for a in asked)
