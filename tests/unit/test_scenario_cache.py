"""The disk cache of checked scenarios: hits equal fresh loads, and anything else misses."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from caspian_tabletop import paths
from caspian_tabletop.domain.errors import ScenarioError
from caspian_tabletop.replay.fingerprint import scenario_hash
from caspian_tabletop.scenario import cache, load
from caspian_tabletop.scenario.cache import CACHE_ENV, NO_CACHE_ENV
from caspian_tabletop.scenario.load import load_scenario
from caspian_tabletop.scenario.register import Register
from caspian_tabletop.scenario.schema import Scenario

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal.yaml"


@pytest.fixture
def entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Turn the cache on in a fresh folder; returns the folder entries are written to."""
    monkeypatch.delenv(NO_CACHE_ENV)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "scenarios"


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(raw: bytes, name: str) -> None:
        raise AssertionError(f"{name} was parsed although it is cached")

    monkeypatch.setattr(load, "parse_document", refuse)


def _copy(tmp_path: Path, old: str = "", new: str = "") -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return path


def test_bundled_scenario_hit_equals_fresh_load(entries: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = paths.resolve_scenario(None)
    stored = load_scenario(path)
    assert len(list(entries.glob("*.json"))) == 1
    _no_parsing(monkeypatch)
    hit = load_scenario(path)
    assert hit == stored
    assert hit.model_dump(exclude_unset=True) == stored.model_dump(exclude_unset=True)
    assert scenario_hash(hit) == scenario_hash(stored)


def test_hit_with_a_register_model(entries: Path, test_register: Register,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    stored = load_scenario(MINIMAL, test_register)
    _no_parsing(monkeypatch)
    assert load_scenario(MINIMAL, test_register) == stored


def test_changed_file_misses(entries: Path, tmp_path: Path, test_register: Register) -> None:
    path = _copy(tmp_path)
    before = load_scenario(path, test_register)
    path.write_text(path.read_text(encoding="utf-8").replace(
        f"title: {before.title}", "title: Renamed", 1), encoding="utf-8")
    assert load_scenario(path, test_register).title == "Renamed"
    assert len(list(entries.glob("*.json"))) == 2


def test_register_missing_a_cited_id_misses(entries: Path, test_register: Register) -> None:
    load_scenario(MINIMAL, test_register)
    smaller = Register(article=test_register.article, claims=test_register.claims,
                       references=[])
    with pytest.raises(ScenarioError, match="unknown source id"):
        load_scenario(MINIMAL, smaller)


def test_corrupt_entry_is_ignored_and_rewritten(entries: Path,
                                                test_register: Register) -> None:
    stored = load_scenario(MINIMAL, test_register)
    [entry] = entries.glob("*.json")
    for junk in (b"{not json", b'{"id": "minimal"}', b""):
        entry.write_bytes(junk)
        assert load_scenario(MINIMAL, test_register) == stored
        assert Scenario.model_validate_json(entry.read_bytes()) == stored


def test_errors_are_the_same_and_never_cached(entries: Path, tmp_path: Path,
                                              test_register: Register,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(tmp_path, "turns: 4", "turns: 0")

    def rendered() -> list[str]:
        with pytest.raises(ScenarioError) as caught:
            load_scenario(path, test_register, source="case.yaml")
        return [p.render() for p in caught.value.problems]

    with_cache = [rendered(), rendered()]
    assert not entries.exists() or not list(entries.glob("*.json"))
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    assert with_cache == [rendered(), rendered()]
    assert with_cache[0] and "calendar.turns" in with_cache[0][0]


def test_missing_file_is_the_usual_problem(entries: Path, tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "absent.yaml", source="absent.yaml")
    assert [p.render() for p in caught.value.problems] == [
        "absent.yaml:1:1: error: file not found"]


def test_turned_off_writes_nothing(entries: Path, monkeypatch: pytest.MonkeyPatch,
                                   test_register: Register) -> None:
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    load_scenario(MINIMAL, test_register)
    assert not entries.exists()


def test_an_entry_that_is_not_a_regular_file_is_left_alone(entries: Path,
                                                           test_register: Register) -> None:
    """A FIFO where an entry goes is neither opened (which would hang) nor replaced."""
    stored = load_scenario(MINIMAL, test_register)
    entry = entries / "fifo.json"
    os.mkfifo(entry)
    cache.store("fifo", stored)
    assert cache.lookup("fifo") is None  # returns at once: the pipe is not read
    assert stat.S_ISFIFO(entry.stat().st_mode)
    assert sorted(p.name for p in entries.iterdir() if p.name.endswith(".tmp")) == []


def test_new_entries_follow_the_umask(entries: Path, test_register: Register) -> None:
    previous = os.umask(0o022)
    try:
        load_scenario(MINIMAL, test_register)
    finally:
        os.umask(previous)
    [entry] = entries.glob("*.json")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o644
