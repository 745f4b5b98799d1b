"""`pants export --resolve=<name>`: the exported virtualenv also sees the generated modules.

Pants 2.17 exports a resolve as a virtualenv but not the code generated for it, so an IDE pointed
at that interpreter cannot resolve `import pp_api_models...`. This export member writes every
`csharp_model` target's generated Python (source roots stripped) beside the virtualenv and drops
a `.pth` file into the virtualenv's site-packages pointing at it: one command, and the editor
needs only the interpreter path. Re-run it after changing a model.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import List, Tuple

from pants.backend.python.subsystems.setup import PythonSetup
from pants.backend.python.target_types import PythonResolveField, PythonSourceField
from pants.core.goals.export import ExportRequest, ExportResult, ExportResults, ExportSubsystem, PostProcessingCommand
from pants.core.util_rules.source_files import SourceFiles
from pants.core.util_rules.stripped_source_files import StrippedSourceFiles
from pants.engine.fs import MergeDigests, Snapshot
from pants.engine.rules import Get, MultiGet, collect_rules, rule
from pants.engine.target import HydratedSources, HydrateSourcesRequest
from pants.engine.unions import UnionRule
from pants.util.logging import LogLevel

from schema_sync_pants.python_codegen import AllCsharpModelTargets
from schema_sync_pants.target_types import CsharpModelSourceField

PTH_FILE = "schema_sync_generated.pth"

# Runs after the virtualenv export (the python backend's export member is registered first).
_WRITE_PTH = """
import glob, os, sys
generated, resolve = sys.argv[1], sys.argv[2]
venvs = os.path.join(os.path.dirname(os.path.dirname(generated)), "virtualenvs", resolve)
site_dirs = sorted(glob.glob(os.path.join(venvs, "*", "lib", "python*", "site-packages")))
if not site_dirs:
    sys.exit(f"no exported virtualenv under {venvs}: run `pants export --resolve={resolve}`")
for site_dir in site_dirs:
    with open(os.path.join(site_dir, "PTH_FILE"), "w") as pth:
        pth.write(generated + "\\n")
    print(f"{site_dir}/PTH_FILE -> {generated}")
""".replace("PTH_FILE", PTH_FILE)


@dataclass(frozen=True)
class ExportGeneratedPythonRequest(ExportRequest):
    pass


@dataclass(frozen=True)
class _ResolveExportRequest:
    resolve: str


@rule(desc="Export generated Python for a resolve", level=LogLevel.DEBUG)
async def export_generated_python_for_resolve(
    request: _ResolveExportRequest, targets: AllCsharpModelTargets, python_setup: PythonSetup
) -> ExportResults:
    in_resolve = [t for t in targets if t[PythonResolveField].normalized_value(python_setup) == request.resolve]
    if not in_resolve:
        return ExportResults()
    hydrated = await MultiGet(
        Get(
            HydratedSources,
            HydrateSourcesRequest(
                t[CsharpModelSourceField], for_sources_types=(PythonSourceField,), enable_codegen=True
            ),
        )
        for t in in_resolve
    )
    merged = await Get(Snapshot, MergeDigests(h.snapshot.digest for h in hydrated))
    stripped = await Get(StrippedSourceFiles, SourceFiles(merged, ()))
    reldir = f"python/generated-sources/{request.resolve}"
    return ExportResults(
        [
            ExportResult(
                f"generated Python for the {request.resolve} resolve",
                reldir,
                digest=stripped.snapshot.digest,
                post_processing_cmds=[
                    PostProcessingCommand([sys.executable, "-c", _WRITE_PTH, "{digest_root}", request.resolve])
                ],
            )
        ]
    )


@rule(desc="Export generated Python", level=LogLevel.DEBUG)
async def export_generated_python(
    request: ExportGeneratedPythonRequest, export_subsystem: ExportSubsystem
) -> ExportResults:
    per_resolve = await MultiGet(
        Get(ExportResults, _ResolveExportRequest(resolve)) for resolve in export_subsystem.options.resolve
    )
    results: List[ExportResult] = [result for results in per_resolve for result in results]
    return ExportResults(results)


def rules() -> Tuple[object, ...]:
    return (*collect_rules(), UnionRule(ExportRequest, ExportGeneratedPythonRequest))
