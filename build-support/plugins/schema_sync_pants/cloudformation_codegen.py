"""`csharp_table_template` -> CloudFormation `AWS::DynamoDB::Table` templates.

Templates are generated as `resources`: a `python_sources`/`python_tests` target that depends on
a `csharp_table_template` gets the YAML in its sandbox and its pex. The input field is the
generator's own, so no two generators ever compete for one target.
"""

from __future__ import annotations

from typing import Mapping, Tuple

from pants.core.target_types import ResourceSourceField
from pants.engine.rules import collect_rules, rule
from pants.engine.target import GeneratedSources, GenerateSourcesRequest
from pants.engine.unions import UnionRule
from pants.util.logging import LogLevel

from schema_sync.ir import SchemaIR
from schema_sync.options import Options
from schema_sync_pants.generation import generate_for_target
from schema_sync_pants.service import CsharpServices
from schema_sync_pants.target_types import CsharpTableTemplateSourceField


class GenerateCloudFormationFromCsharpRequest(GenerateSourcesRequest):
    input = CsharpTableTemplateSourceField
    output = ResourceSourceField


def emit_table_templates(
    ir: SchemaIR, options: Options, own_files: Tuple[str, ...], services: CsharpServices
) -> Mapping[str, str]:
    """The templates of the tables whose models this target's file declares (named after the
    tables, so the other files do not matter)."""
    from schema_sync.emit.cloudformation import emit_cloudformation  # Lazy: PyYAML loads on first use.

    del services
    return {f"cloudformation/{path}": text for path, text in emit_cloudformation(ir, options, own_files).items()}


@rule(desc="Generate CloudFormation table templates from C#", level=LogLevel.DEBUG)
async def generate_cloudformation_from_csharp(
    request: GenerateCloudFormationFromCsharpRequest
) -> GeneratedSources:
    snapshot = await generate_for_target(request.protocol_target, emit_table_templates)
    return GeneratedSources(snapshot)


def rules() -> Tuple[object, ...]:
    return (*collect_rules(), UnionRule(GenerateSourcesRequest, GenerateCloudFormationFromCsharpRequest))
