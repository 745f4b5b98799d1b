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


def extract(
    files: Mapping[str, bytes], options: Options, processes: int = 1, retain: List[object] | None = None
) -> SchemaIR:
    """`files` maps repo-relative paths to contents; the result is independent of their order.

    With `processes` > 1 (the command line only: see `forked`), files are parsed, and models
    built, in that many processes. `retain` receives the parse results and the resolver's
    tables, for a process that exits without freeing them (`cli.run_process`)."""
    paths = sorted(files)
    with gc_paused():
        count = share_count(paths, processes, _FILES_PER_PROCESS)
        parsed = run_forked([
            functools.partial(_parsed, share, files) for share in shares(paths, count, _CHILD_PARSE_SHARE)
        ])
        if retain is not None:
            retain.append(parsed)
        sources = [SourceFile(path, hashlib.sha256(files[path]).hexdigest()) for path in paths]
        syntax = [file for share in parsed for file in share]
        return resolve(syntax, options, sources, processes=processes, retain=retain)


_FILES_PER_PROCESS = 50
# Pickling a file's syntax costs about a quarter of parsing it (measured at 5,000 files).
_CHILD_PARSE_SHARE = 0.75


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
