"""Editing one C# model re-runs exactly the pp_ai tests that import it, directly or through a base class.

Runs the real `./pants --changed-since=HEAD --changed-dependents=transitive test` in a temporary
git copy of this repository (its files reach the sandbox through the `//:repo-for-integration-tests`
target), once per edit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Set

import pytest

THIS_DIR = Path("build-support/integration")
# What //:repo-for-integration-tests brings; the sandbox also holds pytest's own files.
REPO_ENTRIES = (
    "pants", "pants.toml", "BUILD", "ruff.toml", ".gitignore", "3rdparty", "build-support", "pp_api", "pp_ai",
)
TIMEOUT_S = 1200
PP_AI_TEST = re.compile(r"^[✓✕] (pp_ai/\S+) (?:succeeded|failed)", re.MULTILINE)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("repo")
    for entry in map(Path, REPO_ENTRIES):
        if entry.is_dir():
            shutil.copytree(entry, copy / entry)
        else:
            shutil.copy2(entry, copy / entry)
    # The copy must not contain this test, or the nested run would run it again, recursively.
    shutil.rmtree(copy / THIS_DIR)
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    _git(copy, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "baseline")
    return copy


def _affected_pp_ai_tests(repo: Path, edited: str, old: str, new: str) -> Set[str]:
    path = repo / edited
    original = path.read_text()
    assert old in original, f"{edited} no longer contains {old!r}"
    path.write_text(original.replace(old, new, 1))
    try:
        result = subprocess.run(
            ["bash", "pants", "--no-pantsd", "--changed-since=HEAD", "--changed-dependents=transitive", "test"],
            cwd=repo,
            env={**os.environ, "PANTS_CONCURRENT": "true"},
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
    finally:
        path.write_text(original)
    assert result.returncode == 0, result.stderr[-5000:]
    return set(PP_AI_TEST.findall(result.stderr))


def test_editing_a_model_reruns_only_the_tests_importing_it(repo: Path) -> None:
    affected = _affected_pp_ai_tests(
        repo, "pp_api/Data/GoalDataModel.cs", "public string Title", "public string Title /* renamed soon */"
    )
    assert affected == {"pp_ai/tests/test_goals.py"}


def test_editing_a_base_class_reruns_the_tests_of_every_model_inheriting_it(repo: Path) -> None:
    affected = _affected_pp_ai_tests(
        repo, "pp_api/Data/BaseDataModel.cs", "public string? UpdatedBy", "public string? UpdatedBy /* audit */"
    )
    assert affected == {"pp_ai/tests/test_goals.py", "pp_ai/tests/test_sessions.py"}
