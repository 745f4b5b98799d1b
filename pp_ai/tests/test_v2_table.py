"""A table under .NET's conversion schema V2 (pp_api's own tables are all V1): generated from a C#
model by the same core the build uses, its table created from its generated template, read and written
through the same `Repository` as pp_api's tables."""

from __future__ import annotations

import importlib
import sys
from datetime import datetime, timezone
from typing import Any, Dict, Iterator

import pytest

from dynamo_test_server import client, create_tables
from pp_ai.data.repository import Repository
from schema_sync.emit.outputs import generate, write_tree
from schema_sync.extract import extract
from schema_sync.options import Options

STAGE = "test"

MODEL = b"""
using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;

[DynamoDBTable("coach_notes")]
public class CoachNoteDataModel
{
    [DynamoDBHashKey("user_id")] public string UserId { get; set; } = string.Empty;
    [DynamoDBRangeKey("note_id")] public string NoteId { get; set; } = string.Empty;
    [DynamoDBProperty("is_pinned")] public bool IsPinned { get; set; }
    [DynamoDBProperty("tags")] public List<string> Tags { get; set; } = new List<string>();
    [DynamoDBProperty("weeks")] public HashSet<int> Weeks { get; set; } = new HashSet<int>();
    [DynamoDBProperty("written_at")] public DateTime WrittenAt { get; set; }
    [DynamoDBVersion] public int? Version { get; set; }
}
"""

DOTNET_V2_ITEM: Dict[str, Any] = {  # what DynamoDBContext (Conversion = V2) stores for it
    "user_id": {"S": "u-1"},
    "note_id": {"S": "n-1"},
    "is_pinned": {"BOOL": True},
    "tags": {"L": [{"S": "focus"}, {"S": "focus"}, {"S": "health"}]},  # V2 lists keep order and duplicates
    "weeks": {"NS": ["2", "9"]},
    "written_at": {"S": "2026-03-04T05:06:07.891Z"},
    "Version": {"N": "4"},
}


@pytest.fixture(scope="module")
def notes(endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repository[Any]]:
    options = Options(conversion="V2", python_package="v2_models")
    schema = extract({"CoachNoteDataModel.cs": MODEL}, options)
    assert not schema.errors, schema.errors
    out = tmp_path_factory.mktemp("v2")
    write_tree(str(out), generate(schema, options))
    sys.path.insert(0, str(out / "python"))
    try:
        model = importlib.import_module("v2_models.coach_note_data_model").CoachNoteDataModel
        template = (out / "cloudformation" / "coach_notes-table.yaml").read_text()
        create_tables(endpoint, template, STAGE)
        yield Repository(client("dynamodb", endpoint), model, STAGE)
    finally:
        sys.path.remove(str(out / "python"))


def test_an_item_dotnet_wrote_under_v2_reads_back_equal_and_saves_identically(notes: Repository[Any]) -> None:
    notes.client.put_item(TableName=notes.table, Item=DOTNET_V2_ITEM)
    loaded = notes.get("u-1", "n-1")
    assert loaded is not None
    assert (loaded.is_pinned, loaded.weeks, loaded.version) == (True, {2, 9}, 4)
    assert loaded.tags == ["focus", "focus", "health"]
    assert loaded.written_at == datetime(2026, 3, 4, 5, 6, 7, 891000, tzinfo=timezone.utc)
    assert loaded.to_item() == DOTNET_V2_ITEM
    saved = notes.put(loaded)
    assert notes.get("u-1", "n-1") == saved and saved.version == 5
    assert notes.client.get_item(TableName=notes.table, Key=saved.key())["Item"]["is_pinned"] == {"BOOL": True}
