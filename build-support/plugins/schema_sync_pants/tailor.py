"""`pants tailor`: a `csharp_models` target for each directory of DynamoDB data models, and a
`csharp_model_runtime` target for a Python resolve whose models have none.

A directory qualifies when one of its `.cs` files uses the DynamoDB object-persistence model, or
declares a type such a file uses (constants, enums, nested types, base classes): generation needs
those too. Domain models, mappers and the rest of a .NET project are left alone.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Deque, Dict, Iterable, List, Mapping, Set, Tuple

from pants.backend.python.subsystems.setup import PythonSetup
from pants.backend.python.target_types import PythonResolveField
from pants.core.goals.tailor import PutativeTarget, PutativeTargets, PutativeTargetsRequest
from pants.engine.fs import DigestContents, PathGlobs
from pants.engine.internals.build_files import AddressFamilyDir, OptionalAddressFamily
from pants.engine.rules import Get, collect_rules, rule
from pants.engine.unions import UnionRule
from pants.util.dirutil import group_by_dir
from pants.util.logging import LogLevel

from schema_sync.csharp.deps import build_symbol_index, referenced_files
from schema_sync.csharp.syntax import FileSyntax
from schema_sync_pants.python_codegen import (
    AllCsharpModelTargets,
    CsharpModelRuntimes,
    default_resolve_key,
    runtime_arguments,
)
from schema_sync_pants.service import service_settings
from schema_sync_pants.subsystem import SchemaSyncSubsystem
from schema_sync_pants.target_types import (
    CsharpModelRuntimeTarget,
    CsharpModelsGeneratorTarget,
    CsharpModelSourceField,
    SchemaSyncPythonPackageField,
)

# A DynamoDB object-persistence attribute in an attribute list (`[DynamoDBTable(...)]`,
# `[Serializable, DynamoDBHashKey]`): what marks a file as a data model. A `using` is not enough.
_MODEL_ATTRIBUTE = re.compile(rb"[\[,]\s*(?:Amazon\.DynamoDBv2\.DataModel\.)?DynamoDB\w*\s*[\](,]")


@dataclass(frozen=True)
class PutativeCsharpModelTargetsRequest(PutativeTargetsRequest):
    pass


def model_files_and_their_dependencies(files: Dict[str, FileSyntax], contents: Dict[str, bytes]) -> Set[str]:
    index = build_symbol_index(files.values())
    wanted = {path for path, content in contents.items() if _MODEL_ATTRIBUTE.search(content)}
    queue: Deque[str] = deque(sorted(wanted))
    while queue:
        for dependency in referenced_files(files[queue.popleft()], index):
            if dependency not in wanted:
                wanted.add(dependency)
                queue.append(dependency)
    return wanted


async def putative_model_key(
    directory: str, python_setup: PythonSetup, subsystem: SchemaSyncSubsystem
) -> Tuple[str, str]:
    """(resolve, python_package) of a new `csharp_models` target in `directory`: what the nearest
    BUILD file's `__defaults__` give it (a service's tree sets them once), else the defaults.
    Read from the address family, Pants's parse of the BUILD files, as the target would get them."""
    defaults: Mapping[str, Any] = {}
    for path in (directory, *(str(parent) for parent in PurePath(directory).parents)):
        found = await Get(OptionalAddressFamily, AddressFamilyDir(path))
        if found.address_family is not None:
            defaults = found.address_family.defaults.get(CsharpModelsGeneratorTarget.alias, {})
            break
    resolve = defaults.get(PythonResolveField.alias)
    package = defaults.get(SchemaSyncPythonPackageField.alias)
    return (
        resolve if isinstance(resolve, str) and python_setup.enable_resolves else default_resolve_key(python_setup),
        package if isinstance(package, str) else subsystem.python_package,
    )


@rule(level=LogLevel.DEBUG, desc="Determine candidate csharp_models targets to create")
async def find_putative_csharp_model_targets(
    request: PutativeCsharpModelTargetsRequest,
    existing_models: AllCsharpModelTargets,
    runtimes: CsharpModelRuntimes,
    python_setup: PythonSetup,
    subsystem: SchemaSyncSubsystem,
) -> PutativeTargets:
    if not subsystem.tailor:
        return PutativeTargets()
    from schema_sync.csharp.parse import parse_file  # Lazy: keeps tree-sitter out of Pants start-up.

    all_cs = await Get(DigestContents, PathGlobs, request.path_globs("*.cs"))
    # Only `csharp_model` targets count as owners: a `files`/`resources` target over the same
    # `.cs` files (e.g. for tests that read them) generates nothing.
    owned = {tgt[CsharpModelSourceField].file_path for tgt in existing_models}
    contents = {f.path: f.content for f in all_cs if f.path not in owned}
    files = {path: parse_file(path, content) for path, content in contents.items()}
    targets = _model_generators(model_files_and_their_dependencies(files, contents), set(contents))
    # (resolve, python_package) -> directories of its csharp_model targets, existing and new.
    model_dirs: Dict[Tuple[str, str], Set[str]] = {}
    for tgt in existing_models:
        package = service_settings(tgt, subsystem).options.python_package
        key = (tgt[PythonResolveField].normalized_value(python_setup), package)
        model_dirs.setdefault(key, set()).add(tgt.address.spec_path)
    for putative in targets:
        key = await putative_model_key(putative.path, python_setup, subsystem)
        model_dirs.setdefault(key, set()).add(putative.path)
    targets.extend(_missing_runtimes(model_dirs, runtimes, set(request.dirs), python_setup, subsystem.python_package))
    return PutativeTargets(targets)


def _model_generators(wanted: Set[str], unowned: Set[str]) -> List[PutativeTarget]:
    """A `csharp_models` per directory of wanted files, listing them if the directory has others."""
    targets = []
    for directory, dir_files in sorted(group_by_dir(wanted).items()):
        in_dir = {p for p in unowned if p.rsplit("/", 1)[0] == directory}
        kwargs: Dict[str, Tuple[str, ...]] = {}
        if len(dir_files) < len(in_dir):
            kwargs["sources"] = tuple(sorted(dir_files))
        targets.append(
            PutativeTarget.for_target_type(
                CsharpModelsGeneratorTarget,
                path=directory,
                name=None,
                triggering_sources=sorted(dir_files),
                kwargs=kwargs,
            )
        )
    return targets


def _missing_runtimes(
    model_dirs: Dict[Tuple[str, str], Set[str]],
    runtimes: CsharpModelRuntimes,
    requested: Set[str],
    python_setup: PythonSetup,
    default_package: str,
) -> Iterable[PutativeTarget]:
    """One `csharp_model_runtime` per resolve and package without one, in its first tailored model directory."""
    for (resolve, package), directories in sorted(model_dirs.items()):
        tailored = directories & requested
        if runtimes.of_package(resolve, package) or not tailored:
            continue
        kwargs = runtime_arguments(resolve, package, python_setup, default_package)
        yield PutativeTarget.for_target_type(
            CsharpModelRuntimeTarget, path=min(tailored), name="runtime", triggering_sources=[], kwargs=kwargs
        )


def rules() -> Tuple[object, ...]:
    return (*collect_rules(), UnionRule(PutativeTargetsRequest, PutativeCsharpModelTargetsRequest))
