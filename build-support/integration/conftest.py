"""A temporary git copy of this repository for tests that run `./pants` themselves.

Its files reach the sandbox through the `//:repo-for-integration-tests` target, so these tests
re-run whenever anything they copy changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Callable

import pytest

THIS_DIR = Path("build-support/integration")
TIMEOUT_S = 1200
# What //:repo-for-integration-tests brings; the sandbox also holds pytest's own files.
REPO_ENTRIES = (
    "pants", "pants.toml", "BUILD", "ruff.toml", ".gitignore", "3rdparty", "build-support", "pp_api", "pp_ai",
)


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




PantsRunner = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture(scope="module")
def pants(repo: Path) -> PantsRunner:
    """Runs `./pants --no-pantsd ARGS` in the copy (concurrently with the outer Pants run)."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "pants", "--no-pantsd", *args],
            cwd=repo,
            env={**os.environ, "PANTS_CONCURRENT": "true"},
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )

    return run
