"""Reading replay files: the position-tracking safe YAML loader, migration, validation.

Every failure becomes a `ReplayFileError` whose problems point at a line of the file; the
file itself is never modified.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from caspian_tabletop import paths
from caspian_tabletop.domain.errors import Problem, ScenarioError
from caspian_tabletop.replay.errors import ReplayFileError
from caspian_tabletop.replay.migrate import migrate
from caspian_tabletop.replay.schema import VERSION, Replay
from caspian_tabletop.scenario.yaml_loader import Document, dotted, parse_document, read_bytes


def replays_dir() -> Path:
    """The bundled replays (scenarios/replays, installed or in a checkout)."""
    return paths.scenarios_dir() / "replays"


def resolve_replay(name_or_path: str | Path) -> Path:
    """A path as given if it exists, else a bundled replay by name (e.g. `tutorial-demo`)."""
    candidate = Path(name_or_path)
    bundled = replays_dir() / f"{name_or_path}.yaml"
    return bundled if not candidate.exists() and bundled.is_file() else candidate


def load_replay(path: str | Path, source: str | None = None) -> Replay:
    """A validated replay from `path` (or a bundled name); `source` names it in errors."""
    target = resolve_replay(path)
    name = str(path) if source is None else source
    try:
        raw = read_bytes(target, name)
    except ScenarioError as exc:
        raise ReplayFileError(exc.problems) from None
    return parse_replay(raw, name)


def parse_replay(raw: bytes, name: str) -> Replay:
    """A validated replay from the bytes of a file called `name` in errors."""
    try:
        document = parse_document(raw, name)
    except ScenarioError as exc:
        raise ReplayFileError(exc.problems) from None
    try:
        data = migrate(document.data)
    except ValueError as exc:
        line, col = document.position(("version",), key=True)
        raise ReplayFileError([Problem(name, line, col, "", str(exc))]) from None
    if "end" not in data:
        line = max((pos[0] for pos in document.values.values()), default=1)
        raise ReplayFileError([Problem(name, line, 0, "", "the file ends early: its closing "
                                       "`end: true` line is missing (a truncated save?)")])
    try:
        replay = Replay.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        raise ReplayFileError([_problem(document, e) for e in errors]) from None
    lines = {loc: pos[0] for loc, pos in document.values.items()}
    return replay.located(name, lines, chained=document.data.get("version") == VERSION)


def _problem(document: Document, error: ErrorDetails) -> Problem:
    loc = tuple(p for p in error["loc"] if not str(p).startswith(("function-", "literal[")))
    if error["type"] == "missing":
        line, col = document.position(loc[:-1], key=True)
        return Problem(document.source, line, col, dotted(loc), "required field is missing")
    line, col = document.position(loc, key=error["type"] == "extra_forbidden")
    message = "unknown field" if error["type"] == "extra_forbidden" else error["msg"]
    message = message.removeprefix("Value error, ")
    value = error.get("input")
    if isinstance(value, str | int | float | bool) and error["type"] != "extra_forbidden":
        message += f", got {value!r}"
    return Problem(document.source, line, col, dotted(document.nearest(loc)), message)
