"""Source ids resolved for people: title and confidence from the register or the scenario."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from caspian_tabletop.domain.errors import CaspianError
from caspian_tabletop.scenario.load import load_register
from caspian_tabletop.scenario.register import Register
from caspian_tabletop.scenario.schema import Provenance, Scenario


@dataclass(frozen=True)
class SourceInfo:
    id: str
    title: str
    confidence: str


@cache
def _register() -> Register | None:
    try:
        return load_register()
    except CaspianError:
        return None


def source_info(source_id: str, scenario: Scenario) -> SourceInfo:
    register = _register()
    if register is not None:
        if source_id == register.article.id:
            a = register.article
            return SourceInfo(a.id, f"{a.author}, “{a.title}” ({a.publication}, {a.date})",
                              "article")
        for claim in register.claims:
            if claim.id == source_id:
                return SourceInfo(claim.id, f"article ¶{claim.paragraph}: "
                                  f"{' '.join(claim.text.split())}", "article claim")
    refs = [*(register.references if register else []), *scenario.sources]
    for ref in refs:
        if ref.id == source_id:
            return SourceInfo(ref.id, f"{ref.title} ({ref.refers_to})", ref.confidence)
    return SourceInfo(source_id, "unknown source id", "?")


def cited(provenance: Provenance) -> tuple[list[str], str | None]:
    """Cited ids, and the estimate's rationale when the figure is a designer estimate."""
    estimate = provenance.estimate
    ids = [*provenance.sources, *(estimate.cites if estimate else [])]
    return list(dict.fromkeys(ids)), (" ".join(estimate.rationale.split()) if estimate else None)
