"""The diagnostics one resolution collects, each on one bounded `file:line:col: message` line."""

from __future__ import annotations

from typing import Iterable, List, Tuple

from schema_sync import ir
from schema_sync.csharp.syntax import Location


class Diagnostics:
    def __init__(self, initial: Iterable[ir.Diagnostic] = ()) -> None:
        self.found: List[ir.Diagnostic] = list(initial)

    def error(self, message: str, path: str, location: Location, hint: str | None = None) -> None:
        self.found.append(ir.Diagnostic("error", one_line(message), path, location.line, location.col, hint))

    def warning(self, message: str, path: str, location: Location, hint: str | None = None) -> None:
        self.found.append(ir.Diagnostic("warning", one_line(message), path, location.line, location.col, hint))

    def in_order(self) -> Tuple[ir.Diagnostic, ...]:
        """Each distinct diagnostic once, by position (the IR's order)."""
        return tuple(sorted(set(self.found), key=_diagnostic_order))


def one_line(message: str, limit: int = 300) -> str:
    """Diagnostics quote C# text, which can span lines (or pages, in broken input): keep each
    diagnostic on one `file:line:col: message` line, of bounded length."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _diagnostic_order(d: ir.Diagnostic) -> Tuple[str, int, int, str, str]:
    return (d.file, d.line, d.col, d.severity, d.message)
