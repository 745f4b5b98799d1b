"""[DynamoDBPolymorphicType]: the derived types a model, or a member's value, may be stored as,
each with its discriminator."""

from __future__ import annotations

from typing import List, Tuple

from schema_sync import ir
from schema_sync.csharp.syntax import AttributeSyntax
from schema_sync.resolve.context import Context
from schema_sync.resolve.sdk import POLYMORPHIC, normalize_attribute_name
from schema_sync.resolve.symbols import DeclaredType, Scope, generic_definition


def derived_type_names(ctx: Context, attributes: List[AttributeSyntax], scope: Scope) -> List[str]:
    """Full names of the declared derived types (for model discovery; they are stored as values)."""
    names = []
    for attribute in attributes:
        target = next((e for e in attribute.positional if e.kind == "typeof"), None)
        found = ctx.index.lookup(generic_definition(target.value or ""), scope) if target is not None else None
        if found is not None:
            names.append(found.full_name)
            ctx.used_as_value.add(found.full_name)
    return names


def class_derived_types(ctx: Context, declared: DeclaredType) -> Tuple[ir.DerivedType, ...]:
    """The derived types declared on the class itself (any of its parts)."""
    result = []
    for path, decl in declared.parts:
        attributes = [a for a in decl.attributes if normalize_attribute_name(a.name) == POLYMORPHIC]
        if attributes:  # rarely: asked of every model
            result.extend(derived_types(ctx, attributes, path, ctx.index.scope_of(path, decl)))
    return tuple(result)


def derived_types(ctx: Context, attributes: List[AttributeSyntax], path: str, scope: Scope) -> List[ir.DerivedType]:
    result = []
    for attribute in attributes:
        if len(attribute.positional) != 2 or attribute.positional[1].kind != "typeof":
            ctx.error("[DynamoDBPolymorphicType] needs (discriminator, typeof(Derived))", path, attribute.location)
            continue
        discriminator = ctx.string_argument(attribute.positional[0], path, attribute.location, scope)
        target = ctx.index.lookup(generic_definition(attribute.positional[1].value or ""), scope)
        if target is None:
            ctx.error(
                f"derived type {attribute.positional[1].value} is not in the given sources",
                path,
                attribute.location,
            )
        elif discriminator is not None:
            result.append(ir.DerivedType(discriminator=discriminator, type=target.full_name))
    return result
