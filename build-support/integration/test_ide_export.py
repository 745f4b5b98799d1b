"""One `./pants export --resolve=python-default` makes generated modules importable and visible to
an editor: pyright, pointed only at the exported interpreter, resolves every import of the
fixture project's Python code."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from pants_repo import PantsRunner

UNRESOLVED_RULES = {"reportMissingImports", "reportMissingModuleSource", "reportAttributeAccessIssue"}


def test_exported_virtualenv_sees_generated_modules(repo: Path, pants: PantsRunner) -> None:
    result = pants("export", "--resolve=python-default")
    assert result.returncode == 0, result.stderr[-5000:]
    (python,) = sorted((repo / "dist/export/python/virtualenvs/python-default").glob("*/bin/python"))
    imported = subprocess.run(
        [str(python), "-c", "from acme_models.goal_data_model import GoalDataModel; print(GoalDataModel.TABLE_NAME)"],
        cwd=repo / "dist",  # Not the repo root: the import must come from the virtualenv alone.
        capture_output=True,
        text=True,
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "goals"

    pyright = subprocess.run(
        [os.environ["SCHEMA_SYNC_PYRIGHT"], "--outputjson", "--pythonpath", str(python), "app"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(pyright.stdout)
    unresolved = [
        f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']}"
        for d in report["generalDiagnostics"]
        if d.get("rule") in UNRESOLVED_RULES or "could not be resolved" in d["message"]
    ]
    assert unresolved == []
    assert report["summary"]["filesAnalyzed"] >= 5
