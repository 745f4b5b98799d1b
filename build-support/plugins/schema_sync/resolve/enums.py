"""One `ir.Enum` per enum declared in the inputs or referenced by a model, with its member values."""

from __future__ import annotations

from typing import Iterable, List, Set, cast

from schema_sync import ir
from schema_sync.resolve.constants import NotConstant
from schema_sync.resolve.context import Context
from schema_sync.resolve.sdk import normalize_attribute_name
from schema_sync.resolve.symbols import DeclaredType, ir_namespace
from schema_sync.resolve.types import type_ref, walk_refs


def stored_enums(models: Iterable[ir.Model]) -> Set[str]:
    """Full names of the enums the models' attributes store."""
    # Attributes share TypeRef objects (Context.member_type; a pickle keeps that): walk each once.
    types = {id(a.type): a.type for m in models for a in m.attributes}
    return {r.ref for t in types.values() for r in walk_refs(t) if r.kind == "enum" and r.ref}


def enums(ctx: Context, models: Iterable[ir.Model]) -> List[ir.Enum]:
    # Every enum declared in the inputs, used or not: a build tool generates one file at a
    # time, and the file declaring an enum must yield it even when no model is in the input.
    referenced = stored_enums(models)
    declared_enums = {name for name, t in ctx.index.types.items() if t.kind == "enum"}
    result = []
    for name in sorted(referenced | declared_enums):
        built = _enum(ctx, ctx.index.types[name])
        if built is not None:
            result.append(built)
    return result


def _enum(ctx: Context, declared: DeclaredType) -> ir.Enum | None:
    decl = declared.decl
    try:
        values = ctx.constants.enum_values(declared)
    except NotConstant as problem:
        ctx.error(
            f"enum {declared.name}: {problem}",
            declared.file,
            decl.location,
            "use integer literals or simple expressions",
        )
        return None
    flags = any(normalize_attribute_name(a.name) == "Flags" for a in decl.attributes)
    return ir.Enum(
        name=declared.name,
        namespace=ir_namespace(declared),
        file=declared.file,
        line=decl.location.line,
        col=decl.location.col,
        underlying=_underlying(declared),
        members=tuple(ir.EnumMember(name=m.name, value=values[m.name], doc=m.doc) for m in decl.enum_members),
        flags=flags,
        doc=decl.doc,
    )


def _underlying(declared: DeclaredType) -> ir.IntegralKind:
    """The enum's underlying type (`enum E : long`), int32 unless it names an integral type."""
    bases = declared.decl.bases
    kind = type_ref(bases[0], lambda _: None).kind if bases else "int32"
    return cast(ir.IntegralKind, kind) if kind in ir.INTEGRAL_KINDS else "int32"
