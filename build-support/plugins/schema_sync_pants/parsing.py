"""Parsing C# sources inside the engine, memoised per file content.

Dependency inference parses every C# file once; each generator then resolves its target's whole
closure (base classes, constants, enums: ~18 files per model in the 1,000-model benchmark). Sharing
one memoised parse per file content keeps that from re-parsing every closure for every target.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Tuple

from pants.engine.fs import Digest, DigestContents
from pants.engine.rules import Get, collect_rules, rule
from pants.engine.target import HydratedSources, HydrateSourcesRequest
from pants.util.logging import LogLevel

from schema_sync.csharp.syntax import FileSyntax
from schema_sync.gc_pause import gc_paused
from schema_sync.ir import SourceFile
from schema_sync_pants.target_types import CsharpSourceField


@dataclass(frozen=True)
class ParsedCsharp:
    syntax: FileSyntax
    source: SourceFile  # path and sha256 of the content, for generated files' headers


@dataclass(frozen=True)
class ParseCsharpFile:
    """A digest holding exactly one `.cs` file: the memo key, shared by every target owning it."""

    digest: Digest


@dataclass(frozen=True)
class ParseCsharpSource:
    field: CsharpSourceField


@rule(desc="Parse a C# file", level=LogLevel.DEBUG)
async def parse_csharp_file(request: ParseCsharpFile) -> ParsedCsharp:
    from schema_sync.csharp.parse import parse_file  # Lazy: keeps tree-sitter out of Pants start-up.

    (file,) = await Get(DigestContents, Digest, request.digest)
    source = SourceFile(file.path, hashlib.sha256(file.content).hexdigest())
    with gc_paused():  # Pants's large heap makes each collection during a parse costly.
        syntax = parse_file(file.path, file.content)
    return ParsedCsharp(syntax, source)


@rule(desc="Parse a C# target's source", level=LogLevel.DEBUG)
async def parse_csharp_source(request: ParseCsharpSource) -> ParsedCsharp:
    hydrated = await Get(HydratedSources, HydrateSourcesRequest(request.field))
    return await Get(ParsedCsharp, ParseCsharpFile(hydrated.snapshot.digest))


def rules() -> Tuple[object, ...]:
    return tuple(collect_rules())
