"""The extraction entry points: C# sources -> schema IR (parse each file, resolve them all)."""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import replace
from typing import Iterable, List, Mapping, Sequence, Set

from schema_sync.csharp.parse import parse_file
from schema_sync.csharp.syntax import FileSyntax
from schema_sync.forked import run_forked, share_count, shares
from schema_sync.gc_pause import gc_paused
from schema_sync.ir import SchemaIR, SourceFile, type_refs
from schema_sync.options import Options
from schema_sync.resolve import resolve


def extract(files: Mapping[str, bytes], options: Options, processes: int = 1) -> SchemaIR:
    """`files` maps repo-relative paths to contents; the result is independent of their order.

    With `processes` > 1 (the command line only: see `forked`), files are parsed, and models
    built, in that many processes."""
    paths = sorted(files)
    with gc_paused():
        count = share_count(paths, processes, _FILES_PER_PROCESS)
        parsed = run_forked([functools.partial(_parsed, share, files) for share in shares(paths, count)])
        sources = [SourceFile(path, hashlib.sha256(files[path]).hexdigest()) for path in paths]
        return resolve([syntax for share in parsed for syntax in share], options, sources, processes=processes)


_FILES_PER_PROCESS = 50


def _parsed(paths: Sequence[str], files: Mapping[str, bytes]) -> List[FileSyntax]:
    return [parse_file(path, files[path]) for path in paths]


def used_by_models(schema: SchemaIR) -> SchemaIR:
    """The IR without the enums no model stores: pointed at a whole .NET project, the generator
    then emits only what DynamoDB models reach (a `Domain/Enums` twin of a `Data/Enums` enum is
    left out). Models are kept as they are: only DynamoDB-annotated types and what tables store
    become models in the first place."""
    used = {ref for model in schema.models for attribute in model.attributes for ref in type_refs(attribute.type)}
    enums = tuple(enum for enum in schema.enums if enum.full_name in used)
    return replace(schema, enums=enums) if len(enums) != len(schema.enums) else schema


def collect_cs_files(paths: Iterable[str]) -> List[str]:
    """Files as given plus every `*.cs` below given directories, sorted and de-duplicated."""
    found: Set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                found.update(os.path.join(root, n) for n in names if n.endswith(".cs"))
        else:
            found.add(path)
    return sorted(os.path.normpath(p) for p in found)
