"""The schema lock: its JSON round trip over the fixture tree, its stability, and `lock` / `check-lock`."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Tuple

import pytest

from schema_sync.breaking import compare
from schema_sync.cli import main
from schema_sync.lock import lock_from_json, lock_of
from schema_sync.options import Options
from schema_sync.tests.model_fixtures import DATA_DIR, FIXTURES, fixture_ir


def run(*argv: str) -> Tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_lock_round_trips_through_json() -> None:
    lock = lock_of(fixture_ir(), Options())
    again = lock_from_json(lock.to_json())
    assert again == lock
    assert again.to_json() == lock.to_json()
    assert compare(again, lock) == []


def test_lock_holds_the_stored_schema_without_lines() -> None:
    data = json.loads(lock_of(fixture_ir(), Options()).to_json())
    assert sorted(data["tables"]) == ["actions", "conversations", "goals", "kpi_measurements", "kpis", "sessions",
                                      "strategies", "tenants", "users"]
    goals = data["tables"]["goals"]
    assert goals["hash_key"] == [{"name": "goal_id", "type": "S"}]
    assert goals["physical_name"] == "purposepath-goals-${Stage}"
    goal = data["models"]["PpApi.Data.GoalDataModel"]
    assert goal["attributes"]["status"] == {
        "property": "Status", "storage": "N", "stored": "N:enum:PpApi.Data.Enums.GoalStatus",
        "type": "enum:PpApi.Data.Enums.GoalStatus", "nullable": False, "required": False,
        "file": "Data/GoalDataModel.cs",
    }
    assert goals["logical_id"] == "GoalsTable"
    assert goal["version"] == "Version"  # [DynamoDBVersion], inherited from BaseDataModel
    assert goal["attributes"]["created_by"]["file"] == "Data/BaseDataModel.cs"  # inherited: where it is declared
    assert "PpApi.Data.Enums.GoalStatus" in data["enums"]
    assert '"line"' not in json.dumps(data)


def test_lock_positions_point_at_the_declaration() -> None:
    lock = lock_of(fixture_ir(), Options())
    goal = lock.model("PpApi.Data.GoalDataModel")
    assert goal is not None
    status = goal.attribute("status")
    assert status is not None and status.where.file == "Data/GoalDataModel.cs"
    line = (FIXTURES / "Data/GoalDataModel.cs").read_text().splitlines()[status.where.line - 1]
    assert "Status" in line


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / DATA_DIR, tmp_path / DATA_DIR)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_lock_then_check_lock(tree: Path) -> None:
    code, out, err = run("check-lock", "--lock", "schema.lock.json", DATA_DIR)
    assert (code, err) == (0, "") and "no schema lock at schema.lock.json" in out

    code, out, err = run("lock", "--out", "schema.lock.json", DATA_DIR)
    assert code == 0, err
    assert (tree / "schema.lock.json").read_text() == lock_of(fixture_ir(), Options()).to_json()
    code, out, err = run("check-lock", "--lock", "schema.lock.json", DATA_DIR)
    assert (code, out, err) == (0, "the schema matches schema.lock.json\n", "")

    goal = tree / "Data/GoalDataModel.cs"
    goal.write_text(goal.read_text().replace('[DynamoDBHashKey("goal_id")]', '[DynamoDBHashKey("id")]'))
    code, out, err = run("check-lock", "--lock", "schema.lock.json", DATA_DIR)
    assert code == 1
    assert err.startswith("Data/GoalDataModel.cs:") and ": replacement: table goals: hash key changed" in err
    assert "1 breaking schema change(s) against schema.lock.json" in out


def test_check_lock_rejects_a_broken_lock(tree: Path) -> None:
    (tree / "schema.lock.json").write_text('{"lock_version": 99}')
    code, _, err = run("check-lock", "--lock", "schema.lock.json", DATA_DIR)
    assert code == 1 and "unsupported lock_version 99" in err
