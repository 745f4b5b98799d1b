"""Shared plumbing of the code generators: gather a target's parsed C# closure, resolve the IR, write files.

Generation runs in-process (docs/pants-plugin.md, "Where generation runs and why"): it is a pure
function of the `.cs` contents the engine hands us, so results are memoised by the engine and
byte-identical across runs, which is what lets the downstream pytest/pex processes hit their caches.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List, Mapping, Tuple, TypeVar

from pants.engine.addresses import Address
from pants.engine.fs import CreateDigest, Digest, FileContent, Snapshot
from pants.engine.rules import Get, MultiGet, collect_rules, rule
from pants.engine.target import Dependencies, DependenciesRequest, Target, Targets
from pants.source.source_root import SourceRoot, SourceRootRequest
from pants.util.logging import LogLevel

from schema_sync.csharp.syntax import FileSyntax
from schema_sync.gc_pause import gc_paused
from schema_sync.graph import reachable_from
from schema_sync.ir import SchemaIR
from schema_sync.options import Options
from schema_sync.resolve import ModelCatalog, catalog_view, merged_catalogs, model_catalog, resolve
from schema_sync_pants.parsing import ParseCsharpSource, ParsedCsharp
from schema_sync_pants.service import AllCsharpTargets, CsharpServices, foreign_model_errors, under_source_root
from schema_sync_pants.target_types import CsharpSourceField

logger = logging.getLogger(__name__)

_Item = TypeVar("_Item")


def one_per_path(items: Iterable[_Item], path_of: Callable[[_Item], str]) -> Tuple[_Item, ...]:
    """Sorted by path, one item per path: a file may be owned by several targets."""
    by_path = {path_of(item): item for item in items}
    return tuple(by_path[path] for path in sorted(by_path))


class CsharpModelError(Exception):
    """Raised with every diagnostic as `file:line:col: message`, so the goal fails with all of them."""


@dataclass(frozen=True)
class CsharpDependencyGraph:
    """Every C# target's direct C# dependencies (explicit and inferred), as one engine node.

    Each target's closure is then a walk over this mapping instead of a `TransitiveTargets`
    request per target (~1 s of a cold 1,000-model run). An edit that leaves every target's
    dependencies as they were yields an equal graph, so the engine re-runs no closure for it.
    Only C# -> C# edges are followed: C# reaches C# through inference or explicit dependencies
    on C# targets, never through other target types.
    """

    sources: Mapping[Address, CsharpSourceField]
    direct: Mapping[Address, Tuple[Address, ...]]

    def closure(self, root: Address) -> Tuple[CsharpSourceField, ...]:
        return self.closure_of((root,))

    def closure_of(self, roots: Iterable[Address]) -> Tuple[CsharpSourceField, ...]:
        seen = reachable_from(roots, lambda address: self.direct.get(address, ()))
        return tuple(self.sources[address] for address in sorted(seen) if address in self.sources)


@rule(desc="Map C# targets to their C# dependencies", level=LogLevel.DEBUG)
async def build_csharp_dependency_graph(targets: AllCsharpTargets) -> CsharpDependencyGraph:
    dependencies = await MultiGet(Get(Targets, DependenciesRequest(tgt[Dependencies])) for tgt in targets)
    return CsharpDependencyGraph(
        sources={tgt.address: tgt[CsharpSourceField] for tgt in targets},
        direct={
            tgt.address: tuple(sorted(dep.address for dep in deps if dep.has_field(CsharpSourceField)))
            for tgt, deps in zip(targets, dependencies)
        },
    )


@dataclass(frozen=True)
class CsharpCatalogView:
    """What the catalog reads of one file. Most edits (a new plain property, moved lines) leave it
    equal, and then the engine does not recompute the catalog (~0.3 s at 1,000 files)."""

    syntax: FileSyntax


@rule(desc="Reduce a C# file to what decides which types are models", level=LogLevel.DEBUG)
async def csharp_catalog_view(request: ParseCsharpSource) -> CsharpCatalogView:
    parsed = await Get(ParsedCsharp, ParseCsharpSource, request)
    return CsharpCatalogView(catalog_view(parsed.syntax))


@dataclass(frozen=True)
class CsharpModelCatalog:
    """Which types of each service are models, and their conversion schemas.

    A file's own dependencies cannot show that a plain class is stored (as a map) by a table in
    another file, or with which schema. Computed per service (its default conversion is the
    service's) from every file's `CsharpCatalogView`, and restricted per target (`CsharpClosure`),
    so a change re-runs only the targets it concerns.
    """

    by_options: Mapping[Options, ModelCatalog]
    tables: Mapping[str, Tuple[str, ...]]  # C# file -> the tables of the models it declares, sorted

    def for_files(self, services: CsharpServices, files: Iterable[FileSyntax]) -> ModelCatalog:
        """The facts about the types `files` declare, each from its own service's catalog."""
        declared: Dict[Options, List[str]] = {}
        for syntax in files:
            declared.setdefault(services.settings[syntax.path].options, []).extend(syntax.declared_type_names)
        return merged_catalogs([self.by_options[options].restricted_to(names) for options, names in declared.items()])


@rule(desc="Find the C# models of the repository", level=LogLevel.DEBUG)
async def build_csharp_model_catalog(targets: AllCsharpTargets, services: CsharpServices) -> CsharpModelCatalog:
    views = await MultiGet(Get(CsharpCatalogView, ParseCsharpSource(tgt[CsharpSourceField])) for tgt in targets)
    files = one_per_path((v.syntax for v in views), lambda syntax: syntax.path)
    by_options: Dict[Options, List[FileSyntax]] = {}
    for syntax in files:
        by_options.setdefault(services.settings[syntax.path].options, []).append(syntax)
    with gc_paused():
        catalogs = {options: model_catalog(service_files, options) for options, service_files in by_options.items()}
    for catalog in catalogs.values():
        for warning in catalog.warnings:
            logger.warning(warning.render())
    tables = ((syntax.path, _tables_declared(catalogs[services.settings[syntax.path].options], syntax))
              for syntax in files)
    return CsharpModelCatalog(catalogs, {path: found for path, found in tables if found})


def _tables_declared(catalog: ModelCatalog, syntax: FileSyntax) -> Tuple[str, ...]:
    return tuple(sorted({catalog.tables[name] for name in syntax.declared_type_names if name in catalog.tables}))


@dataclass(frozen=True)
class CsharpClosureRequest:
    address: Address


@dataclass(frozen=True)
class CsharpClosure:
    """The parsed C# sources of a target and every C# target it depends on, transitively, with
    the repository's model facts about the types they declare."""

    files: Tuple[ParsedCsharp, ...]  # one per path, sorted by path
    catalog: ModelCatalog


@rule(desc="Gather C# sources for code generation", level=LogLevel.DEBUG)
async def gather_csharp_closure(
    request: CsharpClosureRequest, graph: CsharpDependencyGraph, models: CsharpModelCatalog, services: CsharpServices
) -> CsharpClosure:
    parsed = await MultiGet(Get(ParsedCsharp, ParseCsharpSource(field)) for field in graph.closure(request.address))
    files = one_per_path(parsed, lambda p: p.source.path)
    return CsharpClosure(files, models.for_files(services, (f.syntax for f in files)))


def declaring_files(files: Iterable[ParsedCsharp]) -> Dict[str, str]:
    """C# full name -> the file declaring it, for the types `files` declare."""
    return {name: f.source.path for f in files for name in f.syntax.declared_type_names}


def resolve_or_raise(closure: CsharpClosure, services: CsharpServices, target: Target) -> SchemaIR:
    """Resolve the IR with the target's service's options; any error in the closure (or a base class
    or a stored class of another service that generates differently) fails the goal listing every
    error. Warnings are logged by the target owning their file only: once, not once per target that
    depends on it."""
    own_file = target[CsharpSourceField].file_path
    options = services.settings[own_file].options
    ir = resolve([f.syntax for f in closure.files], options, [f.source for f in closure.files], closure.catalog)
    for warning in (d for d in ir.diagnostics if d.severity != "error" and d.file == own_file):
        logger.warning(warning.render())
    errors = (*foreign_model_errors(ir, {own_file}, services, declaring_files(closure.files)), *ir.errors)
    if errors:
        rendered = "\n".join(d.render() for d in errors)
        raise CsharpModelError(
            f"{len(errors)} error(s) in C# models needed by {target.address.spec}; "
            f"nothing was generated:\n{rendered}"
        )
    return ir


async def write_under_source_root(target: Target, files: Mapping[str, str]) -> Snapshot:
    """Generated paths keep the source root's prefix: consumers strip roots to find modules."""
    source_root = await Get(SourceRoot, SourceRootRequest, SourceRootRequest.for_target(target))
    # One `CreateDigest` per target: cheap only because pants_compat fixes its hash in Pants 2.17.
    contents = [FileContent(under_source_root(source_root.path, path), text.encode("utf-8"))
                for path, text in files.items()]
    digest = await Get(Digest, CreateDigest(contents))
    return await Get(Snapshot, Digest, digest)


# (IR, the target's options, its own file, the repository's services: output names) -> {output path: text}
Emitter = Callable[[SchemaIR, Options, Tuple[str, ...], CsharpServices], Mapping[str, str]]


async def generate_for_target(target: Target, emit: Emitter) -> Snapshot:
    """The whole generator for one file target: closure -> IR -> `emit` (own file only) -> files."""
    closure, services = await MultiGet(Get(CsharpClosure, CsharpClosureRequest(target.address)), Get(CsharpServices))
    field = target[CsharpSourceField]
    with gc_paused():  # One pause for both: Pants's large heap makes each collection costly.
        ir = resolve_or_raise(closure, services, target)
        files = emit(ir, services.settings[field.file_path].options, (field.file_path,), services)
    return await write_under_source_root(target, files)


def rules() -> Tuple[object, ...]:
    return tuple(collect_rules())
