"""`csharp_model` -> pydantic module: codegen for python_sources/python_tests/pex_binary consumers,
the import -> C# model module mapping, and the runtime dependency on pydantic."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import DefaultDict, Dict, Iterable, List, Mapping, Tuple

from pants.backend.codegen.utils import find_python_runtime_library_or_raise_error
from pants.backend.python.dependency_inference.module_mapper import (
    FirstPartyPythonMappingImpl,
    FirstPartyPythonMappingImplMarker,
    ModuleProvider,
    ModuleProviderType,
    ThirdPartyPythonModuleMapping,
)
from pants.backend.python.subsystems.setup import PythonSetup
from pants.backend.python.target_types import PythonResolveField, PythonSourceField
from pants.engine.addresses import Address
from pants.engine.rules import collect_rules, rule
from pants.engine.target import (
    AllTargets,
    FieldSet,
    GeneratedSources,
    GenerateSourcesRequest,
    InferDependenciesRequest,
    InferredDependencies,
    Targets,
)
from pants.engine.unions import UnionRule
from pants.util.logging import LogLevel

from schema_sync.ir import SchemaIR
from schema_sync.options import Options
from schema_sync_pants.csharp_dependencies import CsharpSymbolMap
from schema_sync_pants.generation import generate_for_target
from schema_sync_pants.subsystem import SchemaSyncSubsystem
from schema_sync_pants.target_types import CsharpDependenciesField, CsharpModelSourceField


class GeneratePythonFromCsharpRequest(GenerateSourcesRequest):
    input = CsharpModelSourceField
    output = PythonSourceField


def emit_python_modules(ir: SchemaIR, options: Options, own_files: Iterable[str]) -> Mapping[str, str]:
    from schema_sync.emit_python import emit_python  # Lazy: generator libraries load on first use.

    return emit_python(ir, options, only_files=tuple(own_files))


@rule(desc="Generate pydantic models from C#", level=LogLevel.DEBUG)
async def generate_python_from_csharp(
    request: GeneratePythonFromCsharpRequest, subsystem: SchemaSyncSubsystem
) -> GeneratedSources:
    snapshot = await generate_for_target(request.protocol_target, subsystem, emit_python_modules)
    return GeneratedSources(snapshot)


# --- import pp_api_models.goal_data_model -> the csharp_model target -------------------------


class AllCsharpModelTargets(Targets):
    pass


@rule(desc="Find all csharp_model targets", level=LogLevel.DEBUG)
def find_all_csharp_model_targets(targets: AllTargets) -> AllCsharpModelTargets:
    return AllCsharpModelTargets(t for t in targets if t.has_field(CsharpModelSourceField))


class PythonCsharpMappingMarker(FirstPartyPythonMappingImplMarker):
    pass


@rule(desc="Map csharp_model targets to generated Python modules", level=LogLevel.DEBUG)
def map_csharp_models_to_python_modules(
    targets: AllCsharpModelTargets,
    python_setup: PythonSetup,
    subsystem: SchemaSyncSubsystem,
    symbols: CsharpSymbolMap,
    _: PythonCsharpMappingMarker,
) -> FirstPartyPythonMappingImpl:
    from schema_sync.naming import python_module_for_file, runtime_module_for_package

    package = subsystem.python_package
    mapping: DefaultDict[str, Dict[str, List[ModuleProvider]]] = defaultdict(lambda: defaultdict(list))
    runtime_candidates: DefaultDict[str, List[Tuple[int, Address]]] = defaultdict(list)
    for tgt in targets:
        resolve = tgt[PythonResolveField].normalized_value(python_setup)
        path = tgt[CsharpModelSourceField].file_path
        mapping[resolve][python_module_for_file(path, package)].append(
            ModuleProvider(tgt.address, ModuleProviderType.IMPL)
        )
        runtime_candidates[resolve].append((symbols.reference_counts[path], tgt.address))
    # Every target emits a byte-identical runtime module. One owner keeps inference unambiguous;
    # the one depending on the fewest other files, so code importing only the runtime is
    # invalidated by as few model edits as possible.
    for resolve, candidates in runtime_candidates.items():
        owner = min(candidates)[1]
        mapping[resolve][runtime_module_for_package(package)].append(ModuleProvider(owner, ModuleProviderType.IMPL))
    return FirstPartyPythonMappingImpl.create(mapping)


# --- generated Python -> pydantic --------------------------------------------------------------


@dataclass(frozen=True)
class CsharpModelRuntimeFieldSet(FieldSet):
    required_fields = (CsharpModelSourceField, CsharpDependenciesField, PythonResolveField)

    source: CsharpModelSourceField
    dependencies: CsharpDependenciesField
    resolve: PythonResolveField


class InferPydanticDependency(InferDependenciesRequest[CsharpModelRuntimeFieldSet]):
    infer_from = CsharpModelRuntimeFieldSet


@rule(desc="Infer the pydantic dependency of generated models", level=LogLevel.DEBUG)
async def infer_pydantic_dependency(
    request: InferPydanticDependency,
    subsystem: SchemaSyncSubsystem,
    python_setup: PythonSetup,
    module_mapping: ThirdPartyPythonModuleMapping,
) -> InferredDependencies:
    if not subsystem.infer_runtime_dependency:
        return InferredDependencies([])
    address = find_python_runtime_library_or_raise_error(
        module_mapping,
        request.field_set.address,
        "pydantic",
        resolve=request.field_set.resolve.normalized_value(python_setup),
        resolves_enabled=python_setup.enable_resolves,
        recommended_requirement_name="pydantic>=2,<3",
        recommended_requirement_url="https://pypi.org/project/pydantic/",
        disable_inference_option=f"[{SchemaSyncSubsystem.options_scope}].infer_runtime_dependency",
    )
    return InferredDependencies([address])


def rules() -> Tuple[object, ...]:
    return (
        *collect_rules(),
        UnionRule(GenerateSourcesRequest, GeneratePythonFromCsharpRequest),
        UnionRule(FirstPartyPythonMappingImplMarker, PythonCsharpMappingMarker),
        UnionRule(InferDependenciesRequest, InferPydanticDependency),
    )
