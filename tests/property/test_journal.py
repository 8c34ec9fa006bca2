"""The autosave journal writes exactly what a full capture of the game would, after every
action, undo, change of seats and resume, and what it writes verifies."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_tabletop.engine.game import Game
from caspian_tabletop.replay import dump_replay, run_replay, to_replay
from caspian_tabletop.replay.journal import Journal
from caspian_tabletop.replay.reader import parse_replay
from shipped import compiled, scenario

SEATS = {"AZ": "human Team Baku", "RU": "ai normal", "KZ": "ai easy"}
KEY = b"class key"


@settings(max_examples=20, deadline=None)
@given(order=st.sampled_from(["sequential", "simultaneous"]), seed=st.integers(0, 2**20),
       data=st.data())
def test_journal_text_equals_a_full_capture(order: str, seed: int, data: st.DataObject) -> None:
    game = Game(scenario("tutorial"), seed=seed, order=order, compiled=compiled("tutorial"))
    journal = Journal(game)
    seats = dict(SEATS)
    for _ in range(data.draw(st.integers(1, 40), label="actions")):
        if game.is_over:
            break
        action = data.draw(st.sampled_from(["move", "move", "move", "undo", "note", "seats",
                                            "resume"]))
        if action == "move":
            actor = game.waiting_for[0]
            moves = game.legal_moves(actor)
            game.play(moves[data.draw(st.integers(0, len(moves) - 1))], accept=True)
        elif action == "undo" and game.undo_depth:
            game.undo(data.draw(st.integers(1, game.undo_depth)))
        elif action == "note":
            game.note("a note [cites: EDM-05]")
        elif action == "seats":
            seats["KZ"] = data.draw(st.sampled_from(["off", "ai hard", "human Team Aktau"]))
        elif action == "resume":  # as a resumed session does: the file's states are known
            run = run_replay(parse_replay(journal.text(seats, "classroom").encode(), "<j>"),
                             verify=True)
            game = run.game
            journal = Journal(game, run.states)
        key = data.draw(st.sampled_from([None, KEY]))
        text = journal.text(seats, "classroom", title="T", key=key)
        assert text == dump_replay(to_replay(game, seats, "classroom", title="T", key=key))
    replayed = run_replay(parse_replay(text.encode(), "<journal>"), verify=True)
    assert replayed.game.state.digest() == game.state.digest()
