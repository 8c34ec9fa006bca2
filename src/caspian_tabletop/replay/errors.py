"""Replay errors printed compiler-style: `FILE:LINE: error: turn N: ...`."""

from __future__ import annotations

from caspian_tabletop.domain.errors import Problem, ReplayError


def render(problem: Problem) -> str:
    """Like `Problem.render`, leaving out the column or line when it is not known (0)."""
    where = problem.path
    if problem.line:
        where += f":{problem.line}" + (f":{problem.column}" if problem.column else "")
    subject = f"{problem.dotted}: " if problem.dotted else ""
    text = f"{where}: error: {subject}{problem.message}"
    return f"{text} ({problem.hint})" if problem.hint else text


class ReplayFileError(ReplayError):
    """A replay file that cannot be read, replayed or verified; carries every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(render(p) for p in problems))


def turn_error(source: str, line: int | None, turn: int, message: str) -> ReplayFileError:
    """The error for something wrong while replaying `turn`, at `line` of `source`."""
    return ReplayFileError([Problem(source, line or 0, 0, "", f"turn {turn}: {message}")])
