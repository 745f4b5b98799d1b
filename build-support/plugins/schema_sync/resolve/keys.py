"""Tables and their keys: what [DynamoDBTable] says (name, lower-camel-case names, conversion
schema), the index names of GSI/LSI attributes, and the checks a table's hash and range keys,
global and local secondary indexes and [DynamoDBVersion] members must pass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from schema_sync import ir
from schema_sync.csharp.syntax import AttributeSyntax, Expr, Location
from schema_sync.resolve.context import Context
from schema_sync.resolve.inheritance import Member
from schema_sync.resolve.sdk import TABLE, normalize_attribute_name
from schema_sync.resolve.symbols import DeclaredType, Scope

KEY_STORAGE = ("S", "N", "B")


@dataclass
class TableInfo:
    name: str | None = None
    lower_camel_case: bool = False
    conversion: ir.Conversion | None = None


def table_info(ctx: Context, declared: DeclaredType) -> TableInfo:
    """The nearest [DynamoDBTable] (own or inherited: the attribute is Inherited=true)."""
    for level, _ in ctx.hierarchy.base_chain(declared, report=False):
        for path, decl in level.parts:
            for attribute in decl.attributes:
                if normalize_attribute_name(attribute.name) == TABLE:
                    return _read_table_attribute(ctx, attribute, path, ctx.index.scope_of(path, decl))
    return TableInfo()


def _read_table_attribute(ctx: Context, attribute: AttributeSyntax, path: str, scope: Scope) -> TableInfo:
    info = TableInfo()
    arguments = list(attribute.positional)
    name_expr = arguments[0] if arguments else attribute.named_arg("TableName")
    if name_expr is None:
        ctx.error("[DynamoDBTable] needs a table name", path, attribute.location)
    else:
        info.name = ctx.string_argument(name_expr, path, attribute.location, scope)
        if info.name == "":
            ctx.error(
                "[DynamoDBTable] table name is empty", path, attribute.location, "the SDK throws for an empty name"
            )
    camel = arguments[1] if len(arguments) > 1 else attribute.named_arg("LowerCamelCaseProperties")
    info.lower_camel_case = camel is not None and ctx.bool_argument(camel, path, attribute.location, scope)
    conversion = arguments[2] if len(arguments) > 2 else attribute.named_arg("Conversion")
    if conversion is not None:
        info.conversion = _conversion_argument(ctx, conversion, path, attribute.location)
    return info


def _conversion_argument(ctx: Context, expr: Expr, path: str, location: Location) -> ir.Conversion | None:
    member = (expr.value or expr.text).rsplit(".", 1)[-1]
    if member in ir.CONVERSIONS:
        return ir.as_conversion(member)
    if member != "Unset":
        ctx.error(
            f"cannot read conversion schema `{expr.text}`",
            path,
            location,
            "use ConversionSchema.V1 or ConversionSchema.V2",
        )
    return None


def index_names(ctx: Context, attribute: AttributeSyntax, path: str, scope: Scope) -> List[str]:
    """The index names a GSI hash/range or LSI range key attribute lists (positional or named)."""
    expressions: List[Expr] = []
    named = attribute.named_arg("IndexNames") or attribute.named_arg("IndexName")
    for expr in list(attribute.positional) + ([named] if named is not None else []):
        expressions.extend(expr.parts if expr.kind in ("collection", "new") else [expr])
    names: List[str] = []
    for expr in expressions:
        name = ctx.string_argument(expr, path, attribute.location, scope)
        if name == "":
            ctx.error(f"[{attribute.name}] has an empty index name", path, attribute.location)
        elif name is not None and name not in names:
            names.append(name)
    if not names and not expressions:
        ctx.error(f"[{attribute.name}] needs at least one index name", path, attribute.location)
    return names


MAX_KEY_ATTRIBUTES = 4  # per role of a GSI's multi-attribute key (DynamoDB, November 2025)


def key_order(ctx: Context, attribute: AttributeSyntax, path: str, scope: Scope) -> int | None:
    """`Order = n` of a GSI hash/range key attribute: its position in a multi-attribute key."""
    expr = attribute.named_arg("Order")
    if expr is None:
        return None
    value = ctx.int_argument(expr, path, attribute.location, scope)
    if value is not None and not 1 <= value <= MAX_KEY_ATTRIBUTES:
        ctx.error(f"[{attribute.name}] Order = {value}: a key has at most {MAX_KEY_ATTRIBUTES} attributes, "
                  f"numbered from 1", path, attribute.location)
        return None
    return value


def check_key_storage(ctx: Context, member: Member, ref: ir.TypeRef, converter: str | None, storage: str) -> None:
    """Table and index keys must be stored as S, N or B. An open type parameter is checked in each
    closed use instead (`Entity<Guid>`); a generic table keyed by one cannot get a template, which
    the CloudFormation emitter reports."""
    if storage in KEY_STORAGE or ref.kind == "typeparam":
        return
    if converter is not None:
        message = (
            f"key {member.syntax.name} uses converter {converter}; its DynamoDB key type cannot be known statically"
        )
        hint = "use a string, number or byte[] key type"
    else:
        message = (
            f"key {member.syntax.name} of type {ref.csharp} is stored as {storage}; DynamoDB keys must be S, N or B"
        )
        hint = "use a string, numeric, Guid, DateTime, enum or byte[] key (bool is only a key under V1)"
    ctx.error(message, member.path, member.syntax.location, hint)


def check_table(ctx: Context, declared: DeclaredType, attributes: List[ir.Attribute]) -> None:
    """One hash key (warned when missing), at most one range key and version member, sound indexes."""
    path, location = declared.file, declared.decl.location
    if not attributes:
        ctx.error(f"table model {declared.name} has no persisted members", path, location)
    hashes = [a for a in attributes if a.key == "hash"]
    ranges = [a for a in attributes if a.key == "range"]
    if not hashes:
        ctx.warning(
            f"table model {declared.name} has no [DynamoDBHashKey]; its keys are unknown",
            path,
            location,
            "add [DynamoDBHashKey] (the SDK would otherwise read keys from the live table)",
        )
    for role, keys in (("hash", hashes), ("range", ranges)):
        if len(keys) > 1:
            ctx.error(
                f"{declared.name} has {len(keys)} table {role} keys: {', '.join(a.property for a in keys)}",
                path,
                location,
            )
    versions = [a for a in attributes if a.version]
    if len(versions) > 1:
        ctx.error(f"{declared.name} has {len(versions)} [DynamoDBVersion] members", path, location)
    _check_indexes(ctx, declared, attributes, bool(ranges))


def _check_multi_attribute_key(
    ctx: Context, declared: DeclaredType, index: str, role: str, owners: List[Tuple[str, Optional[int]]]
) -> None:
    """Several attributes of one role make a multi-attribute key only when each says its place
    (`Order = 1..4`, all distinct); otherwise they conflict, as before multi-attribute keys."""
    if len(owners) <= 1:
        return
    path, location = declared.file, declared.decl.location
    names = ", ".join(name for name, _ in owners)
    orders = [order for _, order in owners]
    # Orders are 1..MAX_KEY_ATTRIBUTES (key_order), so distinct ones also bound the count.
    if None in orders or len(set(orders)) != len(orders):
        ctx.error(
            f"global secondary index {index!r} has several {role} keys: {names}",
            path,
            location,
            f"for a multi-attribute key give each a distinct Order = 1..{MAX_KEY_ATTRIBUTES}",
        )


def _check_indexes(ctx: Context, declared: DeclaredType, attributes: List[ir.Attribute], has_range: bool) -> None:
    path, location = declared.file, declared.decl.location
    roles: Dict[Tuple[str, str], List[Tuple[str, Optional[int]]]] = {}
    lsi_owners: Dict[str, List[str]] = {}
    for attribute in attributes:
        for index_role in attribute.gsi:
            roles.setdefault((index_role.index, index_role.role), []).append((attribute.property, index_role.order))
        for name in attribute.lsi:
            lsi_owners.setdefault(name, []).append(attribute.property)
    for index in sorted({i for i, _ in roles}):
        if not roles.get((index, "hash")):
            ctx.error(f"global secondary index {index!r} has a range key but no hash key", path, location)
        for key_role in ("hash", "range"):
            _check_multi_attribute_key(ctx, declared, index, key_role, roles.get((index, key_role), []))
    if lsi_owners and not has_range:
        ctx.error(
            f"{declared.name} declares local secondary indexes but no table range key",
            path,
            location,
            "an LSI needs a table with a composite key",
        )
    for name, owners in sorted(lsi_owners.items()):
        if len(owners) > 1:
            ctx.error(f"local secondary index {name!r} has several range keys: {', '.join(owners)}", path, location)
