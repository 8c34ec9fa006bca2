"""Safe YAML reading that remembers where every key and value came from.

PyYAML forgets positions once it builds Python data, silently keeps the last of two duplicate
keys, and expands aliases without limit.  Scenario errors must point at a line and column, so
this module composes the node tree with a SafeLoader and builds plain data itself: it records
1-based positions by path, refuses duplicates, unusual tags, deep nesting and alias bombs
(yaml_bounds.py), and turns every failure into a located `Problem` inside a `ScenarioError`.
libyaml parses when PyYAML has it (pure Python needs seconds for a few MiB); syntax errors are
always worded by PyYAML's Python parser so messages do not depend on the installation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from caspian_tabletop.domain.errors import Problem, ScenarioError
from caspian_tabletop.scenario.files import read_bytes
from caspian_tabletop.scenario.yaml_bounds import MAX_DEPTH, TOO_DEEP, LimitExceeded, check_events

Loc = tuple[Any, ...]
Position = tuple[int, int]

_CORE = "tag:yaml.org,2002:"
_MAP, _SEQ = _CORE + "map", _CORE + "seq"
_SCALAR_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null")}
# Dates, merge keys (<<) and the value key (=) stay plain strings: a scenario holds plain data.
_DROPPED_RESOLVERS = {_CORE + name for name in ("timestamp", "merge", "value")}


class _Loader(yaml.SafeLoader):
    """SafeLoader that resolves only plain YAML types (no dates, merges or value keys)."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED_RESOLVERS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def fetch_flow_collection_start(self, token_class: type) -> None:
        """Refuse deep `[[[...` early: the scanner's key lookahead is quadratic in depth."""
        if self.flow_level >= MAX_DEPTH:
            raise LimitExceeded(self.get_mark(), TOO_DEEP)
        super().fetch_flow_collection_start(token_class)


@dataclass(frozen=True)
class Document:
    """Plain data from one YAML file plus the position of every key and value by path."""

    source: str
    data: dict[str, Any]
    keys: dict[Loc, Position] = field(default_factory=dict)
    values: dict[Loc, Position] = field(default_factory=dict)

    def nearest(self, loc: Loc) -> Loc:
        """The longest prefix of `loc` that exists in the file."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.values:
                return loc[:end]
        return ()

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """Where `loc` (or its nearest recorded parent) sits; `key` prefers the key's position."""
        found = self.nearest(loc)
        if key and found in self.keys:
            return self.keys[found]
        return self.values.get(found, (1, 1))


