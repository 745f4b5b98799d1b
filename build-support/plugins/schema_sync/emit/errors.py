"""Why nothing is generated: `EmitError`, every problem with the C# position it is about.

A problem carries its position as data (`path`, `line`, `col`), so each consumer (the command line,
the Pants plugin, tests) renders or filters it without reading it back out of text.
"""

from __future__ import annotations

from typing import NamedTuple, Tuple, Union


class Position(NamedTuple):
    """Where a C# declaration is; sorts by file, line, column, prints as `file:line:col`."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class Problem(NamedTuple):
    """One reason nothing is generated. `path` is "" for a problem no file explains (an output
    directory that cannot be replaced); `line`/`col` are 0 where only the file is known (two files
    whose outputs would have one name). Sorts by position, then message."""

    path: str
    line: int
    col: int
    message: str

    @classmethod
    def at(cls, where: Position, message: str) -> Problem:
        return cls(where.file, where.line, where.col, message)

    def where(self) -> str:
        """`file:line:col`, `file`, or "" (unlocated)."""
        if not self.path:
            return ""
        return f"{self.path}:{self.line}:{self.col}" if self.line else self.path

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message

    def render(self) -> str:
        """`file:line:col: error: message`, the shape of extraction's diagnostics (editors and CI
        annotate it), or `error: message` without a position."""
        where = self.where()
        return f"{where}: error: {self.message}" if where else f"error: {self.message}"


class EmitError(Exception):
    """The IR cannot be emitted (e.g. two C# files map to one output). Nothing is written.

    Built from every problem found (a plain string is an unlocated one); `problems` holds them.
    The constructor's arguments are the problems themselves, so the error pickles (a forked worker
    sends it to its parent) and `str()` is one `file:line:col: message` line per problem."""

    def __init__(self, *problems: Union[Problem, str]) -> None:
        super().__init__(*problems)
        self.problems: Tuple[Problem, ...] = tuple(
            problem if isinstance(problem, Problem) else Problem("", 0, 0, problem) for problem in problems
        )

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)

    def render(self) -> str:
        """Every problem as `Problem.render` writes it, one per line."""
        return "\n".join(problem.render() for problem in self.problems)

