"""`csharp_table_template` -> CloudFormation and `csharp_typescript_type` -> TypeScript.

Each generator has its own input field, so no two generators ever compete for one target.
Templates are `resources`: a `python_sources`/`python_tests` target that depends on a
`csharp_table_template` gets the YAML in its sandbox and its pex. TypeScript has its own output
field, which only `export-codegen` asks for.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Tuple

from pants.core.target_types import ResourceSourceField
from pants.engine.rules import collect_rules, rule
from pants.engine.target import GeneratedSources, GenerateSourcesRequest
from pants.engine.unions import UnionRule
from pants.util.logging import LogLevel

from schema_sync.ir import SchemaIR
from schema_sync.options import Options
from schema_sync_pants.generation import generate_for_target
from schema_sync_pants.subsystem import SchemaSyncSubsystem
from schema_sync_pants.target_types import (
    CsharpTableTemplateSourceField,
    CsharpTypeScriptSourceField,
    TypeScriptSourceField,
)


class GenerateCloudFormationFromCsharpRequest(GenerateSourcesRequest):
    input = CsharpTableTemplateSourceField
    output = ResourceSourceField


class GenerateTypeScriptFromCsharpRequest(GenerateSourcesRequest):
    input = CsharpTypeScriptSourceField
    output = TypeScriptSourceField


def emit_table_templates(ir: SchemaIR, options: Options, own_files: Iterable[str]) -> Mapping[str, str]:
    """The templates of the tables whose models this target's file declares."""
    from schema_sync.emit.cloudformation import emit_cloudformation

    return {f"cloudformation/{path}": text for path, text in emit_cloudformation(ir, options, tuple(own_files)).items()}


def emit_typescript_modules(ir: SchemaIR, options: Options, own_files: Iterable[str]) -> Mapping[str, str]:
    from schema_sync.emit.typescript import emit_typescript

    return {f"typescript/{path}": text for path, text in emit_typescript(ir, options, tuple(own_files)).items()}


@rule(desc="Generate CloudFormation table templates from C#", level=LogLevel.DEBUG)
async def generate_cloudformation_from_csharp(
    request: GenerateCloudFormationFromCsharpRequest, subsystem: SchemaSyncSubsystem
) -> GeneratedSources:
    snapshot = await generate_for_target(request.protocol_target, subsystem, emit_table_templates)
    return GeneratedSources(snapshot)


@rule(desc="Generate TypeScript types from C#", level=LogLevel.DEBUG)
async def generate_typescript_from_csharp(
    request: GenerateTypeScriptFromCsharpRequest, subsystem: SchemaSyncSubsystem
) -> GeneratedSources:
    snapshot = await generate_for_target(request.protocol_target, subsystem, emit_typescript_modules)
    return GeneratedSources(snapshot)


def rules() -> Tuple[object, ...]:
    return (
        *collect_rules(),
        UnionRule(GenerateSourcesRequest, GenerateCloudFormationFromCsharpRequest),
        UnionRule(GenerateSourcesRequest, GenerateTypeScriptFromCsharpRequest),
    )
