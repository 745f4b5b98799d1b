"""`csharp_model` -> pydantic module and `csharp_model_runtime` -> the shared codec module: codegen
for python_sources/python_tests/pex_binary consumers, the import -> target module mapping, and
the inferred dependencies of generated code (its resolve's runtime target, pydantic)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import DefaultDict, Dict, List, Mapping, Tuple

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
    Target,
    Targets,
)
from pants.engine.unions import UnionRule
from pants.util.frozendict import FrozenDict
from pants.util.logging import LogLevel

from schema_sync.ir import SchemaIR
from schema_sync.options import Options
from schema_sync_pants.generation import generate_for_target, write_under_source_root
from schema_sync_pants.service import CsharpServiceLayout, CsharpServices, service_settings
from schema_sync_pants.subsystem import SchemaSyncSubsystem
from schema_sync_pants.target_types import (
    CsharpDependenciesField,
    CsharpModelRuntimeDependenciesField,
    CsharpModelRuntimeSourcesField,
    CsharpModelSourceField,
)

# --- the runtime targets of each resolve -------------------------------------------------------


class MissingCsharpModelRuntime(Exception):
    pass


@dataclass(frozen=True)
class CsharpModelRuntimes:
    """(Python resolve, python_package) -> its `csharp_model_runtime` targets (exactly one is expected).

    Two services' packages in one resolve have one runtime each; one package in two resolves has
    one per resolve."""

    targets: FrozenDict[Tuple[str, str], Tuple[Target, ...]]

    def of_resolve(self, resolve: str) -> Tuple[Target, ...]:
        """Every runtime target of the resolve, whatever its package."""
        return tuple(tgt for (found, _), tgts in sorted(self.targets.items()) if found == resolve for tgt in tgts)

    def of_package(self, resolve: str, package: str) -> Tuple[Target, ...]:
        return self.targets.get((resolve, package), ())

    def check_exactly_one(
        self, model: Address, resolve: str, python_setup: PythonSetup, package: str, default_package: str
    ) -> None:
        """Raise an error that says what to add or remove unless the package has one runtime target."""
        found = self.of_package(resolve, package)
        if len(found) == 1:
            return
        from schema_sync.emit.naming import runtime_module_for_package

        module = runtime_module_for_package(package)
        where = f"the Python resolve {resolve!r}" if python_setup.enable_resolves else "the repository"
        if not found:
            arguments = runtime_arguments(resolve, package, python_setup, default_package)
            argument = "".join(f", {name}={value!r}" for name, value in arguments.items())
            raise MissingCsharpModelRuntime(
                f"{model.spec}: {where} has no `csharp_model_runtime` target for the package {package!r}, and the "
                f'generated models import `{module}` from it. Add `csharp_model_runtime(name="runtime"{argument})` '
                "to a BUILD file beside your `csharp_models`, or run `pants tailor ::`."
            )
        raise MissingCsharpModelRuntime(
            f"{model.spec}: {where} has several `csharp_model_runtime` targets for the package {package!r} "
            f"({', '.join(t.address.spec for t in found)}); `{module}` needs exactly one. Remove all but one."
        )


def runtime_arguments(resolve: str, package: str, python_setup: PythonSetup, default_package: str) -> Dict[str, str]:
    """The fields a new `csharp_model_runtime` must set: those that are not the defaults."""
    arguments = {} if resolve_is_default(resolve, python_setup) else {"resolve": resolve}
    return arguments if package == default_package else {**arguments, "python_package": package}


_RESOLVES_DISABLED = "<ignore>"  # Pants's normalized resolve of every target when resolves are off


def default_resolve_key(python_setup: PythonSetup) -> str:
    """What `PythonResolveField.normalized_value` gives a target without `resolve=`."""
    return python_setup.default_resolve if python_setup.enable_resolves else _RESOLVES_DISABLED


def resolve_is_default(resolve: str, python_setup: PythonSetup) -> bool:
    return resolve == default_resolve_key(python_setup)


@rule(desc="Find the csharp_model_runtime targets", level=LogLevel.DEBUG)
def find_csharp_model_runtimes(
    targets: AllTargets, python_setup: PythonSetup, subsystem: SchemaSyncSubsystem
) -> CsharpModelRuntimes:
    by_key: DefaultDict[Tuple[str, str], List[Target]] = defaultdict(list)
    for tgt in targets:
        if tgt.has_field(CsharpModelRuntimeSourcesField):
            package = service_settings(tgt, subsystem).options.python_package
            by_key[(tgt[PythonResolveField].normalized_value(python_setup), package)].append(tgt)
    return CsharpModelRuntimes(FrozenDict((key, tuple(found)) for key, found in by_key.items()))


# --- codegen: csharp_model -> its module, csharp_model_runtime -> _runtime.py ----------------


class GeneratePythonFromCsharpRequest(GenerateSourcesRequest):
    input = CsharpModelSourceField
    output = PythonSourceField


def emit_python_modules(
    ir: SchemaIR, options: Options, own_files: Tuple[str, ...], services: CsharpServices
) -> Mapping[str, str]:
    from schema_sync.emit.python import emit_python  # Lazy: generator libraries load on first use.

    return emit_python(
        ir, options, only_files=own_files, repository_stems=services.stems, repository_packages=services.packages
    )


@rule(desc="Generate pydantic models from C#", level=LogLevel.DEBUG)
async def generate_python_from_csharp(
    request: GeneratePythonFromCsharpRequest,
    runtimes: CsharpModelRuntimes,
    subsystem: SchemaSyncSubsystem,
    python_setup: PythonSetup,
) -> GeneratedSources:
    target = request.protocol_target
    resolve = target[PythonResolveField].normalized_value(python_setup)
    package = service_settings(target, subsystem).options.python_package
    runtimes.check_exactly_one(target.address, resolve, python_setup, package, subsystem.python_package)
    snapshot = await generate_for_target(target, emit_python_modules)
    return GeneratedSources(snapshot)


class GeneratePythonRuntimeRequest(GenerateSourcesRequest):
    input = CsharpModelRuntimeSourcesField
    output = PythonSourceField


@rule(desc="Generate the pydantic models' runtime module", level=LogLevel.DEBUG)
async def generate_python_runtime(
    request: GeneratePythonRuntimeRequest, subsystem: SchemaSyncSubsystem
) -> GeneratedSources:
    """The runtime module and the package's `__init__.py` and `py.typed`, as `generate` writes them,
    so that the IDE export is a typed package too. Not the `__init__.py` of packages enclosing a
    dotted `python_package`: those may be the repository's own."""
    from schema_sync.emit.python import runtime_module, runtime_module_path
    from schema_sync.emit.python_package import package_markers

    options = service_settings(request.protocol_target, subsystem).options
    files = {runtime_module_path(options): runtime_module(options), **package_markers(options)}
    return GeneratedSources(await write_under_source_root(request.protocol_target, files))


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
    services: CsharpServiceLayout,  # unchecked: every Python file's inference reads this mapping
    runtimes: CsharpModelRuntimes,
    python_setup: PythonSetup,
    _: PythonCsharpMappingMarker,
) -> FirstPartyPythonMappingImpl:
    from schema_sync.emit.naming import runtime_module_for_package

    mapping: DefaultDict[str, Dict[str, List[ModuleProvider]]] = defaultdict(lambda: defaultdict(list))
    for tgt in targets:
        resolve = tgt[PythonResolveField].normalized_value(python_setup)
        mapping[resolve][services.module_of(tgt[CsharpModelSourceField].file_path)].append(
            ModuleProvider(tgt.address, ModuleProviderType.IMPL)
        )
    for (resolve, package), runtime_targets in runtimes.targets.items():
        mapping[resolve][runtime_module_for_package(package)].extend(
            ModuleProvider(tgt.address, ModuleProviderType.IMPL) for tgt in runtime_targets
        )
    return FirstPartyPythonMappingImpl.create(mapping)


