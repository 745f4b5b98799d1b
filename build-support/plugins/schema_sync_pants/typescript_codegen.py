"""`csharp_typescript_type` -> TypeScript modules with the stored item types.

The output field (`TypeScriptSourceField`) is this plugin's own and only `export-codegen` and the
`tsc` checker (`tsc.py`) ask for it, so TypeScript never takes part in `test`/`package` sandboxes.
"""

from __future__ import annotations

from typing import Mapping, Tuple

from pants.engine.rules import collect_rules, rule
from pants.engine.target import GeneratedSources, GenerateSourcesRequest
from pants.engine.unions import UnionRule
from pants.util.logging import LogLevel

from schema_sync.ir import SchemaIR
from schema_sync.options import Options
from schema_sync_pants.generation import generate_for_target
from schema_sync_pants.service import TYPESCRIPT_DIRECTORY, CsharpServices
from schema_sync_pants.target_types import CsharpTypeScriptSourceField, TypeScriptSourceField


class MissingCsharpTypeScriptTarget(Exception):
    """A module would import the module of a C# file that no `csharp_typescript_type` generates."""


class GenerateTypeScriptFromCsharpRequest(GenerateSourcesRequest):
    input = CsharpTypeScriptSourceField
    output = TypeScriptSourceField


def emit_typescript_modules(
    ir: SchemaIR, options: Options, own_files: Tuple[str, ...], services: CsharpServices
) -> Mapping[str, str]:
    from schema_sync.emit.typescript import UngeneratedModules, emit_typescript

    # Each module under its own file's source root: imports between roots go up and across.
    declaring = {m.file for m in ir.models} | {e.file for e in ir.enums}
    directories = {path: directory for path in declaring
                   if (directory := services.output_path(path, TYPESCRIPT_DIRECTORY)) is not None}
    try:
        modules = emit_typescript(ir, options, own_files, services.stems, directories, services.typescript)
    except UngeneratedModules as error:
        raise MissingCsharpTypeScriptTarget(
            f"{len(error.problems)} use(s) in {', '.join(own_files)} of types whose C# files no "
            f"`csharp_typescript_types` target owns; nothing was generated:\n{error.render()}\n"
            "Add `csharp_typescript_types()` to the BUILD file beside each declaring file named (or add the "
            "file to an existing one's `sources`), so that the modules imported are generated too."
        ) from None
    return {f"{TYPESCRIPT_DIRECTORY}/{path}": text for path, text in modules.items()}


@rule(desc="Generate TypeScript types from C#", level=LogLevel.DEBUG)
async def generate_typescript_from_csharp(
    request: GenerateTypeScriptFromCsharpRequest
) -> GeneratedSources:
    snapshot = await generate_for_target(request.protocol_target, emit_typescript_modules)
    return GeneratedSources(snapshot)


def rules() -> Tuple[object, ...]:
    return (*collect_rules(), UnionRule(GenerateSourcesRequest, GenerateTypeScriptFromCsharpRequest))
