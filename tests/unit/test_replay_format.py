"""The replay format: API round trip, migration of old versions, verification, branching."""

from __future__ import annotations

from pathlib import Path

import pytest

from caspian_tabletop import paths
from caspian_tabletop.domain.errors import ReplayError
from caspian_tabletop.replay import (
    branch,
    dump_replay,
    load_replay,
    replay_game,
    run_replay,
    save_replay,
    scenario_hash,
)
from caspian_tabletop.scenario.load import load_register, load_scenario
from shipped import scenario

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_bundled_replays_load_by_name() -> None:
    demo = load_replay("tutorial-demo")
    assert demo.scenario.id == "tutorial" and len(demo.turns) == 4
    assert load_replay("historical-2020-2021").scenario.id == "caspian-2021"


def test_save_and_load_round_trip_exactly(tmp_path: Path) -> None:
    demo = load_replay("tutorial-demo")
    save_replay(demo, tmp_path / "copy.yaml")
    again = load_replay(tmp_path / "copy.yaml")
    assert again.model_dump() == demo.model_dump()
    assert dump_replay(again) == (tmp_path / "copy.yaml").read_text(encoding="utf-8")


def test_scenario_hash_ignores_yaml_layout(tmp_path: Path) -> None:
    text = paths.resolve_scenario("tutorial").read_text(encoding="utf-8")
    relaid = tmp_path / "tutorial.yaml"
    relaid.write_text("# a new comment\n" + text.replace("turns: 4", "turns:    4  # four"),
                      encoding="utf-8")
    assert scenario_hash(load_scenario(relaid)) == scenario_hash(scenario("tutorial"))


def test_replay_game_returns_any_turn() -> None:
    demo = load_replay("tutorial-demo")
    after_two = replay_game(demo, until_turn=2)
    assert after_two.turn == 3 and not after_two.is_over
    assert after_two.digest() == run_replay(demo).states[2]
    assert replay_game(demo).is_over


def test_a_changed_digest_is_refused_at_its_turn(tmp_path: Path) -> None:
    demo = load_replay("tutorial-demo")
    turns = list(demo.turns)
    turns[2] = turns[2].model_copy(update={"digest": "0123456789abcdef"})
    save_replay(demo.model_copy(update={"turns": turns}), tmp_path / "bad.yaml")
    bad = load_replay(tmp_path / "bad.yaml", source="bad.yaml")
    for verify in (False, True):  # a digest that is there is always compared
        with pytest.raises(ReplayError) as caught:
            run_replay(bad, verify=verify)
        message = str(caught.value)
        assert message.startswith("bad.yaml:")
        assert message.endswith(
            f"error: turn 3: digest mismatch (recorded 0123456789abcdef, replayed "
            f"{demo.turns[2].digest}): the file was changed after it was saved, in this turn "
            "or before it")


def test_a_turn_without_a_digest_is_only_refused_by_verification(tmp_path: Path) -> None:
    demo = load_replay("tutorial-demo")
    turns = [t.model_copy(update={"digest": None}) if t.turn == 4 else t for t in demo.turns]
    unsealed = demo.model_copy(update={"turns": turns})
    assert run_replay(unsealed).game.is_over
    with pytest.raises(ReplayError, match="turn 4: no digest recorded: the file is not sealed"):
        run_replay(unsealed, verify=True)


def test_version_0_save_is_migrated() -> None:
    old = load_replay(FIXTURES / "replay-v0.yaml")
    assert (old.version, old.mode, old.scenario.id) == (2, "solo", "tutorial")
    assert not old.chained
    assert old.turns[0].events.event == "container-surge"
    assert old.turns[0].steps[0].note == "saved by the first prototype"
    game = replay_game(old)
    assert [r.move for r in game.records if r.kind == "move"] == [
        "RU summit KZ", "AZ trade KZ middle-corridor 0.5"]
    assert game.to_move == "KZ"


def test_branch_ends_after_the_turn_and_continues_as_a_new_game() -> None:
    demo = load_replay("tutorial-demo")
    game = replay_game(demo, until_turn=2)
    cut = branch(demo, game)
    assert [t.turn for t in cut.turns] == [1, 2, 3]
    assert cut.turns[2].steps == []
    assert cut.turns[2].events.model_dump() == demo.turns[2].events.model_dump()
    assert cut.turns[1].model_dump(exclude={"digest"}) == demo.turns[1].model_dump(
        exclude={"digest"})  # a new file: its chain starts from its own header
    assert cut.title == "Tutorial demo: one of each move (branch after turn 2)"
    assert run_replay(cut, verify=True).game.state.digest() == game.state.digest()
    assert replay_game(cut).state.digest() == game.state.digest()


def test_historical_replay_cites_known_sources() -> None:
    historical = load_replay("historical-2020-2021")
    known = load_register().ids()
    notes = [s for t in historical.turns for s in t.steps if s.note is not None]
    cited = {c for s in notes for c in s.cites}
    assert notes and all(s.cites for s in notes)
    assert cited <= known
    assert {"EDM-09", "EDM-12", "EDM-15", "EDM-20", "EDM-21", "REF-drills-conflict"} <= cited


def test_historical_replay_enacts_the_articles_moves() -> None:
    historical = load_replay("historical-2020-2021")
    moves = {s.move for s in historical.turns[0].steps if s.move}
    assert {"IR drill south RU", "AZ invest dostluk", "TM invest dostluk",
            "KZ invest aktau-expansion", "AF trade AZ lapis-lazuli 0.25"} <= moves
    # The October 2020 exercise is in the opening tension, so only February's drill is played.
    assert "RU drill middle IR" not in moves and "RU pass" in moves
    assert historical.turns[0].events.scheduled == ["dostluk-ratification"]
    disputed = [s.note or "" for s in historical.turns[0].steps if "REF-drills-conflict" in s.cites]
    assert len(disputed) == 2 and all("disagree" in n for n in disputed)


def test_checking_a_replay_looks_at_each_record_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of thousands of notes is checked in linear time: the records the replay makes
    are each looked at a bounded number of times, not once per later step."""
    from caspian_tabletop.engine.game import Game
    from caspian_tabletop.engine.records import Record
    from caspian_tabletop.replay import runner
    from caspian_tabletop.replay.schema import Step

    visits = [0]

    class CountingList(list[Record]):
        def __iter__(self):  # type: ignore[no-untyped-def]
            visits[0] += len(self)
            return super().__iter__()

    class CountingGame(Game):
        def __init__(self, *args: object, **kwargs: object) -> None:
            self.__dict__["records"] = CountingList()
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

        def __setattr__(self, name: str, value: object) -> None:
            if name == "records":
                self.records[:] = value  # type: ignore[index]
                return
            super().__setattr__(name, value)

    monkeypatch.setattr(runner, "Game", CountingGame)
    demo = load_replay("tutorial-demo")
    notes = [Step(note=f"note {i}") for i in range(2_000)]
    turns = [t.model_copy(update={"digest": None}) for t in demo.turns]  # an authored file
    turns[0] = turns[0].model_copy(update={"steps": [*notes, *demo.turns[0].steps]})
    run = run_replay(demo.model_copy(update={"turns": turns}))
    assert len(run.game.records) > 2_000
    assert visits[0] <= 3 * len(run.game.records)
