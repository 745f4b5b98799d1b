"""The resolve stage, start to end: find the models, decide each one's conversion schema, build
the models and enums, and collect the diagnostics, applying the AWS SDK for .NET's
DynamoDBContext rules (docs/ir.md states them)."""

from __future__ import annotations

import functools
from typing import Dict, List, Mapping, Sequence, Tuple

from schema_sync import ir
from schema_sync.csharp.syntax import FileSyntax
from schema_sync.forked import run_forked, share_count, shares
from schema_sync.options import Options
from schema_sync.resolve.catalog import ModelCatalog
from schema_sync.resolve.context import Context
from schema_sync.resolve.discovery import models_and_conversions
from schema_sync.resolve.enums import enums, stored_enums
from schema_sync.resolve.keys import TableInfo
from schema_sync.resolve.lost import check_lost, check_parameter_attributes
from schema_sync.resolve.models import model
from schema_sync.resolve.sdk import DYNAMODB_ATTRIBUTES, looks_like_dynamodb, normalize_attribute_name


def resolve(
    files: Sequence[FileSyntax],
    options: Options,
    sources: Sequence[ir.SourceFile] = (),
    catalog: ModelCatalog | None = None,
    processes: int = 1,
) -> ir.SchemaIR:
    """`catalog`, from `model_catalog` over the whole tree, when `files` are one file's
    dependency closure: its models then match the whole tree's (build tools generate per file).

    With `processes` > 1 (the command line only: see `forked`), the models are built in that
    many processes: building one reads what discovery found (complete by then) and adds only
    diagnostics, which come back with the models."""
    ctx = Context(files, options, catalog.stored_as_value if catalog else ())
    _warn_unknown_attributes(ctx)
    check_parameter_attributes(ctx)
    model_names, tables, conversions = models_and_conversions(ctx, catalog.conversions if catalog else None)
    count = share_count(model_names, processes, _MODELS_PER_PROCESS)
    known = len(ctx.diagnostics.found)
    built = run_forked([
        functools.partial(_built_models, ctx, share, tables, conversions, known)
        for share in shares(model_names, count, _CHILD_MODEL_SHARE)
    ])
    models = [m for share_models, _ in built for m in share_models]
    for _, diagnostics in built[1:]:  # the first share was built here, into ctx itself
        ctx.diagnostics.found.extend(diagnostics)
    built_enums = enums(ctx, models)
    used_elsewhere = catalog.used_by_models if catalog else ()
    check_lost(ctx, model_names, stored_enums(models), [e.full_name for e in built_enums], used_elsewhere)
    return ir.SchemaIR(
        models=tuple(sorted(models, key=lambda m: (m.full_name, m.file))),
        enums=tuple(built_enums),
        diagnostics=ctx.diagnostics.in_order(),
        sources=tuple(sorted(sources, key=lambda s: s.path)),
    )


_MODELS_PER_PROCESS = 100
# Pickling a built model costs about a seventh of building it (measured at 5,000 files).
_CHILD_MODEL_SHARE = 0.85


def _built_models(
    ctx: Context,
    names: Sequence[str],
    tables: Mapping[str, TableInfo],
    conversions: Mapping[str, ir.Conversion],
    known: int,
) -> Tuple[List[ir.Model], List[ir.Diagnostic]]:
    """The named models, and the diagnostics added since the first `known` ones."""
    models = [model(ctx, ctx.index.types[n], tables[n], conversions[n]) for n in names]
    return models, ctx.diagnostics.found[known:]


def _warn_unknown_attributes(ctx: Context) -> None:
    unknown: Dict[str, bool] = {}  # attribute name as written -> whether to warn (few distinct names)
    for file in ctx.files:
        for decl in file.types:
            for attribute in decl.every_attribute():
                warn = unknown.get(attribute.name)
                if warn is None:
                    warn = unknown[attribute.name] = _is_unknown_dynamodb(attribute.name)
                if warn:
                    ctx.warning(f"unknown DynamoDB attribute [{attribute.name}] ignored", file.path, attribute.location)


def _is_unknown_dynamodb(written: str) -> bool:
    return looks_like_dynamodb(written) and normalize_attribute_name(written) not in DYNAMODB_ATTRIBUTES
