"""Editing one C# model re-runs exactly the pp_ai tests that import it, directly or through a base class.

Runs the real `./pants --changed-since=HEAD --changed-dependents=transitive
--filter-target-type=python_test test` in a temporary git copy of this repository (conftest.py),
once per edit. The type filter drops `python_tests` generator targets, which Pants 2.17 counts as
dependents of each of their files and would expand to every sibling test (pantsbuild/pants#15313).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Callable, Set

# The `pants` fixture (conftest.py): runs ./pants in the repository copy.
PantsRunner = Callable[..., "subprocess.CompletedProcess[str]"]

RESULT_LINE = re.compile(r"^[✓✕] (\S+) (succeeded|failed)", re.MULTILINE)


def _affected_pp_ai_tests(repo: Path, pants: PantsRunner, edited: str, old: str, new: str) -> Set[str]:
    path = repo / edited
    original = path.read_text()
    assert old in original, f"{edited} no longer contains {old!r}"
    path.write_text(original.replace(old, new, 1))
    try:
        # The documented command (README). Only pp_ai's tests are asserted on: the generator's
        # golden tests over pp_api also (rightly) re-run, and fail until the goldens are updated.
        result = pants(
            "--changed-since=HEAD",
            "--changed-dependents=transitive",
            "--filter-target-type=python_test",
            "--filter-address-regex=^pp_ai/",
            "test",
        )
    finally:
        path.write_text(original)
    assert result.returncode == 0, result.stderr[-5000:]
    outcomes = dict(RESULT_LINE.findall(result.stderr))
    assert set(outcomes.values()) == {"succeeded"}, outcomes
    return set(outcomes)


def test_editing_a_model_reruns_only_the_tests_importing_it(repo: Path, pants: PantsRunner) -> None:
    affected = _affected_pp_ai_tests(
        repo, pants, "pp_api/Data/GoalDataModel.cs", "public string Title", "public string Title /* renamed soon */"
    )
    # test_app.py imports pp_ai.app -> coaching.goals -> the goal model; the other two do not.
    assert affected == {"pp_ai/tests/test_goals.py", "pp_ai/tests/test_app.py"}


def test_editing_a_base_class_reruns_the_tests_of_every_model_inheriting_it(repo: Path, pants: PantsRunner) -> None:
    affected = _affected_pp_ai_tests(
        repo, pants, "pp_api/Data/BaseDataModel.cs", "public string? UpdatedBy", "public string? UpdatedBy /* audit */"
    )
    assert affected == {"pp_ai/tests/test_goals.py", "pp_ai/tests/test_sessions.py", "pp_ai/tests/test_app.py"}
