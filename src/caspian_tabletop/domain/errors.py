"""Errors that carry precise, user-facing locations and reasons instead of tracebacks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file, printed compiler-style."""

    path: str
    line: int
    column: int
    dotted: str
    message: str
    hint: str | None = None

    def render(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        subject = f"{self.dotted}: " if self.dotted else ""
        text = f"{where}: error: {subject}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class CaspianError(Exception):
    """Base of every error the CLI and TUI show to users as text."""


class ScenarioError(CaspianError):
    """A scenario (or source register) failed to load; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column, p.dotted))
        super().__init__("\n".join(p.render() for p in self.problems))


class IllegalMoveError(CaspianError):
    """A move that the rules refuse; `reason` says why in plain words."""

    def __init__(self, notation: str, reason: str) -> None:
        self.notation = notation
        self.reason = reason
        super().__init__(f"{notation}: {reason}")


class NotationError(CaspianError):
    """Text that does not parse as a move."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"{text!r}: {reason}")


class ReplayError(CaspianError):
    """A replay or save file that cannot be read or does not verify."""
