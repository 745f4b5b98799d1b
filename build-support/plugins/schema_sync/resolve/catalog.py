"""The whole tree's model catalog: which types are models and how each is stored, computed over
every file (`model_catalog`) from the cheap, edit-stable part of each file (`catalog_view`), so
that a per-file resolve agrees with the whole tree."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import FrozenSet, Iterable, Mapping, Sequence, Tuple

from schema_sync import ir
from schema_sync.csharp.syntax import (
    PREDEFINED_TYPES,
    AttributeSyntax,
    FileSyntax,
    Location,
    MemberSyntax,
    TypeDeclSyntax,
)
from schema_sync.options import Options
from schema_sync.resolve.context import Context
from schema_sync.resolve.discovery import models_and_conversions
from schema_sync.resolve.lost import names_models_use


@dataclass(frozen=True)
class ModelCatalog:
    """Which types of a whole source tree are models, and how each is stored: the facts a file's
    own dependencies cannot show. A class without DynamoDB attributes is a model because some
    other file stores it (the SDK writes nested POCOs as maps), with that table's conversion."""

    conversions: Mapping[str, ir.Conversion]  # by model full name
    stored_as_value: FrozenSet[str]  # models stored inside another model
    # What only the whole tree shows (a class stored by tables of different schemas), at the
    # class's position; a per-file resolve cannot see it, so a build tool reports these.
    warnings: Tuple[ir.Diagnostic, ...] = ()
    # Simple names of the types the files declaring models refer to: a file's own resolve then
    # knows that a type a syntax error broke there is needed by models elsewhere.
    used_by_models: FrozenSet[str] = frozenset()
    # The table each table model (own or inherited [DynamoDBTable]) is stored in, by full name: what
    # decides the names of a file's table templates.
    tables: Mapping[str, str] = field(default_factory=dict)

    def restricted_to(self, type_names: Iterable[str]) -> ModelCatalog:
        """The facts about these types (without the warnings: they are the whole tree's)."""
        names = set(type_names)
        return ModelCatalog(
            conversions={n: self.conversions[n] for n in sorted(names) if n in self.conversions},
            stored_as_value=frozenset(self.stored_as_value & names),
            used_by_models=self.used_by_models,
            tables={n: self.tables[n] for n in sorted(names) if n in self.tables},
        )


def merged_catalogs(catalogs: Sequence[ModelCatalog]) -> ModelCatalog:
    """One catalog of several trees' (several services' catalogs, each restricted to some types):
    a build tool resolves a file of one service that uses types of another with both's facts."""
    if len(catalogs) == 1:
        return catalogs[0]
    return ModelCatalog(
        conversions={name: conversion for catalog in catalogs for name, conversion in catalog.conversions.items()},
        stored_as_value=frozenset().union(*(catalog.stored_as_value for catalog in catalogs)),
        warnings=tuple(warning for catalog in catalogs for warning in catalog.warnings),
        used_by_models=frozenset().union(*(catalog.used_by_models for catalog in catalogs)),
        tables={name: table for catalog in catalogs for name, table in catalog.tables.items()},
    )


def model_catalog(files: Sequence[FileSyntax], options: Options) -> ModelCatalog:
    """Discovery and conversion schemas only (no attributes): cheap enough to run over every file."""
    ctx = Context(files, options)
    names, tables, conversions = models_and_conversions(ctx)
    return ModelCatalog(
        conversions=conversions,
        stored_as_value=frozenset(ctx.used_as_value & set(names)),
        # Problems inside members have no position in catalog views; each file's own resolve
        # reports those. Only type-level findings are positioned.
        warnings=tuple(d for d in ctx.diagnostics.found if d.severity == "warning" and d.line >= 1),
        used_by_models=frozenset(names_models_use(ctx, names)),
        tables={name: table.name for name, table in tables.items() if table.name is not None},
    )


_NOWHERE = Location(0, 0)


def catalog_view(syntax: FileSyntax) -> FileSyntax:
    """The part of a file `model_catalog` reads, equal before and after most edits: no member or
    attribute positions (types keep theirs, for the catalog's warnings), docs, defaults, methods
    or diagnostics, and no member that cannot make a type a model or reference one (a built-in
    type, no attributes, not hiding a base member). A build tool can then skip recomputing the
    catalog when only such things changed."""
    return replace(syntax, types=tuple(_type_view(t) for t in syntax.types), diagnostics=(), lost=())


def _type_view(decl: TypeDeclSyntax) -> TypeDeclSyntax:
    return replace(
        decl,
        attributes=_unplaced(decl.attributes),
        members=tuple(_member_view(m) for m in decl.members if not _irrelevant_to_catalog(m)),
        constants=tuple(replace(c, location=_NOWHERE) for c in decl.constants),
        enum_members=tuple(replace(e, location=_NOWHERE, doc=None) for e in decl.enum_members),
        constructors=(),
        methods=(),
        doc=None,
        syntax_error=None,
    )


# Members and attributes are built directly, not with `replace()`: there are thousands per tree
# and `replace()` re-reads the class's fields on every call (3x slower here).
def _member_view(member: MemberSyntax) -> MemberSyntax:
    return MemberSyntax(
        kind=member.kind,
        name=member.name,
        type=member.type,
        modifiers=member.modifiers,
        attributes=_unplaced(member.attributes),
        location=_NOWHERE,
        has_getter=member.has_getter,
        has_setter=member.has_setter,
        nullable_context=member.nullable_context,
        explicit_interface=member.explicit_interface,
    )


def _unplaced(attributes: Tuple[AttributeSyntax, ...]) -> Tuple[AttributeSyntax, ...]:
    return tuple(AttributeSyntax(a.name, a.positional, a.named, _NOWHERE) for a in attributes)


def _irrelevant_to_catalog(member: MemberSyntax) -> bool:
    plain = member.type.kind == "named" and not member.type.args and member.type.name in PREDEFINED_TYPES
    return plain and not member.attributes and not {"new", "override"} & set(member.modifiers)
