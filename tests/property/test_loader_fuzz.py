"""Any input gives a valid scenario or a ScenarioError, never another exception."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caspian_tabletop.domain.errors import ScenarioError
from caspian_tabletop.scenario import yaml_loader
from caspian_tabletop.scenario.load import load_register, load_scenario

FIXTURES = Path(__file__).parents[1] / "fixtures"
REGISTER = load_register(FIXTURES / "register.yaml")
MINIMAL_TEXT = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
MINIMAL = yaml.safe_load(MINIMAL_TEXT)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_WORKSPACE = tempfile.TemporaryDirectory(prefix="caspian-fuzz-")  # removed at exit
WORKDIR = Path(_WORKSPACE.name)

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["RU", "AZ", "north", "REF-fleet", "surface-combatant", "east-west", ""]),
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=30,
)


def _check(raw: bytes) -> None:
    path = WORKDIR / "case.yaml"
    path.write_bytes(raw)
    try:
        load_scenario(path, REGISTER)
    except ScenarioError as exc:
        assert exc.problems
        assert all(p.line >= 1 and p.column >= 1 for p in exc.problems)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


MINIMAL_PATHS = [p for p in _paths(MINIMAL) if p]


@FUZZ
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    _check(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.binary())
def test_arbitrary_bytes(raw: bytes) -> None:
    _check(raw)


@FUZZ
@given(documents)
def test_arbitrary_documents(document: Any) -> None:
    _check(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(MINIMAL_PATHS), documents | st.just(...)), max_size=4))
def test_mutated_minimal_scenario(edits: list[tuple[tuple[Any, ...], Any]]) -> None:
    data = copy.deepcopy(MINIMAL)
    for path, value in edits:
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            if value is ...:
                del parent[path[-1]]
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    _check(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


@FUZZ
@given(
    st.integers(min_value=0, max_value=len(MINIMAL_TEXT)), st.integers(0, 40), st.text(max_size=8)
)
def test_spliced_minimal_text(at: int, cut: int, insert: str) -> None:
    text = MINIMAL_TEXT[:at] + insert + MINIMAL_TEXT[at + cut :]
    _check(text.encode("utf-8", "surrogatepass"))


def _outcome(raw: bytes, loaders: tuple[type[Any], ...]) -> object:
    path = WORKDIR / "same.yaml"
    path.write_bytes(raw)
    saved = yaml_loader._LOADERS
    yaml_loader._LOADERS = loaders
    try:
        return yaml_loader.read_document(path, "same.yaml").data
    except ScenarioError as exc:
        # libyaml places empty scalars differently: compare what is wrong, not where
        return sorted((p.dotted, p.message) for p in exc.problems)
    finally:
        yaml_loader._LOADERS = saved


@FUZZ
@given(st.dictionaries(st.text(max_size=10), documents, min_size=1, max_size=4))
def test_libyaml_and_python_read_a_mapping_alike(mapping: dict[str, Any]) -> None:
    """Any mapping written as YAML reads back the same through libyaml as through PyYAML's own
    parser (no example passes without the comparison)."""
    raw = yaml.safe_dump(mapping, allow_unicode=True).encode("utf-8")
    python_only = _outcome(raw, yaml_loader._LOADERS[-1:])
    assert _outcome(raw, yaml_loader._LOADERS) == python_only


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{},&*!#'\"\n ?|>.0123")), max_size=60))
def test_libyaml_and_python_agree_on_odd_text(text: str) -> None:
    """What PyYAML's own parser reads as a mapping, libyaml reads the same; where it refuses,
    libyaml refuses with located problems too or reads a mapping (it is laxer on odd
    corners), and never fails in another way."""
    raw = text.encode("utf-8")
    python_only = _outcome(raw, yaml_loader._LOADERS[-1:])
    both = _outcome(raw, yaml_loader._LOADERS)
    if isinstance(python_only, dict):
        assert both == python_only
    else:
        assert python_only and (isinstance(both, dict) or both)
