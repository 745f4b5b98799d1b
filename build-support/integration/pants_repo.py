"""Helpers for tests that run `./pants` in a temporary repository (the fixtures are in conftest.py)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Callable, Dict, Set

RESULT_LINE = re.compile(r"^[✓✕] (\S+) (succeeded|failed)", re.MULTILINE)

# The `pants` fixture: runs `./pants --no-pantsd ARGS` in the repository, returns the completed process.
PantsRunner = Callable[..., "subprocess.CompletedProcess[str]"]


def edit(repo: Path, path: str, old: str, new: str) -> None:
    """Replace the first `old` in `path` by `new`, failing loudly if the fixture no longer has it."""
    file = repo / path
    text = file.read_text()
    assert old in text, f"{path} no longer contains {old!r}"
    file.write_text(text.replace(old, new, 1))


def outcomes(result: "subprocess.CompletedProcess[str]") -> Dict[str, str]:
    """`{test file: succeeded|failed}` from a `pants test` run's console output."""
    return dict(RESULT_LINE.findall(result.stderr))


def succeeded(result: "subprocess.CompletedProcess[str]") -> Set[str]:
    """The test files of a passing `pants test` run, asserting that every one of them passed."""
    assert result.returncode == 0, result.stderr[-5000:]
    by_file = outcomes(result)
    assert set(by_file.values()) == {"succeeded"}, by_file
    return set(by_file)
