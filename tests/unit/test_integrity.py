"""Saves cannot be forged quietly: the digest chain covers the seed, the seats and every
record, every reader verifies it first, and a class key's signature tells saves played under
the key from anything else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import caspian_tabletop
from caspian_tabletop import paths
from caspian_tabletop.cli import main
from caspian_tabletop.domain.moves import parse_move
from caspian_tabletop.domain.seats import parse_seat
from caspian_tabletop.replay import load_replay, run_replay
from caspian_tabletop.saves import games_dir, list_games
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.session import Session

DEMO = paths.scenarios_dir() / "replays" / "tutorial-demo.yaml"
FIXTURES = Path(__file__).parents[1] / "fixtures"

def _digest_of_turn(turn: int) -> str:
    lines = [line for line in DEMO.read_text(encoding="utf-8").splitlines(keepends=True)
             if line.startswith("  digest: ")]
    return lines[turn - 1]


# One edit per kind of tampering, and the first turn whose digest it breaks.
TAMPERING = {
    "seed": ("seed: 7\n", "seed: 8\n", 1),
    "roll": ("    roll: 0.22520718999059186\n", "    roll: 0.12520718999059186\n", 2),
    "move": ("  - move: KZ invest aktau-expansion\n", "  - move: KZ pass\n", 1),
    "digest": (_digest_of_turn(2), _digest_of_turn(2)[:-2]
               + ("1" if _digest_of_turn(2)[-2] == "0" else "0") + "\n", 2),
    "seat": ("  KZ: ai normal\n", "  KZ: ai easy\n", 1),
    "note": ("in the middle Caspian.", "in the north Caspian.", 1),
}


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASPIAN_TABLETOP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CASPIAN_TABLETOP_KEY", raising=False)
    monkeypatch.chdir(tmp_path)


def _run(*args: str, stdin: str | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _tampered(kind: str) -> Path:
    before, after, _ = TAMPERING[kind]
    text = DEMO.read_text(encoding="utf-8")
    assert text.count(before) == 1
    target = Path(f"{kind}.yaml")
    target.write_text(text.replace(before, after), encoding="utf-8")
    return target


@pytest.mark.parametrize("kind", sorted(TAMPERING))
def test_a_tampered_save_is_refused_at_its_first_changed_turn(kind: str) -> None:
    target = _tampered(kind)
    turn = TAMPERING[kind][2]
    for args in (["replay", str(target), "--verify"], ["replay", str(target)],
                 ["play", "--load", str(target), "--actor", "AZ"],
                 ["report", str(target)]):
        result = _run(*args, stdin="quit\n")
        assert result.exit_code == 1, (args, result.output)
        assert f"{target}:" in result.output
        assert f": error: turn {turn}: digest mismatch (recorded " in result.output
    assert not games_dir().exists() or not list(games_dir().glob("*.yaml"))  # not laundered


def test_the_untouched_file_verifies_and_loads() -> None:
    assert _run("replay", str(DEMO), "--verify").exit_code == 0
    branched = _run("replay", str(DEMO), "--until", "2", "--branch", "b.yaml")
    assert branched.exit_code == 0, branched.output
    assert _run("play", "--load", "b.yaml", stdin="quit\n").exit_code == 0
    assert len(list_games()) == 1


def test_a_file_claiming_a_finished_game_that_goes_on_is_refused() -> None:
    _run("replay", str(DEMO), "--until", "2", "--branch", "b.yaml")
    text = Path("b.yaml").read_text(encoding="utf-8").replace("turns:\n", "finished: true\n"
                                                              "turns:\n", 1)
    Path("b.yaml").write_text(text, encoding="utf-8")
    result = _run("replay", "b.yaml")
    assert result.exit_code == 1 and "digest mismatch" in result.output


def test_signed_saves_are_told_from_unsigned_ones(tmp_path: Path) -> None:
    key = tmp_path / "class.key"
    key.write_text("correct horse battery staple\n", encoding="utf-8")
    other = tmp_path / "other.key"
    other.write_text("a different class key\n", encoding="utf-8")
    played = _run("play", "--scenario", "tutorial", "--seed", "3", "--actor", "AZ",
                  "--key-file", str(key), stdin="pass\nquit\n")
    assert played.exit_code == 0, played.output
    [signed] = list_games()
    assert "signature: hmac-sha256:" in signed.path.read_text(encoding="utf-8")
    good = _run("replay", str(signed.path), "--verify", "--key-file", str(key))
    assert good.exit_code == 0 and good.output.endswith("Signed with this key.\n")
    wrong = _run("replay", str(signed.path), "--verify", "--key-file", str(other))
    assert wrong.exit_code == 1 and wrong.output.endswith("Not signed with this key.\n")
    unsigned = _run("replay", str(DEMO), "--verify", "--key-file", str(key))
    assert unsigned.exit_code == 1
    assert unsigned.output.endswith("Not signed with this key. (The file carries no "
                                    "signature.)\n")


def test_the_key_may_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASPIAN_TABLETOP_KEY", "class key from the environment")
    _run("replay", str(DEMO), "--until", "1", "--branch", "b.yaml")
    assert "Signed with this key." in _run("replay", "b.yaml", "--verify").output
    monkeypatch.setenv("CASPIAN_TABLETOP_KEY", "another key entirely")
    assert _run("replay", "b.yaml", "--verify").exit_code == 1


def test_a_resigned_file_needs_the_key_not_just_the_program(tmp_path: Path) -> None:
    """Editing a signed save and sealing it again without the key leaves it unsigned."""
    key = tmp_path / "class.key"
    key.write_text("correct horse battery staple", encoding="utf-8")
    _run("replay", str(DEMO), "--until", "2", "--branch", "b.yaml", "--key-file", str(key))
    text = Path("b.yaml").read_text(encoding="utf-8").replace("AZ: human player",
                                                              "AZ: ai hard")
    Path("b.yaml").write_text(text, encoding="utf-8")
    assert _run("replay", "b.yaml", "--rewrite-digests").exit_code == 0
    result = _run("replay", "b.yaml", "--verify", "--key-file", str(key))
    assert result.exit_code == 1 and "Not signed with this key." in result.output


@pytest.mark.parametrize(("content", "message"), [
    ("short\n", "the class key must be at least 8 characters long"),
    ("x" * 5000, "not a key file: longer than 4096 bytes")])
def test_a_bad_key_file_is_a_clear_error(content: str, message: str) -> None:
    Path("k").write_text(content, encoding="utf-8")
    result = _run("replay", str(DEMO), "--verify", "--key-file", "k")
    assert result.exit_code == 1 and result.output == f"k: error: {message}\n"
    missing = _run("replay", str(DEMO), "--verify", "--key-file", "none")
    assert missing.exit_code == 1
    assert "none: error: cannot read the key file: No such file or directory" in missing.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_key_file_that_is_a_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    """In a child process with a timeout: reading a FIFO would wait for a writer forever."""
    os.mkfifo("k")
    code = "import sys; from caspian_tabletop.cli import main; sys.exit(main())"
    env = {**os.environ, "PYTHONPATH": str(Path(caspian_tabletop.__file__).parents[1])}
    done = subprocess.run([sys.executable, "-c", code, "replay", str(DEMO), "--verify",
                           "--key-file", "k"], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL, env=env)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == ("k: error: not a key file: it is a named pipe (FIFO), not a regular "
                           "file\n")


def test_a_key_in_the_environment_that_is_not_utf8_is_a_clear_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASPIAN_TABLETOP_KEY", os.fsdecode(b"\xff\xfeabcdefgh"))
    result = _run("replay", str(DEMO), "--verify")
    assert result.exit_code == 1
    assert result.output == ("$CASPIAN_TABLETOP_KEY: error: the class key is not valid UTF-8 "
                             "text; set it to letters, digits and punctuation\n")


def _as_format_1(text: str) -> str:
    """A format-2 file as format 1 wrote it: plain state digests, no chain, no `finished`."""
    states = run_replay(load_replay(DEMO)).states
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("version: "):
            line = "version: 1\n"
        elif line.startswith("finished: "):
            continue
        elif line.startswith("  digest: "):
            line = f"  digest: {states[len([x for x in lines if x.startswith('  digest')]) + 1]}\n"
        lines.append(line)
    return "".join(lines)


def test_a_save_of_format_1_still_loads_with_a_warning() -> None:
    Path("v1.yaml").write_text(_as_format_1(DEMO.read_text(encoding="utf-8")), encoding="utf-8")
    result = _run("replay", "v1.yaml", "--verify")
    assert result.exit_code == 0, result.output
    assert "warning: written by an older version (format 1)" in result.output
    edited = Path("v1.yaml").read_text(encoding="utf-8").replace(
        "    roll: 0.8972138009695755\n", "    roll: 0.0972138009695755\n")
    Path("v1.yaml").write_text(edited, encoding="utf-8")
    refused = _run("replay", "v1.yaml", "--verify")
    assert refused.exit_code == 1 and "turn 1: digest mismatch" in refused.output


def test_a_save_from_before_the_rules_changed_is_shown_but_not_played_on() -> None:
    """tests/fixtures/replay-v1.yaml was saved by an earlier version of the rules and the
    scenario: its transcript still reads, with warnings; nothing verifies or plays it."""
    shown = _run("replay", str(FIXTURES / "replay-v1.yaml"))
    assert shown.exit_code == 0, shown.output
    assert "warning: written by an older version (format 1)" in shown.output
    assert "the scenario changed since this replay was recorded" in shown.output
    for args in (["replay", "--verify"], ["play", "--load"]):
        refused = _run(*args, str(FIXTURES / "replay-v1.yaml"), stdin="quit\n")
        assert refused.exit_code == 1
        assert "scenario hash differs" in refused.output


def test_a_save_outlives_a_scenario_update_that_does_not_change_its_game() -> None:
    """A sealed save on a scenario whose goals or par have since changed still plays the same
    game: it verifies, with a warning, and plays on.  An update that changes the play (a rule
    coefficient) makes its digests differ, and it is refused."""
    scenario = Path("tut.yaml")
    scenario.write_text((paths.scenarios_dir() / "tutorial.yaml").read_text(encoding="utf-8"),
                        encoding="utf-8")
    save = Path("save.yaml")
    save.write_text(DEMO.read_text(encoding="utf-8").replace(
        "  id: tutorial\n", "  id: tutorial\n  file: tut.yaml\n"), encoding="utf-8")
    assert _run("replay", str(save), "--rewrite-digests").exit_code == 0
    assert _run("replay", str(save), "--verify").exit_code == 0
    sealed = save.read_text(encoding="utf-8")

    text = scenario.read_text(encoding="utf-8")
    assert text.count("RU: {par: 40.6, sd: 13.2}") == 1
    scenario.write_text(text.replace("RU: {par: 40.6, sd: 13.2}", "RU: {par: 30.0, sd: 12.5}"),
                        encoding="utf-8")
    kept = _run("replay", str(save), "--verify")
    assert kept.exit_code == 0, kept.output
    assert "warning: scenario hash differs" in kept.output
    assert "the game replays exactly as recorded, so it goes on under the new version" in (
        kept.output)
    played = _run("play", "--load", str(save), stdin="quit\n")
    assert played.exit_code == 0, played.output
    assert save.read_text(encoding="utf-8") == sealed  # loading changed nothing

    rules = scenario.read_text(encoding="utf-8")
    assert rules.count("  trade_influence_per_mt: ") == 1
    scenario.write_text(rules.replace("  trade_influence_per_mt: ",
                                      "  trade_influence_per_mt: 1", 1), encoding="utf-8")
    refused = _run("replay", str(save), "--verify")
    assert refused.exit_code == 1
    assert "scenario hash differs" in refused.output
    assert "no longer plays the recorded game" in refused.output or (
        "recorded and replayed differ" in refused.output)


def test_a_game_resumed_under_a_newer_scenario_saves_and_resumes_again() -> None:
    """Played on after the update, the save is sealed again under the new version, so it
    verifies without a warning from then on."""
    source = Path("tut.yaml")
    source.write_text((paths.scenarios_dir() / "tutorial.yaml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    seats = {"RU": parse_seat("ai normal"), "AZ": parse_seat("human player"),
             "KZ": parse_seat("ai normal")}
    save = Path("game.yaml")
    first = Session.start(load_scenario(source), seats, seed=3, autosave_path=save,
                          scenario_file="tut.yaml")
    first.run_ai_until_human()
    first.play(parse_move("AZ pass"))
    first.run_ai_until_human()
    first.close()
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("RU: {par: 40.6, sd: 13.2}", "RU: {par: 30.0, sd: 12.5}"),
                      encoding="utf-8")
    again = Session.from_replay(load_replay(save), save)
    assert any("goes on under the new version" in w for w in again.warnings)
    again.play(parse_move("AZ pass"))
    again.run_ai_until_human()
    again.close()
    third = Session.from_replay(load_replay(save), None)
    assert third.warnings == []
    assert third.game.turn == again.game.turn
    third.close()
