"""Writing replay files: readable YAML, replaced atomically so a crash never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

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


def save_replay(replay: Replay, path: str | Path) -> None:
    """Write `replay` to `path` atomically: a temp file in the same folder, fsync, rename."""
    atomic_write_text(Path(path), dump_replay(replay))


def atomic_write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` so that readers see the old file or the new, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable where the platform allows opening a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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
