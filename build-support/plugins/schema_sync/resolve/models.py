"""One `ir.Model` per model: its persisted attributes, base model and derived types, the table
checks, and whether the SDK can create it with `new T()`."""

from __future__ import annotations

from schema_sync import ir
from schema_sync.resolve import keys, members, polymorphism
from schema_sync.resolve.context import Context
from schema_sync.resolve.keys import TableInfo
from schema_sync.resolve.symbols import DeclaredType, ir_namespace

_POCO_KINDS = ("class", "record")


def model(ctx: Context, declared: DeclaredType, table: TableInfo, conversion: ir.Conversion) -> ir.Model:
    attributes = members.attributes(ctx, declared, table.lower_camel_case, conversion)
    base = _base_model_name(ctx, declared)
    is_table = table.name is not None
    abstract = declared.has_modifier("abstract")
    _check_instantiable(ctx, declared, is_table, abstract)
    if is_table:
        keys.check_table(ctx, declared, attributes)
    elif not attributes and declared.full_name in ctx.used_as_value and not abstract:
        ctx.error(
            f"{declared.name} is stored in a model but has no persisted members; the SDK cannot store it",
            declared.file,
            declared.decl.location,
            "give it a public read-write property, or mark the member storing it [DynamoDBIgnore]",
        )
    return ir.Model(
        name=declared.name,
        namespace=ir_namespace(declared),
        file=declared.file,
        line=declared.decl.location.line,
        col=declared.decl.location.col,
        base=base,
        table=table.name,
        attributes=tuple(attributes),
        conversion=conversion,
        lower_camel_case=table.lower_camel_case,
        abstract=abstract,
        doc=next((d.doc for _, d in declared.parts if d.doc), None),
        derived_types=polymorphism.class_derived_types(ctx, declared),
        type_parameters=declared.decl.type_parameters,
    )


def _base_model_name(ctx: Context, declared: DeclaredType) -> str | None:
    """The base class's simple name; a generic base by its name (`Entity` for `: Entity<Guid>`)."""
    chain = ctx.hierarchy.base_chain(declared)
    return chain[1][0].name if len(chain) > 1 else None


def _check_instantiable(ctx: Context, declared: DeclaredType, is_table: bool, abstract: bool) -> None:
    """Tables and stored nested types must be classes the SDK can create with `new T()`."""
    if not (is_table or declared.full_name in ctx.used_as_value) or abstract:
        return
    location = declared.decl.location
    if declared.kind not in _POCO_KINDS:
        ctx.error(
            f"{declared.name} is a {declared.kind}; the SDK can only store classes",
            declared.file,
            location,
            "make it a class",
        )
        return
    # A primary constructor is among them: `record R(string Id)` alone has no parameterless one,
    # `record R()` has, and so has `record R(string Id) { public R() : this("") { } }`.
    constructors = [c for _, d in declared.parts for c in d.constructors]
    has_default = not constructors or any(not c.parameter_types and "public" in c.modifiers for c in constructors)
    if not has_default:
        ctx.error(
            f"{declared.name} has no public parameterless constructor; the SDK cannot instantiate it",
            declared.file,
            location,
            "add `public " + declared.name + "() { }`",
        )
