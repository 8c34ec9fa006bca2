"""Answer "where does this number come from?" for any figure of a scenario.

A figure path such as `actors.RU.navy[0].count` is followed through the model; the nearest
enclosing entity's provenance (or a rationale with cites) explains it, and cited ids are
resolved against the register and the scenario's own references.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.scenario.checks import did_you_mean
from caspian_tabletop.scenario.register import Register
from caspian_tabletop.scenario.schema import Figure, Provenance, Scenario
from caspian_tabletop.scenario.yaml_loader import Loc, dotted


@dataclass(frozen=True)
class FigureOrigin:
    """A value and what explains it: cited ids, an estimate's or a rationale's words."""

    value: Any
    owner: Loc
    cites: tuple[str, ...]
    rationale: str | None = None
    note: str | None = None
    is_estimate: bool = False


def _step(current: Any, part: Any) -> Any:
    """One step down the model, or a KeyError naming the choices."""
    if isinstance(current, BaseModel):
        names = list(type(current).model_fields)
        if part in names:
            return getattr(current, part)
        raise KeyError(did_you_mean(str(part), names))
    if isinstance(current, dict):
        if part in current:
            return current[part]
        raise KeyError(did_you_mean(str(part), [str(k) for k in current]))
    if isinstance(current, list | tuple) and isinstance(part, int) and 0 <= part < len(current):
        return current[part]
    raise KeyError(None)


def _explains(node: Any) -> bool:
    provenance = getattr(node, "provenance", None)
    return isinstance(provenance, Provenance) or hasattr(node, "rationale")


def figure_origin(scenario: Scenario, loc: Loc) -> FigureOrigin:
    """The value at `loc` and its nearest explanation; CaspianError for unknown paths."""
    chain: list[Any] = [scenario]
    for index, part in enumerate(loc):
        try:
            chain.append(_step(chain[-1], part))
        except KeyError as exc:
            hint = f" ({exc.args[0]})" if exc.args[0] else ""
            raise CaspianError(
                f"{dotted(loc)}: no such figure; '{dotted(loc[: index + 1])}' does not exist{hint}"
            ) from None
    value = chain[-1]
    explained = [i for i, node in enumerate(chain) if _explains(node)]
    if not explained:
        return FigureOrigin(value, (), ())
    depth = explained[-1]
    owner = chain[depth]
    provenance = getattr(owner, "provenance", None)
    if isinstance(provenance, Provenance):
        estimate = provenance.estimate
        if estimate is None:
            return FigureOrigin(
                value, loc[:depth], tuple(provenance.sources), None, provenance.note
            )
        cites = (*provenance.sources, *estimate.cites)
        return FigureOrigin(value, loc[:depth], cites, estimate.rationale, provenance.note, True)
    return FigureOrigin(value, loc[:depth], tuple(getattr(owner, "cites", ())), owner.rationale)


def show_value(value: Any) -> str:
    """A figure as `value (low–high)`, other values as text."""
    if isinstance(value, Figure):
        if value.low is None and value.high is None:
            return f"{value.value:g}"
        return f"{value.value:g} (range {value.lo:g}–{value.hi:g})"
    if isinstance(value, BaseModel):
        return type(value).__name__
    return str(value)


def describe_source(source_id: str, register: Register, scenario: Scenario) -> str:
    """One line naming what a source id refers to."""
    article = register.article
    if source_id == article.id:
        return (
            f'{article.id}: {article.author}, "{article.title}", {article.publication} '
            f"vol. {article.volume} issue {article.issue}, {article.date}. {article.url}"
        )
    for claim in register.claims:
        if claim.id == source_id:
            text = " ".join(claim.text.split())
            return f"{claim.id}: article claim, paragraph {claim.paragraph}: {text}"
    for ref in [*register.references, *scenario.sources]:
        if ref.id == source_id:
            return f"{ref.id}: {ref.title} ({ref.refers_to}; confidence {ref.confidence}) {ref.url}"
    return f"{source_id}: unknown source id"
