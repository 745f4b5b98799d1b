"""Golden files: everything generated from the fixture tree's models (model_fixtures.py), byte for byte.

After an intended change to the generator or to the fixtures, regenerate and review the diff:
    UPDATE_GOLDEN=1 PYTHONPATH=build-support/plugins python -m pytest \
        build-support/plugins/schema_sync/tests/test_emit_golden.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Dict

from schema_sync.emit.outputs import EMITTERS, generate, write_files
from schema_sync.options import Options
from schema_sync.tests.model_fixtures import fixture_ir

GOLDEN = Path(__file__).parent / "golden"


def _golden_files() -> Dict[str, bytes]:
    directories = {name for name, _ in EMITTERS}
    return {
        path.relative_to(GOLDEN).as_posix(): path.read_bytes()
        for path in sorted(GOLDEN.rglob("*"))
        if path.is_file() and path.relative_to(GOLDEN).parts[0] in directories
    }


def test_fixture_outputs_match_golden_files() -> None:
    generated = generate(fixture_ir(), Options())
    if os.environ.get("UPDATE_GOLDEN") == "1":
        for directory, _ in EMITTERS:  # not write_tree: golden/ also holds ir/, which it would refuse
            shutil.rmtree(GOLDEN / directory, ignore_errors=True)
        write_files(str(GOLDEN), generated)
    golden = _golden_files()
    assert sorted(generated) == sorted(golden), "set of outputs changed: rerun with UPDATE_GOLDEN=1 and review"
    for path, content in generated.items():
        assert content == golden[path], f"{path} differs from its golden file: rerun with UPDATE_GOLDEN=1 and review"
