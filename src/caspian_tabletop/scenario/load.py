"""Load scenarios and the source register, turning every failure into located problems.

One entry point per file kind.  Reading, schema validation and semantic checks each report
all they find; the caller gets a valid model or one `ScenarioError` listing every problem,
each with file, line, column and dotted path.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from caspian_tabletop import paths
from caspian_tabletop.domain.errors import Problem, ScenarioError
from caspian_tabletop.scenario.files import read_bytes
from caspian_tabletop.scenario.schema import Scenario

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from caspian_tabletop.scenario.checks import Finding
    from caspian_tabletop.scenario.register import Register
    from caspian_tabletop.scenario.yaml_loader import Document, Loc

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
MAX_PROBLEMS = 50

_REWORDED = {
    "greater_than_equal": "must be ≥ {ge}",
    "greater_than": "must be > {gt}",
    "less_than_equal": "must be ≤ {le}",
    "less_than": "must be < {lt}",
    "string_pattern_mismatch": "must match the pattern {pattern}",
    "finite_number": "must be a finite number, not NaN or infinity",
    "union_tag_invalid": "{discriminator} must be one of {expected_tags}, not '{tag}'",
    "union_tag_not_found": "needs a {discriminator}",
    "too_long": "at most {max_length} entries, got {actual_length}",
}


def load_register(path: Path | None = None, source: str | None = None) -> Register:
    """The source register (default: the bundled `seeds/sources.yaml`)."""
    from caspian_tabletop.scenario.yaml_loader import read_document

    target = paths.register_path() if path is None else Path(path)
    return _register(read_document(target, source))


def read_scenario(
    path: Path | str, register: Register | None = None, source: str | None = None
) -> tuple[Scenario, Document]:
    """A checked scenario and the document it came from (for locating figures)."""
    from caspian_tabletop.scenario.yaml_loader import read_document

    document = read_document(Path(path), source)
    return _checked(document, lambda: load_register() if register is None else register), document


def load_scenario(
    path: Path | str, register: Register | None = None, source: str | None = None
) -> Scenario:
    """A checked scenario; `source` names the file in problems (default: `path` as given),
    checked against `register` (default: the bundled one)."""
    name = str(path) if source is None else source
    raw = read_bytes(Path(path), name)
    return _checked(parse_document(raw, name),
                    lambda: load_register() if register is None else register)


def check_bytes(raw: bytes, name: str) -> Scenario:
    """A checked scenario from the bytes of a file about to be written (a tool's edit),
    against the bundled register."""
    return _checked(parse_document(raw, name), load_register)


def _register(document: Document) -> Register:
    from caspian_tabletop.scenario.register import Register

    return _validate(Register, document)


def parse_document(raw: bytes, name: str) -> Document:
    """`yaml_loader.parse_document`: one YAML mapping from the bytes of a file."""
    from caspian_tabletop.scenario import yaml_loader

    return yaml_loader.parse_document(raw, name)


def _checked(document: Document, register: Callable[[], Register]) -> Scenario:
    """Validate and check a scenario document; the register is needed only after validation."""
    from caspian_tabletop.scenario.checks import check_scenario

    scenario = _validate(Scenario, document)
    findings = check_scenario(scenario, register().ids())
    if findings:
        unique = list(dict.fromkeys(findings))
        raise ScenarioError(_capped(unique, lambda f: _located(document, f)))
    return scenario


def position_of(document: Document, dotted_path: str) -> tuple[int, int]:
    """Line and column of a dotted path such as `actors.RU.navy[0].count`."""
    from caspian_tabletop.scenario.yaml_loader import parse_dotted

    return document.position(parse_dotted(dotted_path))


def _validate(model: type[M], document: Document) -> M:
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        raise ScenarioError(_capped(errors, lambda e: _from_pydantic(model, document, e))) from None


def _capped(items: list[T], problem: Callable[[T], Problem]) -> list[Problem]:
    """The first MAX_PROBLEMS problems, then one line counting the rest (keeps junk fast)."""
    problems = [problem(item) for item in items[:MAX_PROBLEMS]]
    if len(items) > MAX_PROBLEMS:
        more = f"{len(items) - MAX_PROBLEMS} more problems not shown"
        problems.append(replace(problem(items[MAX_PROBLEMS]), dotted="", message=more, hint=None))
    return problems


def _located(document: Document, finding: Finding) -> Problem:
    from caspian_tabletop.scenario.yaml_loader import dotted

    line, col = document.position(finding.loc, key=finding.at_key)
    where = dotted(document.nearest(finding.loc))
    return Problem(document.source, line, col, where, finding.message, finding.hint)


def _from_pydantic(model: type[BaseModel], document: Document, error: ErrorDetails) -> Problem:
    from caspian_tabletop.scenario.checks import did_you_mean
    from caspian_tabletop.scenario.yaml_loader import dotted

    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    # pydantic marks dict-key errors with a "[key]" step; an unknown field may be named so.
    is_key = bool(loc) and loc[-1] == "[key]" and kind != "extra_forbidden"
    if is_key:
        loc = loc[:-1]
    if kind == "missing":
        line, col = document.position(loc[:-1], key=True)
        return Problem(document.source, line, col, dotted(loc), "required field is missing")
    line, col = document.position(loc, key=is_key or kind == "extra_forbidden")
    where = dotted(document.nearest(loc))
    if kind == "extra_forbidden":
        hint = did_you_mean(str(loc[-1]), _field_names(model, loc[:-1]))
        return Problem(document.source, line, col, where, "unknown field", hint)
    message = _message(error)
    if is_key:
        message = f"key {message}"
    return Problem(document.source, line, col, where, message)


def _message(error: ErrorDetails) -> str:
    template = _REWORDED.get(error["type"])
    bounds = {k: f"{v:,.10g}" if isinstance(v, float) else v  # 1,000,000 not 1000000.0
              for k, v in error.get("ctx", {}).items()}
    if error["type"] == "too_long" and bounds.get("actual_length") is None:
        bounds["actual_length"] = len(error["input"])  # pydantic leaves it out for a map
    text = template.format(**bounds) if template else error["msg"]
    text = text.removeprefix("Value error, ")
    text = text[:1].lower() + text[1:]
    value = error.get("input")
    if isinstance(value, str | int | float | bool) or value is None:
        text += f", got {_show(value)}"
    return text


def _show(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    return f"{value:g}" if isinstance(value, float) else str(value)


def _field_names(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model found at `loc` inside `model` (empty if not a model)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part) if isinstance(part, str) else None
            if field is None:
                return []
            current = field.annotation
        elif get_origin(current) in (dict, list, tuple):
            current = get_args(current)[-1 if get_origin(current) is dict else 0]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip `Annotated[...]` and `X | None` down to the meaningful type."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            annotation = options[0]
        else:
            return annotation
