"""Editing one C# model re-runs exactly the tests that import it, directly or through a base class.

Runs the README's `./pants --changed-since=HEAD --changed-dependents=transitive
--filter-target-type=python_test test` in a fixture repository (conftest.py), once per edit. The
type filter drops `python_tests` generator targets, which Pants 2.17 counts as dependents of each
of their files and would expand to every sibling test (pantsbuild/pants#15313).
"""

from __future__ import annotations

from pathlib import Path
from typing import Set

from pants_repo import PantsRunner, edit, succeeded

AFFECTED_TESTS = ("--changed-since=HEAD", "--changed-dependents=transitive", "--filter-target-type=python_test", "test")


def _affected_tests(repo: Path, pants: PantsRunner, path: str, old: str, new: str) -> Set[str]:
    edit(repo, path, old, new)
    return succeeded(pants(*AFFECTED_TESTS))


def test_editing_a_model_reruns_only_the_tests_importing_it(repo: Path, pants: PantsRunner) -> None:
    affected = _affected_tests(
        repo, pants, "models/Data/GoalDataModel.cs", "public string Title", "public string Title /* renamed soon */"
    )
    assert affected == {"app/tests/test_goals.py"}


def test_editing_a_base_class_reruns_the_tests_of_every_model_inheriting_it(repo: Path, pants: PantsRunner) -> None:
    affected = _affected_tests(
        repo, pants, "models/Data/AuditedModel.cs", "public string CreatedBy", "public string CreatedBy /* audit */"
    )
    assert affected == {"app/tests/test_goals.py", "app/tests/test_sessions.py"}


def test_editing_a_model_of_the_other_service_reruns_only_its_tests(repo: Path, pants: PantsRunner) -> None:
    affected = _affected_tests(
        repo, pants, "billing/Data/PaymentDataModel.cs", "public bool Settled", "public bool Settled /* soon */"
    )
    assert affected == {"app/tests/test_payments.py"}
