"""C# -> C# dependency inference: a file whose base class, enum, nested type or constant lives in
another file depends on that file's target, so editing `BaseDataModel.cs` invalidates every model
(and every generated module, template and test) that inherits from it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, List, Mapping, Tuple, Type

from pants.engine.addresses import Address
from pants.engine.rules import Get, MultiGet, collect_rules, rule
from pants.engine.target import (
    FieldSet,
    InferDependenciesRequest,
    InferredDependencies,
)
from pants.engine.unions import UnionRule
from pants.util.logging import LogLevel

from schema_sync.csharp.deps import SymbolIndex, build_symbol_index, referenced_files
from schema_sync_pants.parsing import ParseCsharpSource, ParsedCsharp
from schema_sync_pants.service import AllCsharpTargets, CsharpServiceLayout
from schema_sync_pants.target_types import CsharpDependenciesField, CsharpSourceField


@dataclass(frozen=True)
class CsharpSymbolMap:
    """The repo's C# type declarations, and which target of each kind owns which file.

    Plain mappings (looked up once per inferred dependency, thousands of times per run); the
    engine never hashes a rule's output, only the inputs of `Get`s.
    """

    index: SymbolIndex
    # Path -> (field type, target) of every target owning it, sorted by address.
    owners: Mapping[str, Tuple[Tuple[Type[CsharpSourceField], Address], ...]]

    def owners_of(self, path: str, field_type: Type[CsharpSourceField]) -> Tuple[Address, ...]:
        """Targets owning `path`: those of the asking target's kind if any, else all of them."""
        all_owners = self.owners.get(path, ())
        same_kind = tuple(address for ftype, address in all_owners if ftype is field_type)
        return same_kind or tuple(address for _, address in all_owners)


@rule(desc="Index C# type declarations", level=LogLevel.DEBUG)
async def build_csharp_symbol_map(targets: AllCsharpTargets) -> CsharpSymbolMap:
    fields = sorted(((tgt.address, tgt[CsharpSourceField]) for tgt in targets), key=lambda pair: pair[0])
    parsed = await MultiGet(Get(ParsedCsharp, ParseCsharpSource(field)) for _, field in fields)
    owners: Dict[str, List[Tuple[Type[CsharpSourceField], Address]]] = defaultdict(list)
    for address, field in fields:
        owners[field.file_path].append((type(field), address))
    unique_files = {p.syntax.path: p.syntax for p in parsed}  # A file may have several owners.
    return CsharpSymbolMap(
        index=build_symbol_index(unique_files.values()),
        owners={path: tuple(found) for path, found in owners.items()},
    )


@dataclass(frozen=True)
class CsharpSourceDependenciesFieldSet(FieldSet):
    required_fields = (CsharpSourceField, CsharpDependenciesField)

    source: CsharpSourceField
    dependencies: CsharpDependenciesField


class InferCsharpSourceDependencies(InferDependenciesRequest[CsharpSourceDependenciesFieldSet]):
    infer_from = CsharpSourceDependenciesFieldSet


@rule(desc="Infer C# -> C# dependencies", level=LogLevel.DEBUG)
async def infer_csharp_source_dependencies(
    request: InferCsharpSourceDependencies, symbols: CsharpSymbolMap
) -> InferredDependencies:
    """C# sees another project's types only through a `using` of their namespace: a name no `using`
    makes visible is looked for in the file's own service only (`CsharpServiceLayout`: inference
    stands while a conflict between services does, which the generating goals report)."""
    field = request.field_set.source
    own, services = await MultiGet(Get(ParsedCsharp, ParseCsharpSource(field)), Get(CsharpServiceLayout))
    service = services.settings[field.file_path]
    addresses = {
        address
        for path in referenced_files(own.syntax, symbols.index, lambda p: services.settings.get(p) == service)
        for address in symbols.owners_of(path, type(field))
    }
    addresses.discard(request.field_set.address)
    return InferredDependencies(sorted(addresses))


def rules() -> Tuple[object, ...]:
    return (*collect_rules(), UnionRule(InferDependenciesRequest, InferCsharpSourceDependencies))
