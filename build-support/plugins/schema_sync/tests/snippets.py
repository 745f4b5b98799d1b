"""Helpers for tests that extract small C# snippets (one file per snippet)."""

from __future__ import annotations

import textwrap
from typing import List

from schema_sync.extract import extract
from schema_sync.ir import Attribute, Model, SchemaIR
from schema_sync.options import Options


def schema_of(*sources: str, conversion: str = "V1", nullable: str = "disable") -> SchemaIR:
    files = {f"src/File{i}.cs": textwrap.dedent(source).encode() for i, source in enumerate(sources)}
    return extract(files, Options(conversion=conversion, nullable_context=nullable))


def model(schema: SchemaIR, name: str) -> Model:
    return schema.model(name)


def attribute(schema: SchemaIR, model_name: str, prop: str) -> Attribute:
    return next(a for a in schema.model(model_name).attributes if a.property == prop)


def properties(schema: SchemaIR, model_name: str) -> List[str]:
    return [a.property for a in schema.model(model_name).attributes]


def messages(schema: SchemaIR, severity: str = "error") -> List[str]:
    return [d.message for d in schema.diagnostics if d.severity == severity]


def table(body: str, name: str = "Item", table_name: str = "items", extra: str = "") -> str:
    """A table class `name` with a string hash key `Id` plus `body`."""
    return f"""
    using Amazon.DynamoDBv2.DataModel;
    namespace App.Data;
    [DynamoDBTable("{table_name}"{extra})]
    public class {name}
    {{
        [DynamoDBHashKey("id")] public string Id {{ get; set; }}
        {body}
    }}
    """
