"""Reading a scenario or register file's bytes, refusing what cannot be one (too large, not a
regular file) before the YAML reader sees it."""

from __future__ import annotations

from pathlib import Path

from caspian_tabletop.domain.errors import Problem, ScenarioError

MAX_BYTES = 5 * 1024 * 1024


def read_bytes(path: Path, source: str) -> bytes:
    """The bytes of `path`, or a located problem if it is missing, not a file or too large."""

    def refuse(message: str) -> ScenarioError:
        return ScenarioError([Problem(source, 1, 1, "", message)])

    try:
        size = path.stat().st_size
        if not path.is_file():
            raise refuse("not a file")
        if size > MAX_BYTES:
            raise refuse(f"file is larger than 5 MiB ({size} bytes)")
        return path.read_bytes()
    except FileNotFoundError:
        raise refuse("file not found") from None
    except OSError as exc:
        raise refuse(f"cannot read file: {exc.strerror or exc}") from None
