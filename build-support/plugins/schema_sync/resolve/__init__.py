"""Stage 2, resolve: the syntax facts of many C# files -> the schema IR, applying the AWS SDK for
.NET's DynamoDBContext rules. Knows DynamoDB; reads C# only through `schema_sync.csharp.syntax`.

Layers, each importing only those above it: `symbols` (declared types, name lookup), `constants`,
`types` (C# type -> IR type and storage), `defaults`, `sdk` (the SDK's attribute names),
`diagnostics`, `inheritance`, `context` (one resolution's shared state), then the rules:
`keys`, `polymorphism`, `members`, `discovery`, `models`, `enums`, and at the bottom `catalog`
and `resolver`.
"""

from schema_sync.resolve.catalog import ModelCatalog, catalog_view, merged_catalogs, model_catalog
from schema_sync.resolve.resolver import resolve

__all__ = ["ModelCatalog", "catalog_view", "merged_catalogs", "model_catalog", "resolve"]
