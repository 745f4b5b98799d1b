"""The extraction entry points: C# sources -> schema IR (parse each file, resolve them all)."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
from typing import Iterable, Iterator, List, Mapping, Set

from schema_sync.ir import SchemaIR, SourceFile
from schema_sync.options import Options
from schema_sync.parse import parse_file
from schema_sync.resolve import resolve


def extract(files: Mapping[str, bytes], options: Options) -> SchemaIR:
    """`files` maps repo-relative paths to contents; the result is independent of their order."""
    paths = sorted(files)
    with gc_paused():
        syntax = [parse_file(path, files[path]) for path in paths]
        sources = [SourceFile(path, hashlib.sha256(files[path]).hexdigest()) for path in paths]
        return resolve(syntax, options, sources)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Extraction allocates many small, acyclic objects while the live heap grows: the cyclic
    collector would rescan that heap over and over (measured: ~40% of extraction time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
