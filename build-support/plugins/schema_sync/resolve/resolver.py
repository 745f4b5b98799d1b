"""The resolve stage, start to end: find the models, decide each one's conversion schema, build
the models and enums, and collect the diagnostics, applying the AWS SDK for .NET's
DynamoDBContext rules (docs/ir.md; the conversion reference in the design notes)."""

from __future__ import annotations

from typing import Sequence

from schema_sync import ir
from schema_sync.csharp.syntax import FileSyntax
from schema_sync.options import Options
from schema_sync.resolve.catalog import ModelCatalog
from schema_sync.resolve.context import Context
from schema_sync.resolve.discovery import models_and_conversions
from schema_sync.resolve.enums import enums
from schema_sync.resolve.models import model
from schema_sync.resolve.sdk import DYNAMODB_ATTRIBUTES, normalize_attribute_name


def resolve(
    files: Sequence[FileSyntax],
    options: Options,
    sources: Sequence[ir.SourceFile] = (),
    catalog: ModelCatalog | None = None,
) -> ir.SchemaIR:
    """`catalog`, from `model_catalog` over the whole tree, when `files` are one file's
    dependency closure: its models then match the whole tree's (build tools generate per file)."""
    ctx = Context(files, options, catalog.stored_as_value if catalog else ())
    _warn_unknown_attributes(ctx)
    model_names, tables, conversions = models_and_conversions(ctx, catalog.conversions if catalog else None)
    models = [model(ctx, ctx.index.types[n], tables[n], conversions[n]) for n in model_names]
    return ir.SchemaIR(
        models=tuple(sorted(models, key=lambda m: (m.full_name, m.file))),
        enums=tuple(enums(ctx, models)),
        diagnostics=ctx.diagnostics.in_order(),
        sources=tuple(sorted(sources, key=lambda s: s.path)),
    )


def _warn_unknown_attributes(ctx: Context) -> None:
    for file in ctx.files:
        for decl in file.types:
            attributes = list(decl.attributes) + [a for m in decl.members for a in m.attributes]
            for attribute in attributes:
                name = normalize_attribute_name(attribute.name)
                if name.lower().startswith("dynamodb") and name not in DYNAMODB_ATTRIBUTES:
                    ctx.warning(f"unknown DynamoDB attribute [{attribute.name}] ignored", file.path, attribute.location)
