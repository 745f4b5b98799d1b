"""A temporary git repository made of the plugin and a fixture project, for tests that run `./pants`.

The product (launcher, pants.toml, lockfiles, the plugin without its tests) reaches the sandbox
through `//:plugin-for-integration-tests`, the project through `:fixture-repo` (fixture_repo/: C#
models under models/, Python under app/, its own `pants.fixture.toml` layered over pants.toml
with PANTS_CONFIG_FILES). Nothing here depends on pp_api or pp_ai, so editing a project's models
never selects these tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pants_repo import PantsRunner

FIXTURE_REPO = Path("build-support/integration/fixture_repo")
# What //:plugin-for-integration-tests brings; the sandbox also holds pytest's own files.
PRODUCT_ENTRIES = (
    "pants",
    "pants.toml",
    "3rdparty",
    "build-support/plugins",
    "build-support/npm",
    "build-support/launcher/patch_pants.py",
)
TIMEOUT_S = 1200


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, destination, dirs_exist_ok=True)
    else:
        shutil.copy2(source, destination)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh git repository per test: the product plus the fixture project, committed."""
    copy = tmp_path / "repo"
    for entry in map(Path, PRODUCT_ENTRIES):
        _copy(entry, copy / entry)
    _copy(FIXTURE_REPO, copy)
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    _git(copy, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "baseline")
    return copy


@pytest.fixture
def pants(repo: Path) -> PantsRunner:
    """Runs `./pants --no-pantsd ARGS` in the repository (concurrently with the outer Pants run)."""
    env = {**os.environ, "PANTS_CONCURRENT": "true", "PANTS_CONFIG_FILES": f"+['{repo / 'pants.fixture.toml'}']"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = ["bash", "pants", "--no-pantsd", *args]
        return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)

    return run
