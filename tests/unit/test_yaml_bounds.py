"""Alias bombs: a file under the size limit cannot expand past the loader's bounds.

The memory tests load each bomb in a fresh process, through the real command line, and read
that process's own peak memory: the high-water mark of its address space (`VmHWM` on Linux),
or `resource.getrusage` elsewhere. On Linux `ru_maxrss` of a child also counts the memory of
the process it was forked from, so under a busy test runner it measured the runner, not the
loader.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_tabletop import paths
from caspian_tabletop.domain.errors import ScenarioError
from caspian_tabletop.replay import load_replay, save_replay
from caspian_tabletop.replay.errors import ReplayFileError
from caspian_tabletop.scenario import yaml_bounds
from caspian_tabletop.scenario.yaml_loader import read_document

MEMORY_LIMIT_KB = 200 * 1024
MEASURE = textwrap.dedent(
    """
    import resource, sys
    from caspian_tabletop.cli import main

    def peak_kb():
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    try:
        main(sys.argv[1:], prog_name="caspian-tabletop")
    finally:
        print(f"peak-kb {peak_kb()}", file=sys.stderr)
    """
)


def _run_measured(*args: str) -> tuple[int, str, int]:
    """Exit code, error lines and peak memory (KB) of the command line in a new process."""
    done = subprocess.run([sys.executable, "-c", MEASURE, *args], capture_output=True,
                          text=True, check=False, timeout=120)
    lines = done.stderr.splitlines()
    peak = int(lines[-1].removeprefix("peak-kb "))
    return done.returncode, "\n".join(lines[:-1]), peak


def note_bomb(path: Path, size: int = 1024 * 1024, repeats: int = 2_000) -> int:
    """A replay of about `size` bytes whose one anchored note is repeated `repeats` times;
    returns the line of the alias that takes the text past the bound."""
    demo = (paths.scenarios_dir() / "replays" / "tutorial-demo.yaml").read_text("utf-8")
    head = demo[:demo.index("  steps:\n") + len("  steps:\n")]  # up to turn 1's steps
    aliases = "  - note: *a\n" * repeats
    note = "x" * (size - len(head) - len(aliases) - 30)
    path.write_text(f"{head}  - note: &a {note}\n{aliases}end: true\n", encoding="utf-8")
    first_alias = head.count("\n") + 2
    # The anchored note and k aliases hold (k + 1) notes: the k-th alias crosses the bound.
    return first_alias + yaml_bounds.MAX_TEXT // len(note) - 1


def laughs_bomb(path: Path) -> None:
    """A scenario file with nine nested levels of ten aliases (10**9 laughs)."""
    lines = ["id: laughs", "title: Laughs", f"a: &a [{', '.join(['lol'] * 10)}]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_note_bomb_replay_is_refused_at_its_alias_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    line = note_bomb(path)
    assert 1_000_000 <= path.stat().st_size <= 1024 * 1024
    code, errors, peak = _run_measured("replay", str(path))
    assert code == 1
    assert errors == (f"{path}:{line}:11: error: alias *a expands the document to more than "
                      f"{yaml_bounds.MAX_TEXT} characters of text")
    assert peak < MEMORY_LIMIT_KB


def test_billion_laughs_scenario_is_refused_at_its_alias_in_bounded_memory(
        tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    laughs_bomb(path)
    code, errors, peak = _run_measured("validate", str(path))
    assert code == 1
    # The file up to e's list holds 12,355 values, and each *d adds 11,111: the fourth *d
    # in e (line 7, column 8 + 3 * 4) passes 50,000.
    assert errors == (f"{path}:7:20: error: alias *d expands the document to more than "
                      f"{yaml_bounds.MAX_NODES} values")
    assert peak < MEMORY_LIMIT_KB


def _problem(path: Path) -> str:
    with pytest.raises(ScenarioError) as caught:
        read_document(path, "doc.yaml")
    (problem,) = caught.value.problems
    return problem.render()


@pytest.mark.parametrize(("text", "expected"), [
    ("a: &a [*a]\n", "doc.yaml:1:8: error: alias *a is inside the value it repeats"),
    ("a: &a {b: [1, *a]}\n", "doc.yaml:1:15: error: alias *a is inside the value it repeats"),
    ("a: &a " + "[" * 40 + "]" * 40 + "\nb: " + "[" * 30 + "*a" + "]" * 30 + "\n",
     "doc.yaml:2:34: error: nesting deeper than 64 levels once alias *a is expanded"),
])
def test_aliases_that_recurse_or_nest_too_deep(tmp_path: Path, text: str,
                                               expected: str) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    assert _problem(path) == expected


def test_positions_stop_at_an_alias(tmp_path: Path) -> None:
    """The position table grows with the file: an alias's path holds the position of the
    value it repeats, and nothing under it is recorded again."""
    path = tmp_path / "doc.yaml"
    path.write_text("a: &x\n  b: [1, 2]\nc: *x\nd: *x\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.data == {"a": {"b": [1, 2]}, "c": {"b": [1, 2]}, "d": {"b": [1, 2]}}
    assert doc.data["c"] is not doc.data["d"]
    assert doc.values[("c",)] == doc.values[("a",)] == (1, 4)
    assert doc.keys[("d",)] == (4, 1)
    assert [loc for loc in doc.values if loc[:1] in (("c",), ("d",))] == [("c",), ("d",)]
    assert doc.position(("d", "b", 1)) == (1, 4)


def test_a_long_classroom_save_loads(tmp_path: Path) -> None:
    """Forty turns of seven teams with a note each turn: well inside the bounds."""
    demo = load_replay("historical-2020-2021")
    turns = [demo.turns[0].model_copy(update={"turn": t}) for t in range(1, 41)]
    save_replay(demo.model_copy(update={"turns": turns}), tmp_path / "long.yaml")
    again = load_replay(tmp_path / "long.yaml")
    assert len(again.turns) == 40
    assert again.turns[39].steps == demo.turns[0].steps


def _expanded(value: Any) -> tuple[int, int]:
    """Values and characters of text of built data, counted directly (keys included)."""
    if isinstance(value, dict):
        parts = [_expanded(k) for k in value] + [_expanded(v) for v in value.values()]
    elif isinstance(value, list):
        parts = [_expanded(v) for v in value]
    else:
        return 1, len(value)
    return 1 + sum(n for n, _ in parts), sum(t for _, t in parts)


words = st.text(alphabet="abcdefgh", min_size=1, max_size=6)
shared = st.lists(st.lists(words, max_size=4) | st.dictionaries(words, words, max_size=3),
                  min_size=1, max_size=3)


@settings(max_examples=60, deadline=None)
@given(shared, st.lists(st.integers(0, 2), max_size=12), st.integers(1, 40),
       st.integers(1, 80))
def test_bounds_hold_exactly_as_counted_on_the_data(
        pool: list[Any], picks: list[int], max_nodes: int, max_text: int) -> None:
    """Shared values are written as anchors and aliases; the loader refuses a document
    exactly when its expanded values or text, counted on the data, exceed the bounds."""
    data = {f"k{i}": pool[p % len(pool)] for i, p in enumerate(picks)} or {"k": "v"}
    text = yaml.safe_dump(data, default_style='"')  # quoted: every scalar is a string
    nodes, chars = _expanded(data)
    saved = yaml_bounds.MAX_NODES, yaml_bounds.MAX_TEXT
    yaml_bounds.MAX_NODES, yaml_bounds.MAX_TEXT = max_nodes, max_text
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "doc.yaml"
            path.write_text(text, encoding="utf-8")
            try:
                assert read_document(path).data == data
                assert nodes <= max_nodes and chars <= max_text
            except ScenarioError as exc:
                assert nodes > max_nodes or chars > max_text, exc
    finally:
        yaml_bounds.MAX_NODES, yaml_bounds.MAX_TEXT = saved


def test_bomb_errors_reach_the_replay_reader(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    note_bomb(path, size=200_000, repeats=100)
    with pytest.raises(ReplayFileError, match="alias \\*a expands the document"):
        load_replay(path)
