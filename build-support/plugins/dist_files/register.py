"""`dist_files(dependencies=[...])`: `pants package` writes its dependencies' files under `dist/`.

Pants 2.17 packages executables and archives, but no target puts a plain generated file (e.g. a
CloudFormation template made by an `adhoc_tool`) into `dist/` as is: `archive` always archives.
This target does, keeping each file's path: `pp_ai/pp_ai-stack.yaml` -> `dist/pp_ai/pp_ai-stack.yaml`.
Code generation runs for `files`/`resources`-producing dependencies (`adhoc_tool`, generated
resources) exactly as for any consumer of their sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List

from pants.core.goals.package import BuiltPackage, BuiltPackageArtifact, PackageFieldSet
from pants.core.target_types import FileSourceField, ResourceSourceField
from pants.core.util_rules.source_files import SourceFiles, SourceFilesRequest
from pants.engine.internals.selectors import Get
from pants.engine.rules import collect_rules, rule
from pants.engine.target import (
    COMMON_TARGET_FIELDS,
    Dependencies,
    DependenciesRequest,
    SourcesField,
    Target,
    Targets,
)
from pants.engine.unions import UnionRule


class DistFilesDependencies(Dependencies):
    help = "The `files`/`resources` targets (or code generators of them, e.g. `adhoc_tool`) to write under dist/."


class DistFilesTarget(Target):
    alias = "dist_files"
    core_fields = (*COMMON_TARGET_FIELDS, DistFilesDependencies)
    help = "Files written under dist/ by `pants package`, each at its path in the repository."


@dataclass(frozen=True)
class DistFilesFieldSet(PackageFieldSet):
    required_fields = (DistFilesDependencies,)

    dependencies: DistFilesDependencies


def _sources_of(targets: Iterable[Target]) -> List[SourcesField]:
    return [target[SourcesField] for target in targets if target.has_field(SourcesField)]


@rule(desc="Package dist_files")
async def package_dist_files(field_set: DistFilesFieldSet) -> BuiltPackage:
    targets = await Get(Targets, DependenciesRequest(field_set.dependencies))
    sources = await Get(
        SourceFiles,
        SourceFilesRequest(
            _sources_of(targets),
            for_sources_types=(FileSourceField, ResourceSourceField),
            enable_codegen=True,
        ),
    )
    artifacts = tuple(BuiltPackageArtifact(path) for path in sources.snapshot.files)
    return BuiltPackage(sources.snapshot.digest, artifacts)


def target_types() -> List[type]:
    return [DistFilesTarget]


def rules() -> List[object]:
    return [*collect_rules(), UnionRule(PackageFieldSet, DistFilesFieldSet)]
