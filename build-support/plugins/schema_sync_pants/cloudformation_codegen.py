"""`csharp_table_template` -> CloudFormation `AWS::DynamoDB::Table` templates.

Templates are generated as `resources`: a `python_sources`/`python_tests` target that depends on
a `csharp_table_template` gets the YAML in its sandbox and its pex. The input field is the
generator's own, so no two generators ever compete for one target. Each template is named after
its table (`cloudformation/<table>-table.yaml` under the source root), so two services' tables of
one name under one source root are an error naming their targets (`CheckedTableTemplates`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Tuple

from pants.core.target_types import ResourceSourceField
from pants.engine.rules import Get, collect_rules, rule
from pants.engine.target import GeneratedSources, GenerateSourcesRequest
from pants.engine.unions import UnionRule
from pants.util.logging import LogLevel

from schema_sync.ir import SchemaIR
from schema_sync.options import Options
from schema_sync_pants.generation import CsharpModelCatalog, generate_for_target
from schema_sync_pants.service import (
    CLOUDFORMATION_DIRECTORY,
    AllCsharpTargets,
    CsharpServiceError,
    CsharpServices,
    output_clashes,
    table_template_output,
)
from schema_sync_pants.target_types import CsharpSourceField, CsharpTableTemplateSourceField


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
    templates = emit_cloudformation(ir, options, own_files)
    return {f"{CLOUDFORMATION_DIRECTORY}/{path}": text for path, text in templates.items()}


@dataclass(frozen=True)
class CheckedTableTemplates:
    """No two services' table templates share a path. Not part of `CsharpServices`' checks: the
    table names come from the model catalog, which is computed per service."""


@rule(desc="Check that the C# services' table templates do not share a path", level=LogLevel.DEBUG)
def check_table_templates(
    targets: AllCsharpTargets, services: CsharpServices, models: CsharpModelCatalog
) -> CheckedTableTemplates:
    files = {t[CsharpSourceField].file_path for t in targets if t.has_field(CsharpTableTemplateSourceField)}
    outputs = ((path, services.output_path(path, table_template_output(table)))
               for path in files for table in models.tables.get(path, ()))
    remedy = "rename one table ([DynamoDBTable]) or give its service a source root of its own"
    problems = output_clashes(outputs, services, remedy)
    if problems:
        raise CsharpServiceError(f"{len(problems)} table template(s) written by several C# services:\n"
                                 + "\n".join(problems))
    return CheckedTableTemplates()


@rule(desc="Generate CloudFormation table templates from C#", level=LogLevel.DEBUG)
async def generate_cloudformation_from_csharp(
    request: GenerateCloudFormationFromCsharpRequest
) -> GeneratedSources:
    await Get(CheckedTableTemplates)
    snapshot = await generate_for_target(request.protocol_target, emit_table_templates)
    return GeneratedSources(snapshot)


def rules() -> Tuple[object, ...]:
    return (*collect_rules(), UnionRule(GenerateSourcesRequest, GenerateCloudFormationFromCsharpRequest))
