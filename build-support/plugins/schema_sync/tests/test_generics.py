"""Generic classes are models: their own members typed with a type parameter stay open (TypeRef
kind "typeparam", storage ANY; Python `Any` kept as the raw attribute value, TypeScript
`unknown`), closed uses substitute them (`Thing : Entity<Guid>` stores `Id` as a Guid S), the
IR's `base` names the generic base, and a table declared on a generic class is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema_sync.emit.cloudformation import emit_cloudformation
from schema_sync.emit.errors import EmitError
from schema_sync.emit.python import emit_python
from schema_sync.emit.typescript import emit_typescript
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx
from schema_sync.tests.snippets import schema_of

ENTITY = """
using System;
using Amazon.DynamoDBv2.DataModel;
namespace App.Core;
public abstract class Entity<TId>
{
    [DynamoDBHashKey("id")] public TId ID { get; set; }
    [DynamoDBProperty("created")] public DateTime Created { get; set; }
}
"""
IMAGE = """
using System;
using Amazon.DynamoDBv2.DataModel;
using App.Core;
namespace App.Data;
[DynamoDBTable("images")]
public class ImageReference : Entity<Guid> { [DynamoDBProperty("url")] public string Url { get; set; } = ""; }
"""
INBOX = """
using Amazon.DynamoDBv2.DataModel;
namespace App.Data;
[DynamoDBTable("inbox")]
public class CommandItem<T> where T : class
{
    [DynamoDBHashKey("id")] public string Id { get; set; } = "";
    [DynamoDBProperty("attempts")] public int Attempts { get; set; }
    [DynamoDBProperty("payload")] public T Payload { get; set; }
}
"""
SOURCES = (ENTITY, IMAGE, INBOX)


def test_a_generic_table_is_a_model_with_its_table() -> None:
    inbox = schema_of(*SOURCES).model("CommandItem")
    assert (inbox.table, inbox.type_parameters) == ("inbox", ("T",))
    assert [(a.name, a.type.kind, a.storage) for a in inbox.attributes] == [
        ("id", "string", "S"), ("attempts", "int32", "N"), ("payload", "typeparam", "ANY"),
    ]


def test_a_closed_use_substitutes_and_names_its_generic_base() -> None:
    schema = schema_of(*SOURCES)
    assert schema.errors == ()
    image = schema.model("ImageReference")
    assert image.base == "Entity"
    assert [(a.name, a.type.kind, a.storage) for a in image.attributes] == [
        ("id", "guid", "S"), ("created", "datetime", "S"), ("url", "string", "S"),
    ]
    assert schema.model("Entity").attributes[0].type.kind == "typeparam"


def test_generated_python_and_typescript_type_check(tmp_path: Path) -> None:
    schema = schema_of(*SOURCES)
    fx.write_files(tmp_path / "py", emit_python(schema, Options(python_package="generic_models")))
    fx.mypy_strict(tmp_path / "py", ["generic_models"], tmp_path / ".mypy_cache")
    image = fx.import_generated(tmp_path / "py", "generic_models.file1").ImageReference
    assert image.__mro__[1].__name__ == "Entity"
    fx.compile_typescript_strict(tmp_path / "ts", emit_typescript(schema, Options()))


def test_the_generic_table_gets_its_template_and_an_open_key_is_refused() -> None:
    templates = emit_cloudformation(schema_of(*SOURCES), Options())
    assert sorted(templates) == ["images-table.yaml", "inbox-table.yaml", "tables.yaml"]
    keyed_by_t = INBOX.replace('public string Id { get; set; } = "";', "public T Id { get; set; }")
    with pytest.raises(EmitError, match=r"src/File0\.cs:\d+:\d+: key attribute 'id' is stored as ANY"):
        emit_cloudformation(schema_of(keyed_by_t), Options())
