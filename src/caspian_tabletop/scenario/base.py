"""The scenario schema's shared pieces: the strict base model and the identifier types.

Kept apart from schema.py so that modules the schema is built from (judging.py) can use them
without importing the schema itself.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=40)]
ActorId = Annotated[str, Field(pattern=r"^[A-Z]{2,3}$")]
SourceId = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", max_length=60)]


class Strict(BaseModel):
    """Base: unknown keys are rejected, instances are immutable, NaN and inf are refused
    (and every number is bounded: scenario.limits).

    Validators are built on first use (`defer_build`): building all of them at import would
    hold up every launch, and a launch reads its scenario behind the start screen.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=False,
                              defer_build=True)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest known spelling, if any is close."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"did you mean '{close[0]}'?" if close else None
