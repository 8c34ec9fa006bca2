"""The position-tracking loader: positions, duplicates, and refusals that stay fast."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from caspian_tabletop.domain.errors import ScenarioError
from caspian_tabletop.scenario import yaml_loader
from caspian_tabletop.scenario.yaml_loader import dotted, parse_dotted, read_document


@pytest.fixture(autouse=True, params=["libyaml-first", "python-only"])
def _loaders(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with and without libyaml: results must not depend on it."""
    if request.param == "python-only":
        monkeypatch.setattr(yaml_loader, "_LOADERS", yaml_loader._LOADERS[-1:])


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "doc.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        read_document(path, "doc.yaml")
    return [p.render() for p in caught.value.problems]


def test_positions_of_keys_values_and_items(tmp_path: Path) -> None:
    text = (
        "actors:\n  RU:\n    navy:\n      - name: a\n        count: 4\n"
        "      - {name: b, count: 5}\n"
    )
    doc = read_document(_write(tmp_path, text))
    assert doc.data == {
        "actors": {"RU": {"navy": [{"name": "a", "count": 4}, {"name": "b", "count": 5}]}}
    }
    assert doc.keys[("actors",)] == (1, 1)
    assert doc.keys[("actors", "RU", "navy")] == (3, 5)
    assert doc.values[("actors", "RU", "navy", 0)] == (4, 9)
    assert doc.keys[("actors", "RU", "navy", 0, "count")] == (5, 9)
    assert doc.values[("actors", "RU", "navy", 0, "count")] == (5, 16)
    assert doc.values[("actors", "RU", "navy", 1, "count")] == (6, 26)


def test_nearest_recorded_parent(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "a:\n  b: 1\n"))
    assert doc.nearest(("a", "b", "value")) == ("a", "b")
    assert doc.position(("a", "b", "value")) == (2, 6)
    assert doc.position(("a", "b"), key=True) == (2, 3)
    assert doc.position(("zzz",)) == (1, 1)


def test_dates_and_merge_keys_stay_text(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "date: 2021-02-19\n'<<': x\n"))
    assert doc.data == {"date": "2021-02-19", "<<": "x"}


def test_duplicate_keys_name_both_positions(tmp_path: Path) -> None:
    assert _problems(_write(tmp_path, "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")) == [
        "doc.yaml:4:3: error: b.c: duplicate key (first at line 3, column 3)",
        "doc.yaml:5:1: error: a: duplicate key (first at line 1, column 1)",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "doc.yaml:1:1: error: file is empty"),
        ("- 1\n", "doc.yaml:1:1: error: top level must be a mapping of fields"),
        ("a: !!binary aGk=\n", "doc.yaml:1:4: error: tag !!binary is not allowed"),
        ("a: !local x\n", "doc.yaml:1:4: error: tag !local is not allowed"),
        ("a: !!int x\n", "doc.yaml:1:4: error: cannot read 'x' as !!int"),
        ("a: 0x_\n", "doc.yaml:1:4: error: cannot read '0x_' as !!int"),
        ("a: *nope\n", "doc.yaml:1:4: error: invalid YAML: found undefined alias 'nope'"),
        ("? [1]\n: 2\n", "doc.yaml:1:3: error: mapping keys must be plain values"),
        ("a: \x01\n", "doc.yaml:1:4: error: invalid YAML: character U+0001 is not allowed"),
        ("a: 1\n---\nb: 2\n", "doc.yaml:2:1: error: invalid YAML: but found another document"),
    ],
)
def test_refusals(tmp_path: Path, text: str, expected: str) -> None:
    (problem,) = _problems(_write(tmp_path, text))
    assert problem.startswith(expected)


def test_non_utf8_names_line_and_column(tmp_path: Path) -> None:
    (problem,) = _problems(_write(tmp_path, b"a: 1\nb\xc3\xa9: \xff\n"))
    assert problem == "doc.yaml:2:5: error: not UTF-8 text: byte 0xff at offset 10"


@pytest.mark.parametrize(
    "text",
    [
        "a: &a [*a]\n",  # an alias inside itself
        "a: " + "[" * 5000 + "]" * 5000 + "\n",  # nesting that would overflow the stack
        "a: " + "[" * 80 + "]" * 80 + "\n",  # deeper than the builder allows
        "a: &a ["
        + ",".join(["x"] * 10)
        + "]\n"
        + "".join(
            f"{c}: &{c} [{','.join(['*' + p] * 10)}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ],
    ids=["recursive-alias", "deep-nesting", "too-deep", "billion-laughs"],
)
def test_hostile_documents_fail_fast(tmp_path: Path, text: str) -> None:
    start = time.perf_counter()
    assert len(_problems(_write(tmp_path, text))) == 1
    assert time.perf_counter() - start < 1.0


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    with path.open("wb") as handle:
        handle.truncate(5 * 1024 * 1024 + 1)
    start = time.perf_counter()
    (problem,) = _problems(path)
    assert problem == "doc.yaml:1:1: error: file is larger than 5 MiB (5242881 bytes)"
    assert time.perf_counter() - start < 1.0


def test_missing_and_directory(tmp_path: Path) -> None:
    assert _problems(tmp_path / "nope.yaml") == ["doc.yaml:1:1: error: file not found"]
    assert _problems(tmp_path) == ["doc.yaml:1:1: error: not a file"]


@pytest.mark.parametrize(
    ("loc", "text"),
    [
        (("actors", "RU", "navy", 2, "count"), "actors.RU.navy[2].count"),
        (("initial", "relations", 0, "pair", 1), "initial.relations[0].pair[1]"),
        (("rules",), "rules"),
        ((), ""),
    ],
)
def test_dotted_round_trip(loc: tuple[object, ...], text: str) -> None:
    assert dotted(loc) == text
    assert parse_dotted(text) == loc
