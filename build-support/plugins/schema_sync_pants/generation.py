"""Shared plumbing of the code generators: gather a target's parsed C# closure, resolve the IR, write files.

Generation runs in-process (DESIGN.md, "Where generation runs"): it is a pure function of the
`.cs` contents the engine hands us, so results are memoised by the engine and byte-identical
across runs, which is what lets the downstream pytest/pex processes hit their caches.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Tuple

from pants.engine.addresses import Address
from pants.engine.fs import CreateDigest, Digest, FileContent, Snapshot
from pants.engine.rules import Get, MultiGet, collect_rules, rule
from pants.engine.target import Target, TransitiveTargets, TransitiveTargetsRequest
from pants.source.source_root import SourceRoot, SourceRootRequest
from pants.util.logging import LogLevel

from schema_sync.ir import SchemaIR
from schema_sync.options import Options
from schema_sync_pants.parsing import ParseCsharpSource, ParsedCsharp
from schema_sync_pants.subsystem import SchemaSyncSubsystem
from schema_sync_pants.target_types import CsharpSourceField

logger = logging.getLogger(__name__)


class CsharpModelError(Exception):
    """Raised with every diagnostic as `file:line:col: message`, so the goal fails with all of them."""


@dataclass(frozen=True)
class CsharpClosureRequest:
    address: Address


@dataclass(frozen=True)
class CsharpClosure:
    """The parsed C# sources of a target and every C# target it depends on, transitively."""

    files: Tuple[ParsedCsharp, ...]  # one per path, sorted by path


@rule(desc="Gather C# sources for code generation", level=LogLevel.DEBUG)
async def gather_csharp_closure(request: CsharpClosureRequest) -> CsharpClosure:
    transitive = await Get(TransitiveTargets, TransitiveTargetsRequest([request.address]))
    parsed = await MultiGet(
        Get(ParsedCsharp, ParseCsharpSource(tgt[CsharpSourceField]))
        for tgt in transitive.closure
        if tgt.has_field(CsharpSourceField)
    )
    by_path = {p.source.path: p for p in parsed}  # A file may be owned by several targets.
    return CsharpClosure(tuple(by_path[path] for path in sorted(by_path)))


def resolve_or_raise(closure: CsharpClosure, options: Options, target: Target) -> SchemaIR:
    """Resolve the IR; any error fails the goal listing every diagnostic (warnings are logged)."""
    from schema_sync.extract import gc_paused
    from schema_sync.resolve import resolve

    with gc_paused():
        ir = resolve([f.syntax for f in closure.files], options, [f.source for f in closure.files])
    for warning in (d for d in ir.diagnostics if d.severity != "error"):
        logger.warning(warning.render())
    if ir.errors:
        rendered = "\n".join(d.render() for d in ir.errors)
        raise CsharpModelError(
            f"{len(ir.errors)} error(s) in C# models needed by {target.address.spec}; "
            f"nothing was generated:\n{rendered}"
        )
    return ir


async def write_under_source_root(target: Target, files: Mapping[str, str]) -> Snapshot:
    """Generated paths keep the source root's prefix: consumers strip roots to find modules."""
    source_root = await Get(SourceRoot, SourceRootRequest, SourceRootRequest.for_target(target))
    prefix = "" if source_root.path == "." else f"{source_root.path}/"
    # One `CreateDigest` per target: cheap only because pants_compat fixes its hash in Pants 2.17.
    contents = [FileContent(f"{prefix}{path}", text.encode("utf-8")) for path, text in files.items()]
    digest = await Get(Digest, CreateDigest(contents))
    return await Get(Snapshot, Digest, digest)


Emitter = Callable[[SchemaIR, Options, Iterable[str]], Mapping[str, str]]


async def generate_for_target(target: Target, subsystem: SchemaSyncSubsystem, emit: Emitter) -> Snapshot:
    """The whole generator for one file target: closure -> IR -> `emit` (own file only) -> files."""
    options = subsystem.generation_options()
    closure = await Get(CsharpClosure, CsharpClosureRequest(target.address))
    ir = resolve_or_raise(closure, options, target)
    own_file = target[CsharpSourceField].file_path
    return await write_under_source_root(target, emit(ir, options, (own_file,)))


def rules() -> Tuple[object, ...]:
    return tuple(collect_rules())
