"""Writing replay files: readable YAML, replaced atomically so a crash never leaves half a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from caspian_tabletop import files
from caspian_tabletop.replay.schema import Replay

HEADER = "# Caspian Tabletop replay (docs/replay-format.md). A saved game is a replay.\n"


def dump_replay(replay: Replay) -> str:
    """The YAML text of a replay; empty and unset fields are left out."""
    return HEADER + dump_part(replay.model_dump(mode="json", exclude_none=True))


def dump_part(data: dict[str, Any] | list[Any]) -> str:
    """The YAML text of part of a replay's data, exactly as `dump_replay` writes it there:
    a top-level mapping's keys, or turns as items of the top-level `turns` list."""
    return yaml.dump(_clean(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=100)


def save_replay(replay: Replay, path: str | Path, *, replace: bool = False,
                make_parents: bool = False) -> None:
    """Write `replay` to `path` atomically through `files.write_text`: an existing file only
    with `replace`, missing folders made only with `make_parents` (the program's own saves)."""
    files.write_text(Path(path), dump_replay(replay), replace=replace,
                     make_parents=make_parents)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Short lists of plain values (citations, scheduled events) stay on one line.

    On libyaml's emitter where PyYAML has it (same text, several times faster: an autosave
    is written after every move)."""

    def represent_list(self, data: Any) -> yaml.Node:
        flow = all(isinstance(v, str | int | float) for v in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _Dumper.represent_list)


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v != [] and v != {}}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value
