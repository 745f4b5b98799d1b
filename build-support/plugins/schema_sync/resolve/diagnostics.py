"""The diagnostics one resolution collects, each on one bounded `file:line:col: message` line."""

from __future__ import annotations

from typing import Iterable, List, Tuple

from schema_sync import ir
from schema_sync.csharp.syntax import Location


class Diagnostics:
    def __init__(self, initial: Iterable[ir.Diagnostic] = ()) -> None:
        self.found: List[ir.Diagnostic] = list(initial)

    def error(self, message: str, path: str, location: Location, hint: str | None = None) -> None:
        self.found.append(_diagnostic("error", message, path, location, hint))

    def warning(self, message: str, path: str, location: Location, hint: str | None = None) -> None:
        self.found.append(_diagnostic("warning", message, path, location, hint))

    def in_order(self) -> Tuple[ir.Diagnostic, ...]:
        """Each distinct diagnostic once, by position (the IR's order)."""
        return tuple(sorted(set(self.found), key=_diagnostic_order))


def _diagnostic(severity: ir.Severity, message: str, path: str, location: Location, hint: str | None) -> ir.Diagnostic:
    return ir.Diagnostic(
        severity=severity, message=one_line(message), file=path, line=location.line, col=location.col, hint=hint
    )


def one_line(message: str, limit: int = 300) -> str:
    """Diagnostics quote C# text, which can span lines (or pages, in broken input): keep each
    diagnostic on one `file:line:col: message` line, of bounded length."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _diagnostic_order(d: ir.Diagnostic) -> Tuple[str, int, int, str, str]:
    return (d.file, d.line, d.col, d.severity, d.message)
