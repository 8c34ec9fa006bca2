"""`replay` and `play` on the command line: transcripts, JSON, branching, resuming."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from caspian_tabletop.cli import main
from caspian_tabletop.replay import load_replay
from caspian_tabletop.saves import list_games


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASPIAN_TABLETOP_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)


def _run(*args: str, stdin: str | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_replay_until_stops_after_that_turn() -> None:
    result = _run("replay", "tutorial-demo", "--until", "2")
    assert result.exit_code == 0
    assert "Turn 2 — 2021 Q2" in result.output and "Turn 3" not in result.output
    assert result.output.splitlines()[-1].startswith("Scores at turn 3 (2021 Q3): RU ")


def test_replay_json_transcript() -> None:
    result = _run("replay", "tutorial-demo", "--json")
    data = json.loads(result.output)
    assert [t["turn"] for t in data["turns"]] == [1, 2, 3, 4]
    steps = data["turns"][1]["steps"]
    forced = next(s for s in steps if s["text"].startswith("RU blockade"))
    assert forced["outcome"] == "failure (umpire override)" and forced["facilitator"]
    assert data["over"] is True and set(data["scores"]) == {"RU", "AZ", "KZ"}
    first = data["turns"][0]
    assert first["digest"] == load_replay("tutorial-demo").turns[0].digest
    assert abs(sum(first["shift"]["AZ"]["terms"].values()) - first["shift"]["AZ"]["total"]) < 1e-9


def test_until_beyond_the_file_is_a_usage_error() -> None:
    result = _run("replay", "tutorial-demo", "--until", "9")
    assert result.exit_code == 2 and "the replay has 4 turn(s)" in result.output


def test_branch_needs_until() -> None:
    assert _run("replay", "tutorial-demo", "--branch", "x.yaml").exit_code == 2


def test_historical_branch_continues_as_a_new_game(tmp_path: Path) -> None:
    result = _run("replay", "historical-2020-2021", "--branch", "my-game.yaml", "--until", "1")
    assert result.exit_code == 0
    branched = load_replay(tmp_path / "my-game.yaml")
    assert branched.mode == "classroom" and [t.turn for t in branched.turns] == [1, 2]
    assert branched.turns[1].steps == []  # the article's closing note is not in the branch
    before = (tmp_path / "my-game.yaml").read_bytes()
    # AZ's team is asked about Iran's summit, and agrees.
    played = _run("play", "--load", "my-game.yaml", stdin="RU pass\nIR summit AZ\ny\nquit\n")
    assert played.exit_code == 0, played.output
    assert "Turn 2 — 2021 Q2" in played.output
    assert "[IR summit AZ: accepted;" in played.output
    [game] = list_games()
    saved = load_replay(game.path)
    assert [s.move for s in saved.turns[1].steps] == ["RU pass", "IR summit AZ"]
    assert (tmp_path / "my-game.yaml").read_bytes() == before  # play saves to its own file


def test_play_new_game_then_resume() -> None:
    # The `n` lines answer any trade offer the AI makes to RU (else they are bad moves).
    first = _run("play", "--scenario", "tutorial", "--seed", "5", "--actor", "RU",
                 "--difficulty", "easy", stdin="help\nmoves\nsummit KZ\nn\nn\nquit\n")
    assert first.exit_code == 0, first.output
    assert "  RU invest instc-west\n" in first.output
    assert "RU (player) > " in first.output and "[RU summit KZ" in first.output
    resumed = _run("play", "--resume", stdin="score\nundo\nquit\n")
    assert resumed.exit_code == 0, resumed.output
    assert "Turn 2 — 2021 Q2" in resumed.output
    assert "Undone. Turn 1 — 2021 Q1" in resumed.output


def test_play_reports_bad_input_and_goes_on() -> None:
    result = _run("play", "--scenario", "tutorial", "--seed", "5", "--actor", "RU",
                  stdin="RU trade KZ\ndrill south\nundo\nquit\n")
    assert result.exit_code == 0
    assert "error: 'RU trade KZ': expected 'ACTOR trade PARTNER CORRIDOR VOLUME'" in result.output
    assert "error: RU drill south: no zone 'south'" in result.output
    assert "error: undo: there is no human move to take back" in result.output


def test_trade_offer_to_the_human_asks_until_answered() -> None:
    # With seed 2 Russia's normal bot opens by offering Azerbaijan a summit.
    result = _run("play", "--scenario", "tutorial", "--seed", "2", "--actor", "AZ",
                  stdin="maybe\ny\nquit\n")
    assert "Please answer y or n." in result.output
    assert "[RU summit AZ: accepted;" in result.output


def test_resume_without_autosave_is_an_error() -> None:
    result = _run("play", "--resume")
    assert result.exit_code == 1 and "no unfinished game to resume" in result.output


def test_a_corrupt_save_is_listed_refused_and_kept(tmp_path: Path) -> None:
    save = tmp_path / "home" / "games" / "tutorial-20261201-0900-abc234.yaml"
    save.parent.mkdir(parents=True)
    broken = "format: caspian-replay\nversion: 2\nseed: [\n"
    save.write_text(broken, encoding="utf-8")
    listed = _run("saves")
    assert "abc234" in listed.output and "unreadable" in listed.output
    assert "no unfinished game to resume" in _run("play", "--resume").output
    result = _run("play", "--resume", "abc2")
    assert result.exit_code == 1 and "cannot be read" in result.output
    assert "invalid YAML" in result.output
    fresh = _run("play", "--scenario", "tutorial", "--seed", "1", stdin="quit\n")
    assert fresh.exit_code == 0
    assert save.read_text(encoding="utf-8") == broken
    assert len(list(save.parent.glob("*.yaml"))) == 2


def test_load_file_without_human_seats_needs_actor() -> None:
    _run("replay", "tutorial-demo", "--branch", "b.yaml", "--until", "1")
    text = Path("b.yaml").read_text(encoding="utf-8").replace("AZ: human player", "AZ: ai easy")
    Path("b.yaml").write_text(text, encoding="utf-8")
    assert "digest mismatch" in _run("play", "--load", "b.yaml").output  # edited by hand
    assert _run("replay", "b.yaml", "--rewrite-digests").exit_code == 0  # sealed by its author
    assert "choose one with --actor" in _run("play", "--load", "b.yaml").output
    played = _run("play", "--load", "b.yaml", "--actor", "KZ", stdin="quit\n")
    assert played.exit_code == 0 and "KZ human player" in played.output


def test_play_goes_on_when_the_disk_is_full_and_keeps_the_last_save(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    first = _run("play", "--scenario", "tutorial", "--seed", "5", "--actor", "RU",
                 stdin="quit\n")
    assert first.exit_code == 0
    [game] = list_games()
    good = game.path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    resumed = _run("play", "--resume", game.id, stdin="summit KZ\nn\nn\npass\nquit\n")
    assert resumed.exit_code == 0, resumed.output
    assert resumed.output.count(
        "warning: autosave failed: disk full — this game is not being saved") == 1
    assert "[RU summit KZ" in resumed.output  # played on
    assert resumed.output.endswith("warning: this game was not saved.\n")
    assert game.path.read_bytes() == good
    assert sorted(p.name for p in game.path.parent.iterdir()) == [game.path.name,
                                                                  game.path.name + ".lock"]


def test_play_in_a_data_folder_that_cannot_be_made_says_so(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           ) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CASPIAN_TABLETOP_HOME", str(blocker))
    result = _run("play", "--scenario", "tutorial", "--seed", "5", stdin="pass\nquit\n")
    assert result.exit_code == 0, result.output
    assert "warning: autosave failed: " in result.output
    assert "this game is not being saved" in result.output
    assert "[RU pass" in result.output or "RU pass" in result.output
    assert blocker.read_text(encoding="utf-8") == "x"
