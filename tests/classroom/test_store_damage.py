"""A damaged class store (bad pages, a room that is not the room's JSON) is one located error
and exit status 1 for `classes` and `classes --export`, never a traceback, and the file is
left exactly as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caspian_tabletop.classroom.hosting import store_path
from caspian_tabletop.classroom.store import ClassStore
from caspian_tabletop.cli import main

ROOM = {"teams": {"KZ": "Astana"}, "phase": "orders"}


def _store_with_classes(count: int = 40) -> Path:
    store = ClassStore(store_path())
    for number in range(count):
        store.create(f"class-{number:03d}", "caspian-2021", ROOM, "save text " * 50)
    store.close()
    return store_path()


def _both(tmp_path: Path) -> list[tuple[int, str]]:
    """What `classes` and `classes --export` print, with the exit status; no traceback."""
    out = []
    for args in (["classes"], ["classes", "--export", "class-001", str(tmp_path / "x.yaml")]):
        result = CliRunner().invoke(main, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception)
        out.append((result.exit_code, result.output))
    return out


def _set_room(text: str) -> None:
    db = sqlite3.connect(store_path())
    db.execute("UPDATE classes SET room = ? WHERE id = 'class-001'", (text,))
    db.commit()
    db.close()  # the last connection: its log is written back into the file


def test_a_room_that_is_not_json_or_has_no_teams_is_one_line(tmp_path: Path) -> None:
    path = _store_with_classes()
    for room, why in (("{not json", "its room is not JSON"), ("{}", "its room has no teams"),
                      ("[1]", "its room has no teams")):
        _set_room(room)
        before = path.read_bytes()
        for code, output in _both(tmp_path):
            assert code == 1
            assert output == (f"{path}: error: the class store is damaged: class "
                              f"'class-001': {why}" + output.split(why, 1)[1])
            assert output.count("\n") == 1
        assert path.read_bytes() == before and not (tmp_path / "x.yaml").exists()


def test_bad_pages_are_one_line_and_the_file_is_kept(tmp_path: Path) -> None:
    path = _store_with_classes()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\xff" * (len(data) - page)  # every page after the first: junk
    path.write_bytes(bytes(data))
    for code, output in _both(tmp_path):
        assert code == 1
        assert output.startswith(f"{path}: error: the class store is damaged: ")
        assert output.count("\n") == 1
    assert path.read_bytes() == bytes(data) and not (tmp_path / "x.yaml").exists()


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spots=st.lists(st.tuples(st.integers(0, 2**20), st.binary(min_size=1, max_size=64)),
                      min_size=1, max_size=8))
def test_any_damage_past_the_header_is_never_a_traceback(
        tmp_path: Path, spots: list[tuple[int, bytes]]) -> None:
    path = store_path()
    if not path.exists():
        _store_with_classes()
    good = path.read_bytes()
    data = bytearray(good)
    for offset, junk in spots:
        at = 100 + offset % (len(data) - 100)  # the 100-byte header is sqlite's own check
        data[at:at + len(junk)] = junk[:len(data) - at]
    path.write_bytes(bytes(data))
    try:
        for code, output in _both(tmp_path):
            assert code in (0, 1) and "Traceback" not in output
            assert code == 0 or output.count("\n") == 1
        assert path.read_bytes() == bytes(data)
    finally:
        path.write_bytes(good)
        (tmp_path / "x.yaml").unlink(missing_ok=True)
