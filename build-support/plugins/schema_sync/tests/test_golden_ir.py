"""Golden IR for every model of the plugin's fixture tree (model_fixtures.py).

Each model's IR (with the enums it uses) is compared with `golden/ir/<Model>.json`; the
diagnostics must stay empty. After an intended change to the fixtures or to the extractor, regenerate
the files and review the diff:

    UPDATE_GOLDEN=1 PYTHONPATH=build-support/plugins python -m pytest \\
        build-support/plugins/schema_sync/tests/test_golden_ir.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, List

import pytest

from schema_sync.ir import SchemaIR
from schema_sync.options import Options
from schema_sync.tests.model_fixtures import fixture_ir, fixture_sources
from schema_sync.tests.snippets import extract_checked_per_file

GOLDEN_DIR = Path(__file__).parent / "golden" / "ir"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


SCHEMA: SchemaIR = fixture_ir()


def _golden_document(schema: SchemaIR, model_name: str) -> Dict[str, Any]:
    data = schema.to_json_dict()
    model = next(m for m in data["models"] if m["name"] == model_name)
    used = {ref for attribute in model["attributes"] for ref in _enum_refs(attribute["type"])}
    return {
        "ir_version": data["ir_version"],
        "model": model,
        "enums": [e for e in data["enums"] if f"{e['namespace']}.{e['name']}" in used],
    }


def _enum_refs(type_data: Dict[str, Any]) -> List[str]:
    own = [type_data["ref"]] if type_data["kind"] == "enum" else []
    return own + [r for arg in type_data["args"] for r in _enum_refs(arg)]


def _render(document: Dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("model_name", sorted(m.name for m in SCHEMA.models))
def test_model_matches_golden(model_name: str) -> None:
    path = GOLDEN_DIR / f"{model_name}.json"
    actual = _render(_golden_document(SCHEMA, model_name))
    if UPDATE:
        GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


def test_every_golden_file_has_a_model() -> None:
    names = {m.name for m in SCHEMA.models}
    stale = sorted(p.stem for p in GOLDEN_DIR.glob("*.json") if p.stem not in names)
    if UPDATE:
        for stem in stale:
            (GOLDEN_DIR / f"{stem}.json").unlink()
        return
    assert stale == []


def test_fixtures_extract_without_diagnostics() -> None:
    assert [d.render() for d in SCHEMA.diagnostics] == []


def test_every_table_model_is_found() -> None:
    tables = sorted(m.table for m in SCHEMA.models if m.table)
    assert tables == [
        "actions",
        "conversations",
        "goals",
        "kpi_measurements",
        "kpis",
        "sessions",
        "strategies",
        "tenants",
        "users",
    ]


def test_each_file_resolved_from_its_closure_matches_the_whole_tree() -> None:
    """How the Pants plugin generates: per file, from the file's dependency closure plus the
    repository's model catalog. It must agree with the whole tree."""
    assert extract_checked_per_file(fixture_sources(), Options()) == SCHEMA
