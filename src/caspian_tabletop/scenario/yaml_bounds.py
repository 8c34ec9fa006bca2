"""Bounds on what a YAML document expands to, checked on its event stream before composing.

An alias repeats its anchored value wherever it appears, so a small file can stand for an
enormous document: nested aliases ("billion laughs"), or one long note repeated thousands of
times, hundreds of megabytes of text from one megabyte of file.  Counting the file alone
misses this.  The scan below keeps, for every anchor, the size its value expands to, adds
that size at each alias, and stops at the first event that takes the whole document past a
bound, so the error points at the alias that crossed it.  It holds one size per anchor and
one entry per open collection, never the expansion itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    Event,
    ScalarEvent,
)

from caspian_tabletop.scenario.files import MAX_BYTES

MAX_NODES = 50_000  # values once aliases are expanded; the full 2021 scenario has about 2,000
MAX_TEXT = MAX_BYTES  # characters of text once aliases are expanded: what the largest file holds
MAX_DEPTH = 64
TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels"


class LimitExceeded(Exception):
    """The event stream broke a size or depth bound at `mark`."""

    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


@dataclass(frozen=True)
class _Size:
    """What a value expands to: values, characters of text, levels of collections."""

    nodes: int
    text: int
    height: int


@dataclass
class _Open:
    """A collection being read, and the document's running totals when it opened."""

    anchor: str | None
    nodes: int
    text: int
    depth: int
    deepest: int


class _Scan:
    def __init__(self) -> None:
        self.nodes = 0
        self.text = 0
        self.anchors: dict[str, _Size] = {}
        self.open: list[_Open] = []

    def take(self, event: Event) -> None:
        if isinstance(event, ScalarEvent):
            size = _Size(1, len(event.value), 0)
            self._add(event, size)
            if event.anchor is not None:
                self.anchors[event.anchor] = size
        elif isinstance(event, CollectionStartEvent):
            depth = len(self.open) + 1
            if depth > MAX_DEPTH:
                raise LimitExceeded(event.start_mark, TOO_DEEP)
            self.open.append(_Open(event.anchor, self.nodes, self.text, depth, depth))
            self._add(event, _Size(1, 0, 1))
        elif isinstance(event, CollectionEndEvent):
            done = self.open.pop()
            self._reach(done.deepest)
            if done.anchor is not None:
                self.anchors[done.anchor] = _Size(self.nodes - done.nodes, self.text - done.text,
                                                  done.deepest - done.depth + 1)
        elif isinstance(event, AliasEvent):
            self._alias(event)

    def _alias(self, event: AliasEvent) -> None:
        size = self.anchors.get(event.anchor or "")
        if size is None:
            if any(o.anchor == event.anchor for o in self.open):
                raise LimitExceeded(event.start_mark,
                                    f"alias *{event.anchor} is inside the value it repeats")
            return  # an undefined alias: composing the document reports it
        deepest = len(self.open) + size.height
        if deepest > MAX_DEPTH:
            raise LimitExceeded(event.start_mark,
                                f"{TOO_DEEP} once alias *{event.anchor} is expanded")
        self._reach(deepest)
        self._add(event, size)

    def _reach(self, depth: int) -> None:
        if self.open and depth > self.open[-1].deepest:
            self.open[-1].deepest = depth

    def _add(self, event: Event, size: _Size) -> None:
        self.nodes += size.nodes
        self.text += size.text
        if self.nodes <= MAX_NODES and self.text <= MAX_TEXT:
            return
        lead = (f"alias *{event.anchor} expands the document to"
                if isinstance(event, AliasEvent) else "document has")
        what = (f"{MAX_NODES} values" if self.nodes > MAX_NODES
                else f"{MAX_TEXT} characters of text")
        raise LimitExceeded(event.start_mark, f"{lead} more than {what}")


def check_events(events: Iterable[Event]) -> None:
    """Raise `LimitExceeded` at the first event that makes the document too big or too deep."""
    scan = _Scan()
    for event in events:
        scan.take(event)
