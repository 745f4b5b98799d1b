"""CloudFormation logical IDs depend on their own table's name only: adding a table never moves
another table's ID (a moved ID is a new resource, so CloudFormation would replace the table), and
two tables with one ID are refused at both models' positions, never renumbered."""

from __future__ import annotations

import hashlib
import itertools
from typing import Dict, Sequence

import pytest

from schema_sync.emit.cloudformation import COMBINED_TEMPLATE, emit_cloudformation, table_template_path
from schema_sync.emit.errors import EmitError
from schema_sync.extract import extract
from schema_sync.ir import SchemaIR
from schema_sync.lock import lock_of
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx

HEADER = "using Amazon.DynamoDBv2.DataModel;\nnamespace App.Data;\n"
NAMES = ["my_table", "my-table", "my.table", "MyTable", "goals", "goal_s", "kpi_measurements", "Kpi-Measurements",
         "a1_b", "a_1b", "users"]


def _class(table: str) -> str:
    return "T" + "".join(c if c.isalnum() else "_" for c in table) + hashlib.sha256(table.encode()).hexdigest()[:6]


def schema(tables: Sequence[str]) -> SchemaIR:
    files = {
        f"src/{_class(t)}.cs": (HEADER + f'[DynamoDBTable("{t}")]\npublic class {_class(t)} '
                                "{ [DynamoDBHashKey] public string Id { get; set; } }\n").encode()
        for t in tables
    }
    ir = extract(files, Options())
    assert not ir.errors, ir.errors
    return ir


def resource_ids(tables: Sequence[str]) -> Dict[str, str]:
    """Table -> the logical ID of its resource in its own template."""
    out = emit_cloudformation(schema(tables), Options())
    ids = {}
    for table in tables:
        (logical_id,) = fx.load_cloudformation(out[table_template_path(table)])["Resources"]
        ids[table] = logical_id
    return ids


def test_adding_a_table_whose_id_collides_is_refused_at_both_models() -> None:
    """`my-table` next to `my_table`: renaming either ID would replace a deployed table."""
    assert resource_ids(["my_table"]) == {"my_table": "MyTableTable"}
    with pytest.raises(EmitError) as raised:
        emit_cloudformation(schema(["my_table", "my-table"]), Options())
    dash, underscore = (f"src/{_class(t)}.cs:4:14" for t in ("my-table", "my_table"))
    advice = "rename one table (IDs are never renumbered: a changed ID makes CloudFormation replace a table)"
    assert sorted(str(raised.value).splitlines()) == sorted([
        f"{dash}: table 'my-table' has the CloudFormation logical ID 'MyTableTable', as table 'my_table' "
        f"({underscore}): {advice}",
        f"{underscore}: table 'my_table' has the CloudFormation logical ID 'MyTableTable', as table 'my-table' "
        f"({dash}): {advice}",
    ])
    with pytest.raises(EmitError, match="logical ID 'MyTableTable'"):
        lock_of(schema(["my_table", "my-table"]), Options())  # the lock refuses what generation refuses


def test_a_tables_id_is_the_same_whatever_else_is_generated() -> None:
    """For every set of tables without a clash, each table's ID is the one it has alone, in its
    own template and in the combined one."""
    alone = {table: resource_ids([table])[table] for table in NAMES}
    for size in (2, 3):
        for tables in itertools.combinations(NAMES, size):
            if len({alone[t] for t in tables}) < len(tables):
                with pytest.raises(EmitError, match="has the CloudFormation logical ID"):
                    emit_cloudformation(schema(tables), Options())
                continue
            assert resource_ids(tables) == {t: alone[t] for t in tables}
            combined = fx.load_cloudformation(emit_cloudformation(schema(tables), Options())[COMBINED_TEMPLATE])
            assert sorted(combined["Resources"]) == sorted(alone[t] for t in tables)


def test_one_targets_templates_have_the_whole_projects_ids() -> None:
    """A Pants target generates from its own closure: the IDs are those of a whole-project run."""
    ir = schema(["goals", "kpi_measurements", "users"])
    whole = emit_cloudformation(ir, Options())
    for model in ir.models:
        own = emit_cloudformation(SchemaIR((model,), (), (), ir.sources), Options(), [model.file])
        assert own == {path: whole[path] for path in own}


def test_the_lock_records_each_tables_id() -> None:
    lock = lock_of(schema(["kpi_measurements", "my-table"]), Options())
    assert {t.name: t.logical_id for t in lock.tables} == {"kpi_measurements": "KpiMeasurementsTable",
                                                          "my-table": "MyTableTable"}
