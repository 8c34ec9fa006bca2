"""Bad input to `host`, `classes` and `join`: a clear message and exit status 1 (usage
errors 2, as click gives them), and nothing written or replaced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from caspian_tabletop.classroom.hosting import new_class, store_path
from caspian_tabletop.classroom.store import ClassStore
from caspian_tabletop.cli import class_commands, main
from caspian_tabletop.paths import resolve_scenario
from shipped import scenario


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_host_refuses_bad_teams_and_unknown_classes() -> None:
    code, out = _run("host", "--teams", "KZ,XX", "--no-browsers")
    assert code == 1 and "no actor 'XX' in caspian-2021" in out
    code, out = _run("host", "--no-browsers")
    assert code == 2 and "--teams RU,AZ,KZ,TM" in out
    code, out = _run("host", "--teams", "KZ,KZ")
    assert code == 2 and "named twice" in out
    code, out = _run("host", "--teams", "KZ", "--team-name", "AZ=Baku")
    assert code == 2 and "AZ is not one of --teams" in out
    code, out = _run("host", "--resume", "class-nope")
    assert code == 1 and "no class 'class-nope'" in out
    code, out = _run("host", "--resume", "class-nope", "--teams", "KZ")
    assert code == 2 and "--resume brings a class back as it was" in out
    code, out = _run("host", "--teams", "KZ", "--keep-tokens", "--no-browsers")
    assert code == 2 and "--keep-tokens goes with --resume CLASS" in out


def test_host_bounds_the_browser_tabs_of_one_device_and_of_no_code(
        monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[Any] = []

    async def no_serving(server: Any, host: str, port: int, shown: str, browser: Any,
                         browser_port: int) -> None:
        served.append(browser)

    monkeypatch.setattr(class_commands, "_serve", no_serving)
    code, out = _run("host", "--teams", "KZ", "--max-tabs-per-address", "2")
    assert code == 0, out
    assert "2 from one device" in out and "within 3 minutes is closed" in out
    settings = served[0].settings
    assert (settings.per_address, settings.join_within) == (2, class_commands.JOIN_WITHIN)
    code, out = _run("host", "--teams", "KZ", "--max-tabs-per-address", "0")
    assert code == 2 and "--max-tabs-per-address" in out


def test_classes_lists_and_exports_without_replacing(tmp_path: Path) -> None:
    code, out = _run("classes")
    assert code == 0 and "no classes yet" in out
    store = ClassStore(store_path())
    hosted = new_class(store, scenario("caspian-2021"), {"KZ": "Astana"}, bots="easy",
                       seed=4, scenario_path=resolve_scenario("caspian-2021"))
    class_id = hosted.room.class_id
    hosted.close()
    code, out = _run("classes")
    assert code == 0 and class_id in out and "KZ" in out
    target = tmp_path / "class.yaml"
    code, _ = _run("classes", "--export", class_id, str(target))
    assert code == 0 and "human Astana" in target.read_text()
    target.write_text("mine")
    code, out = _run("classes", "--export", class_id, str(target))
    assert code == 1 and "the file exists" in out and target.read_text() == "mine"
    code, _ = _run("classes", "--export", class_id, str(target), "--force")
    assert code == 0 and "human Astana" in target.read_text()
    code, out = _run("classes", "--export", "class-nope", str(tmp_path / "x.yaml"))
    assert code == 1 and "no class 'class-nope'" in out and not (tmp_path / "x.yaml").exists()


def test_a_store_that_is_not_a_file_is_refused() -> None:
    store_path().mkdir(parents=True)
    code, out = _run("classes")
    assert code == 1 and "not a regular file" in out


def test_join_refuses_an_address_that_is_not_a_class() -> None:
    code, out = _run("join", "ftp://example.org")
    assert code == 1 and "is not a class address" in out


def test_a_store_that_is_not_a_database_is_refused_and_left_alone() -> None:
    store_path().parent.mkdir(parents=True)
    store_path().write_bytes(b"not a database at all" * 100)
    code, out = _run("classes")
    assert code == 1 and "cannot open the class store" in out
    assert store_path().read_bytes() == b"not a database at all" * 100


def test_a_class_whose_game_was_edited_is_not_resumed() -> None:
    store = ClassStore(store_path())
    hosted = new_class(store, scenario("caspian-2021"), {"KZ": "Astana"}, bots="easy",
                       seed=4, scenario_path=resolve_scenario("caspian-2021"))
    class_id = hosted.room.class_id
    hosted.close()
    store = ClassStore(store_path())
    stored = store.load(class_id)
    edited = stored.save.replace("seed: 4", "seed: 5")
    assert edited != stored.save
    store.record(class_id, stored.room, edited, "test", "edited by hand")
    store.close()
    code, out = _run("host", "--resume", class_id, "--no-browsers")
    assert code == 1 and "digest mismatch" in out and "Traceback" not in out
    assert ClassStore(store_path()).load(class_id).save == edited  # nothing rewritten
