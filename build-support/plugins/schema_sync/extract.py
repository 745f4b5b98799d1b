"""The extraction entry points: C# sources -> schema IR (parse each file, resolve them all)."""

from __future__ import annotations

import hashlib
import os
from typing import Iterable, List, Mapping, Set

from schema_sync.csharp.parse import parse_file
from schema_sync.gc_pause import gc_paused
from schema_sync.ir import SchemaIR, SourceFile
from schema_sync.options import Options
from schema_sync.resolve import resolve


def extract(files: Mapping[str, bytes], options: Options) -> SchemaIR:
    """`files` maps repo-relative paths to contents; the result is independent of their order."""
    paths = sorted(files)
    with gc_paused():
        syntax = [parse_file(path, files[path]) for path in paths]
        sources = [SourceFile(path, hashlib.sha256(files[path]).hexdigest()) for path in paths]
        return resolve(syntax, options, sources)


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
