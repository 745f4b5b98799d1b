"""The extraction entry points: C# sources -> schema IR (parse each file, resolve them all)."""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from dataclasses import dataclass, field, replace
from typing import Dict, Iterable, List, Mapping, Sequence, Set

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
        parsed = run_forked([
            functools.partial(_parsed, share, files) for share in shares(paths, count, _CHILD_PARSE_SHARE)
        ])
        sources = [SourceFile(path=path, sha256=hashlib.sha256(files[path]).hexdigest()) for path in paths]
        syntax = [file for share in parsed for file in share]
        return resolve(syntax, options, sources, processes=processes)


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


@dataclass
class Sources:
    """The C# sources a command line names, and why some of them cannot be read (rendered
    `path:1:1: error: ...` lines; a command with any fails before extracting)."""

    files: Dict[str, bytes] = field(default_factory=dict)
    problems: List[str] = field(default_factory=list)


def read_sources(paths: Iterable[str]) -> Sources:
    """Files as given plus every `*.cs` below given directories, read (regular files only: a FIFO
    named `*.cs` would block the read forever, a device never end). A directory without any
    `.cs` file is a problem: pointed at the wrong place, a run must not just find no models."""
    sources = Sources()
    for path in collect_cs_files(paths, sources.problems):
        try:
            sources.files[path] = _read_regular_file(path)
        except _NotRegular as error:
            sources.problems.append(f"{path}:1:1: error: not a regular file ({error}); only regular files are read")
        except OSError as error:
            sources.problems.append(f"{path}:1:1: error: cannot read: {error.strerror}")
    return sources


def collect_cs_files(paths: Iterable[str], problems: List[str]) -> List[str]:
    """Files as given plus every `*.cs` below given directories, sorted and de-duplicated;
    `problems` receives each directory that holds none."""
    found: Set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            below = [os.path.join(root, n) for root, _, names in os.walk(path) for n in names if n.endswith(".cs")]
            if not below:
                problems.append(f"{path}: error: no .cs files in this directory")
            found.update(below)
        else:
            found.add(path)
    return sorted(os.path.normpath(p) for p in found)


class _NotRegular(OSError):
    pass


_FILE_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory"))


def _read_regular_file(path: str) -> bytes:
    # Opened without blocking (opening a FIFO waits for a writer), then checked: no window
    # between the check and the read for the path to become something else.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise _NotRegular(next((kind for test, kind in _FILE_KINDS if test(mode)), "not a file"))
        return handle.read()
