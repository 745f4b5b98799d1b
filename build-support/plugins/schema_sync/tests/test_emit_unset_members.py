"""Members with no initialiser: the generated model holds what the .NET object holds when nothing
is assigned, so adding such a property to a model never breaks Python code or old items.

Reference types start as null (even non-nullable ones under `#nullable enable`: C# only warns,
CS8618), so .NET omits them; value types hold default(T), which .NET stores.
"""

from __future__ import annotations

import datetime as dt
import uuid
from types import ModuleType
from typing import Any, Dict

import pytest

from schema_sync.emit.python import emit_python
from schema_sync.emit.typescript import emit_typescript
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx
from schema_sync.tests.snippets import schema_of, table

UNSET = table(
    """
    [DynamoDBProperty("name")] public string Name { get; set; }
    [DynamoDBProperty("tags")] public List<string> Tags { get; set; }
    [DynamoDBProperty("due")] public DateTime Due { get; set; }
    [DynamoDBProperty("day")] public DateOnly Day { get; set; }
    [DynamoDBProperty("ref_id")] public Guid RefId { get; set; }
    [DynamoDBProperty("count")] public int Count { get; set; }
    [DynamoDBProperty("level")] public Level Level { get; set; }
    [DynamoDBProperty("grade")] public Grade Grade { get; set; }
    [DynamoDBProperty("home")] public Address Home { get; set; }
    """
).replace("using Amazon.DynamoDBv2.DataModel;", "#nullable enable\nusing System;\nusing System.Collections.Generic;\n"
          "using Amazon.DynamoDBv2.DataModel;")
ENUMS = """
namespace App.Data;
public enum Level { Low = 0, High = 1 }
public enum Grade { A = 1, B = 2 }
public class Address { public string Street { get; set; } = ""; }
"""


@pytest.fixture(scope="module")
def item_module(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    root = tmp_path_factory.mktemp("unset")
    schema = schema_of(UNSET, ENUMS)
    fx.write_files(root, emit_python(schema, Options(python_package="unset")))
    return fx.import_generated(root, "unset.file0")


def test_unset_members_default_to_what_dotnet_holds(item_module: ModuleType) -> None:
    item = item_module.Item(id="i-1", grade=item_module.Grade.A)  # Grade has no zero member: required
    assert (item.name, item.tags, item.home) == (None, None, None)
    assert (item.count, item.level) == (0, item_module.Level.Low)
    assert item.due == dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc)
    assert item.day == dt.date(1, 1, 1)
    assert item.ref_id == uuid.UUID(int=0)


def test_unset_members_are_stored_as_dotnet_stores_them(item_module: ModuleType) -> None:
    stored: Dict[str, Any] = item_module.Item(id="i-1", grade=item_module.Grade.A).to_item()
    assert stored == {
        "id": {"S": "i-1"},
        "due": {"S": "0001-01-01T00:00:00.000Z"},  # four year digits, as .NET's "yyyy"
        "day": {"S": "0001-01-01"},
        "ref_id": {"S": "00000000-0000-0000-0000-000000000000"},
        "count": {"N": "0"},
        "level": {"N": "0"},
        "grade": {"N": "1"},
    }
    assert item_module.Item.from_item(stored) == item_module.Item(id="i-1", grade=item_module.Grade.A)


def test_an_item_written_before_a_member_existed_still_reads(item_module: ModuleType) -> None:
    old = item_module.Item.from_item({"id": {"S": "i-1"}, "grade": {"N": "2"}})
    assert (old.name, old.tags, old.count) == (None, None, 0)


def test_an_enum_without_a_zero_member_stays_required(item_module: ModuleType) -> None:
    with pytest.raises(ValueError, match="grade"):
        item_module.Item(id="i-1")


def test_typescript_marks_unset_reference_members_optional() -> None:
    module = emit_typescript(schema_of(UNSET, ENUMS), Options())["file0.ts"]
    assert "  home?: Address;" in module and "  name?: string;" in module
    assert "  due: string;" in module and "  count: number;" in module