# --- generated model modules -> their resolve's runtime target --------------------------------


@dataclass(frozen=True)
class CsharpModelPythonFieldSet(FieldSet):
    required_fields = (CsharpModelSourceField, CsharpDependenciesField, PythonResolveField)

    source: CsharpModelSourceField
    dependencies: CsharpDependenciesField
    resolve: PythonResolveField


class InferCsharpModelRuntimeDependency(InferDependenciesRequest[CsharpModelPythonFieldSet]):
    infer_from = CsharpModelPythonFieldSet


@rule(desc="Infer the runtime dependency of generated models", level=LogLevel.DEBUG)
async def infer_csharp_model_runtime_dependency(
    request: InferCsharpModelRuntimeDependency,
    runtimes: CsharpModelRuntimes,
    services: CsharpServiceLayout,
    python_setup: PythonSetup,
) -> InferredDependencies:
    """The runtime of the model's resolve and package. Without exactly one runtime target nothing is
    inferred: Python generation then fails with `MissingCsharpModelRuntime`, while the other
    generators (which also walk these targets' dependencies) keep working."""
    package = services.settings[request.field_set.source.file_path].options.python_package
    found = runtimes.of_package(request.field_set.resolve.normalized_value(python_setup), package)
    return InferredDependencies([found[0].address] if len(found) == 1 else [])


# --- the runtime module -> pydantic (model modules reach it through the runtime) ---------------


@dataclass(frozen=True)
class CsharpModelRuntimeFieldSet(FieldSet):
    required_fields = (CsharpModelRuntimeSourcesField, CsharpModelRuntimeDependenciesField, PythonResolveField)

    source: CsharpModelRuntimeSourcesField
    dependencies: CsharpModelRuntimeDependenciesField
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
        UnionRule(GenerateSourcesRequest, GeneratePythonRuntimeRequest),
        UnionRule(FirstPartyPythonMappingImplMarker, PythonCsharpMappingMarker),
        UnionRule(InferDependenciesRequest, InferCsharpModelRuntimeDependency),
        UnionRule(InferDependenciesRequest, InferPydanticDependency),
    )
