"""`pants export --resolve=<name>`: the exported virtualenv also sees the generated modules.

Pants 2.17 exports a resolve as a virtualenv but not the code generated for it, so an IDE pointed
at that interpreter cannot resolve `import pp_api_models...`. This export member writes the
generated Python of every `csharp_model` and `csharp_model_runtime` target (source roots stripped)
beside the virtualenv and drops a `.pth` file into the virtualenv's site-packages pointing at it
and at the repository's source roots: one command, and the editor needs only the interpreter
path. Re-run it after changing a model.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import List, Tuple

from pants.backend.python.subsystems.setup import PythonSetup
from pants.backend.python.target_types import PythonResolveField, PythonSourceField
from pants.base.build_root import BuildRoot
from pants.core.goals.export import ExportRequest, ExportResult, ExportResults, ExportSubsystem, PostProcessingCommand
from pants.core.util_rules.source_files import SourceFiles
from pants.core.util_rules.stripped_source_files import StrippedSourceFiles
from pants.engine.fs import MergeDigests, Snapshot
from pants.engine.rules import Get, MultiGet, collect_rules, rule
from pants.engine.target import HydratedSources, HydrateSourcesRequest, SourcesField
from pants.engine.unions import UnionRule
from pants.source.source_root import AllSourceRoots
from pants.util.logging import LogLevel

from schema_sync_pants.python_codegen import AllCsharpModelTargets, CsharpModelRuntimes
from schema_sync_pants.target_types import CsharpModelRuntimeSourcesField, CsharpModelSourceField

PTH_FILE = "schema_sync_generated.pth"

# Runs after the virtualenv export (the python backend's export member is registered first).
# Pants passes every argv element through str.format (for `{digest_root}`): no braces in here.
_WRITE_PTH = """
import glob, os, sys
generated, resolve, pth_name, source_roots = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
venvs = os.path.join(os.path.dirname(os.path.dirname(generated)), "virtualenvs", resolve)
site_dirs = sorted(glob.glob(os.path.join(venvs, "*", "lib", "python*", "site-packages")))
if not site_dirs:
    sys.exit("no exported virtualenv under %s: run `pants export --resolve=%s`" % (venvs, resolve))
for site_dir in site_dirs:
    with open(os.path.join(site_dir, pth_name), "w") as pth:
        pth.write(os.linesep.join([generated, *source_roots]) + os.linesep)
    print("%s -> %s" % (os.path.join(site_dir, pth_name), generated))
"""


@dataclass(frozen=True)
class ExportGeneratedPythonRequest(ExportRequest):
    pass


@dataclass(frozen=True)
class _ResolveExportRequest:
    resolve: str


@rule(desc="Export generated Python for a resolve", level=LogLevel.DEBUG)
async def export_generated_python_for_resolve(
    request: _ResolveExportRequest,
    targets: AllCsharpModelTargets,
    runtimes: CsharpModelRuntimes,
    python_setup: PythonSetup,
    source_roots: AllSourceRoots,
    build_root: BuildRoot,
) -> ExportResults:
    in_resolve = [t for t in targets if t[PythonResolveField].normalized_value(python_setup) == request.resolve]
    if not in_resolve:
        return ExportResults()
    sources: List[SourcesField] = [t[CsharpModelSourceField] for t in in_resolve]
    sources += [t[CsharpModelRuntimeSourcesField] for t in runtimes.of_resolve(request.resolve)]
    hydrated = await MultiGet(
        Get(HydratedSources, HydrateSourcesRequest(field, for_sources_types=(PythonSourceField,), enable_codegen=True))
        for field in sources
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
                    PostProcessingCommand(
                        [
                            sys.executable, "-c", _WRITE_PTH, "{digest_root}", request.resolve, PTH_FILE,
                            *(os.path.join(build_root.path, root.path) for root in source_roots),
                        ]
                    )
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
