"""Saves cannot be forged quietly: the digest chain covers the seed, the seats and every
record, every reader verifies it first, and a class key's signature tells saves played under
the key from anything else."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from caspian_tabletop import paths
from caspian_tabletop.cli import main
from caspian_tabletop.saves import games_dir, list_games

DEMO = paths.scenarios_dir() / "replays" / "tutorial-demo.yaml"
FIXTURES = Path(__file__).parents[1] / "fixtures"

# One edit per kind of tampering, and the first turn whose digest it breaks.
TAMPERING = {
    "seed": ("seed: 7\n", "seed: 8\n", 1),
    "roll": ("    roll: 0.22520718999059186\n", "    roll: 0.12520718999059186\n", 2),
    "move": ("  - move: AZ summit KZ\n", "  - move: AZ pass\n", 2),
    "digest": ("  digest: 8756e3ec857e505a\n", "  digest: 8756e3ec857e505b\n", 2),
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


def test_a_save_of_format_1_still_loads_with_a_warning() -> None:
    result = _run("replay", str(FIXTURES / "replay-v1.yaml"), "--verify")
    assert result.exit_code == 0, result.output
    assert "warning: written by an older version (format 1)" in result.output
    edited = (FIXTURES / "replay-v1.yaml").read_text(encoding="utf-8").replace(
        "    roll: 0.8972138009695755\n", "    roll: 0.0972138009695755\n")
    Path("v1.yaml").write_text(edited, encoding="utf-8")
    refused = _run("replay", "v1.yaml", "--verify")
    assert refused.exit_code == 1 and "turn 1: digest mismatch" in refused.output
