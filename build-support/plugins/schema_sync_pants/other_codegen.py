"""`csharp_table_template` -> CloudFormation and `csharp_typescript_type` -> TypeScript.

Their output fields are our own, so only `export-codegen` (and goals that ask for them) runs these
generators; `test` and `package` never see them, and no two generators share an input field.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Tuple

from pants.engine.rules import collect_rules, rule
from pants.engine.target import GeneratedSources, GenerateSourcesRequest
from pants.engine.unions import UnionRule
from pants.util.logging import LogLevel

from schema_sync.ir import SchemaIR
from schema_sync.options import Options
from schema_sync_pants.generation import generate_for_target
from schema_sync_pants.subsystem import SchemaSyncSubsystem
from schema_sync_pants.target_types import (
    CloudFormationTemplateSourceField,
    CsharpTableTemplateSourceField,
    CsharpTypeScriptSourceField,
    TypeScriptSourceField,
)


class GenerateCloudFormationFromCsharpRequest(GenerateSourcesRequest):
    input = CsharpTableTemplateSourceField
    output = CloudFormationTemplateSourceField


class GenerateTypeScriptFromCsharpRequest(GenerateSourcesRequest):
    input = CsharpTypeScriptSourceField
    output = TypeScriptSourceField


def emit_table_templates(ir: SchemaIR, options: Options, own_files: Iterable[str]) -> Mapping[str, str]:
    from schema_sync.emit_cloudformation import emit_table_templates as emit

    return emit(ir, options, only_files=tuple(own_files))


def emit_typescript_modules(ir: SchemaIR, options: Options, own_files: Iterable[str]) -> Mapping[str, str]:
    from schema_sync.emit_typescript import emit_typescript as emit

    return emit(ir, options, only_files=tuple(own_files))


@rule(desc="Generate CloudFormation table templates from C#", level=LogLevel.DEBUG)
async def generate_cloudformation_from_csharp(
    request: GenerateCloudFormationFromCsharpRequest, subsystem: SchemaSyncSubsystem
) -> GeneratedSources:
    return GeneratedSources(await generate_for_target(request.protocol_target, subsystem.options(), emit_table_templates))


@rule(desc="Generate TypeScript types from C#", level=LogLevel.DEBUG)
async def generate_typescript_from_csharp(
    request: GenerateTypeScriptFromCsharpRequest, subsystem: SchemaSyncSubsystem
) -> GeneratedSources:
    return GeneratedSources(await generate_for_target(request.protocol_target, subsystem.options(), emit_typescript_modules))


def rules() -> Tuple[object, ...]:
    return (
        *collect_rules(),
        UnionRule(GenerateSourcesRequest, GenerateCloudFormationFromCsharpRequest),
        UnionRule(GenerateSourcesRequest, GenerateTypeScriptFromCsharpRequest),
    )