class _Refused(Exception):
    """Internal: stop building at `node` with a reason."""

    def __init__(self, node: Node, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.node = node
        self.message = message
        self.hint = hint


def _pos(node: Node) -> Position:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


class _Builder:
    """Walks a composed node tree into dicts, lists and scalars, recording positions.

    The event scan (yaml_bounds) has already bounded the expanded tree's size and depth.  An
    alias's value is built afresh wherever it appears, but positions are recorded only where
    the file spells a value out: at an alias, the path of the alias itself gets the position
    of the value it repeats, and nothing below it, so the table grows with the file, not
    with the expansion.
    """

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.keys: dict[Loc, Position] = {}
        self.values: dict[Loc, Position] = {}
        self.duplicates: list[tuple[Loc, Position, Position]] = []
        self.built: set[int] = set()

    def build(self, node: Node, loc: Loc, record: bool = True) -> Any:
        if record:
            self.values.setdefault(loc, _pos(node))
        if id(node) in self.built:
            record = False
        self.built.add(id(node))
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, record)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise self._bad_tag(node)
            return [self.build(item, (*loc, i), record) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: MappingNode, loc: Loc, record: bool) -> dict[Any, Any]:
        if node.tag != _MAP:
            raise self._bad_tag(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Refused(key_node, "mapping keys must be plain values, not lists or mappings")
            key = self._scalar(key_node)
            here = (*loc, key)
            if key in result:
                if record:  # a repeated value's duplicates were reported where it is spelt out
                    self.duplicates.append((here, self.keys[here], _pos(key_node)))
                continue
            if record:
                self.keys[here] = _pos(key_node)
            result[key] = self.build(value_node, here, record)
        return result

    def _scalar(self, node: Node) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise self._bad_tag(node)
        try:
            return self.loader.yaml_constructors[node.tag](self.loader, node)
        except (ValueError, KeyError, TypeError, OverflowError) as exc:
            raise _Refused(node, f"cannot read {node.value!r} as {_short_tag(node.tag)}") from exc

    @staticmethod
    def _bad_tag(node: Node) -> _Refused:
        return _Refused(
            node,
            f"tag {_short_tag(node.tag)} is not allowed",
            "scenario files hold plain data: mappings, lists, text, numbers, booleans",
        )


def _offset_position(text: str, offset: int) -> Position:
    before = text[:offset]
    return (before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start]
        line = prefix.count(b"\n") + 1
        col = len(prefix[prefix.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        message = f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset {exc.start}"
        raise ScenarioError([Problem(source, line, col, "", message)]) from None


def _loaders() -> tuple[type[Any], ...]:
    """libyaml's parser first when PyYAML has it (same resolvers, much faster), then Python's."""
    if not yaml.__with_libyaml__:
        return (_Loader,)

    class FastLoader(yaml.CSafeLoader):
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

    return (FastLoader, _Loader)


_LOADERS = _loaders()


def _scan_and_compose(loader_class: type[Any], text: str) -> tuple[Any, Node | None]:
    """Check the expanded size and depth on the (iterative) event stream, then compose the
    node tree, which is safe to walk recursively once the scan has passed."""
    check_events(yaml.parse(text, Loader=loader_class))
    loader = loader_class(text)
    return loader, loader.get_single_node()


def _compose(text: str, source: str) -> tuple[Any, Node | None]:
    def refuse(line: int, col: int, message: str, hint: str | None = None) -> ScenarioError:
        return ScenarioError([Problem(source, line, col, "", message, hint)])

    bad = _Loader.NON_PRINTABLE.search(text)
    if bad:
        message = f"invalid YAML: character U+{ord(bad.group()):04X} is not allowed"
        raise refuse(*_offset_position(text, bad.start()), message)
    try:
        for fast in _LOADERS[:-1]:
            try:
                return _scan_and_compose(fast, text)
            except yaml.YAMLError:
                pass  # libyaml words errors differently: the Python loader reports them
        return _scan_and_compose(_LOADERS[-1], text)
    except LimitExceeded as exc:
        raise refuse(exc.mark.line + 1, exc.mark.column + 1, exc.message) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        hint = exc.context if exc.problem and exc.context else None
        raise refuse(line, col, f"invalid YAML: {exc.problem or exc.context}", hint) from None


def read_document(path: Path, source: str | None = None) -> Document:
    """Read one YAML mapping from `path`; `source` is the name used in problems."""
    name = str(path) if source is None else source
    return parse_document(read_bytes(path, name), name)


def parse_document(raw: bytes, name: str) -> Document:
    """One YAML mapping from the bytes of a file; `name` is the file's name in problems.

    Separate from reading so that a caller can hash exactly the bytes it parses.
    """
    text = _decode(raw, name)
    loader, root = _compose(text, name)
    if root is None:
        raise ScenarioError([Problem(name, 1, 1, "", "file is empty")])
    builder = _Builder(loader)
    try:
        data = builder.build(root, ())
    except _Refused as exc:
        line, col = _pos(exc.node)
        raise ScenarioError([Problem(name, line, col, "", exc.message, exc.hint)]) from None
    problems = [
        Problem(
            name,
            *second,
            dotted(loc),
            f"duplicate key (first at line {first[0]}, column {first[1]})",
        )
        for loc, first, second in builder.duplicates
    ]
    if not isinstance(data, dict):
        problems.append(Problem(name, *_pos(root), "", "top level must be a mapping of fields"))
    if problems:
        raise ScenarioError(problems)
    return Document(name, data, builder.keys, builder.values)


def dotted(loc: Loc) -> str:
    """`('actors', 'RU', 'navy', 2, 'count')` -> `actors.RU.navy[2].count`."""
    text = ""
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def parse_dotted(text: str) -> Loc:
    """Inverse of `dotted` for paths typed by users: `actors.RU.navy[0].count`."""
    loc: list[Any] = []
    for chunk in text.split("."):
        name, _, rest = chunk.partition("[")
        if name:
            loc.append(name)
        for index in filter(None, rest.replace("]", "").split("[")) if rest else ():
            loc.append(int(index) if index.isdigit() else index)
    return tuple(loc)
