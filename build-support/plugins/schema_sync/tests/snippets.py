"""Helpers for tests that extract small C# snippets (one file per snippet)."""

from __future__ import annotations

import hashlib
import textwrap
from typing import Dict, List, Mapping

from schema_sync.csharp.deps import build_symbol_index, referenced_files
from schema_sync.csharp.parse import parse_file
from schema_sync.extract import extract
from schema_sync.graph import reachable
from schema_sync.ir import Attribute, Model, SchemaIR, SourceFile
from schema_sync.options import Options
from schema_sync.resolve import catalog_view, model_catalog, resolve


def schema_of(*sources: str, conversion: str = "V1", nullable: str = "disable") -> SchemaIR:
    """The whole tree's IR, after checking that resolving each file per file (as the Pants plugin
    does) gives every file the same models: every resolve test checks that invariant too."""
    files = {f"src/File{i}.cs": textwrap.dedent(source).encode() for i, source in enumerate(sources)}
    return extract_checked_per_file(files, Options(conversion=conversion, nullable_context=nullable))


def extract_checked_per_file(contents: Mapping[str, bytes], options: Options) -> SchemaIR:
    """The whole tree's IR, after asserting that resolving each file from its closure (as the
    Pants plugin does) gives that file the same models."""
    schema = extract(contents, options)
    whole = models_by_file(schema)
    assert models_per_file(contents, options) == {path: whole.get(path, []) for path in contents}, (
        "per-file resolution differs"
    )
    return schema


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


def resolved_per_file(contents: Mapping[str, bytes], options: Options) -> Dict[str, SchemaIR]:
    """Each file's IR as the Pants plugin resolves it: from the file's dependency closure
    (deps.referenced_files, transitively) with the whole tree's model catalog (from views)."""
    files = {path: parse_file(path, content) for path, content in contents.items()}
    sources = {path: SourceFile(path, hashlib.sha256(content).hexdigest()) for path, content in contents.items()}
    index = build_symbol_index(files.values())
    direct = {path: referenced_files(syntax, index) for path, syntax in files.items()}
    catalog = model_catalog([catalog_view(f) for f in files.values()], options)
    result: Dict[str, SchemaIR] = {}
    for path in files:
        paths = sorted(reachable(path, direct.__getitem__))
        declared = [name for p in paths for name in files[p].declared_type_names]
        scoped = catalog.restricted_to(declared)
        result[path] = resolve([files[p] for p in paths], options, [sources[p] for p in paths], scoped)
    return result


def models_per_file(contents: Mapping[str, bytes], options: Options) -> Dict[str, List[Model]]:
    return {path: [m for m in ir.models if m.file == path] for path, ir in resolved_per_file(contents, options).items()}


def models_by_file(schema: SchemaIR) -> Dict[str, List[Model]]:
    result: Dict[str, List[Model]] = {}
    for m in schema.models:
        result.setdefault(m.file, []).append(m)
    return result
