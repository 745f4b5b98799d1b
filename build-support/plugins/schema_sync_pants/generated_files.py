"""What the linters and checkers of generated files share: each target's codegen output, merged
into one sandbox, and which source each generated file comes from (for their findings)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Tuple, Type

from pants.engine.fs import Digest, MergeDigests
from pants.engine.rules import Get, MultiGet
from pants.engine.target import HydratedSources, HydrateSourcesRequest, SourcesField
from pants.util.frozendict import FrozenDict


@dataclass(frozen=True)
class GeneratedFiles:
    # Generated path -> what it is generated from (a C# file, or a target's address).
    origins: FrozenDict[str, str]
    digest: Digest

    @property
    def paths(self) -> Tuple[str, ...]:
        return tuple(sorted(self.origins))


async def hydrate_generated_files(
    sources: Iterable[Tuple[SourcesField, str]],
    output_types: Tuple[Type[SourcesField], ...],
    extensions: Tuple[str, ...],
) -> GeneratedFiles:
    """The files with `extensions` that codegen makes of each `(sources, origin)` as `output_types`
    (what `export-codegen` writes), all in one digest."""
    requested = tuple(sources)
    hydrated = await MultiGet(
        Get(HydratedSources, HydrateSourcesRequest(field, for_sources_types=output_types, enable_codegen=True))
        for field, _ in requested
    )
    origins = {
        path: origin
        for (_, origin), files in zip(requested, hydrated)
        for path in files.snapshot.files
        if path.endswith(extensions)
    }
    digest = await Get(Digest, MergeDigests(files.snapshot.digest for files in hydrated))
    return GeneratedFiles(FrozenDict(origins), digest)


# A finding starts with the file's path: `path:line:...` (cfn-lint) or `path(line,col): ...` (tsc).
_FINDING_PATH = re.compile(r"^([^:(\s]+)[:(]")


def origins_of_findings(stdout: str, origins: Mapping[str, str]) -> str:
    """`file is generated from source` for each generated file a tool reported on, in the order reported."""
    reported = []
    for line in stdout.splitlines():
        match = _FINDING_PATH.match(line)
        path = match.group(1) if match else ""
        if path in origins and path not in reported:
            reported.append(path)
    return "".join(f"{path} is generated from {origins[path]}\n" for path in reported)
