"""Which declared types are models, and the conversion schema each is stored with.

Models are the types carrying DynamoDB attributes, their subclasses and bases, the types of
their members and their polymorphic derived types, generic definitions included (their own
type parameters stay open; closed uses substitute them). A table's schema is its own; a nested
model takes the schema of the tables storing it.
"""

from __future__ import annotations

from typing import Dict, List, Mapping, Set, Tuple

from schema_sync.ir import Conversion
from schema_sync.resolve import polymorphism
from schema_sync.resolve.context import Context
from schema_sync.resolve.keys import TableInfo, table_info
from schema_sync.resolve.sdk import IGNORE, POLYMORPHIC, carries_dynamodb, normalize_attribute_name
from schema_sync.resolve.symbols import DeclaredType


def models_and_conversions(
    ctx: Context, known: Mapping[str, Conversion] | None = None
) -> Tuple[List[str], Dict[str, TableInfo], Dict[str, Conversion]]:
    """Model full names (sorted), their table facts and conversion schemas: discovered in these
    files, or taken from `known` (a catalog's conversions, which also know what only other files
    reveal)."""
    # The catalog's discovery ran over a superset of these files: its models here are a
    # superset of what discovering them again would find, and its schemas are final.
    stored: Dict[str, List[str]] = {}
    names = sorted(n for n in known if n in ctx.index.types) if known is not None else _discover_models(ctx, stored)
    tables = {name: table_info(ctx, ctx.index.types[name]) for name in names}
    conversions = {n: known[n] for n in names} if known is not None else _conversions(ctx, names, tables, stored)
    return names, tables, conversions


def _discover_models(ctx: Context, stored: Dict[str, List[str]]) -> List[str]:
    """Full names of every model, sorted; `stored` receives each one's `_stored_models`."""
    carriers = {n for n, t in ctx.index.types.items() if t.kind != "enum" and carries_dynamodb(t)}
    pending = sorted(carriers | _subclasses_of(ctx, carriers))
    found: Set[str] = set()
    while pending:
        name = pending.pop()
        declared = ctx.index.types[name]
        if name in found or declared.kind == "enum":
            continue
        found.add(name)
        pending.extend(_related_models(ctx, declared, stored.setdefault(name, [])))
    return sorted(found)


def _subclasses_of(ctx: Context, carriers: Set[str]) -> Set[str]:
    result: Set[str] = set()
    for name, declared in ctx.index.types.items():
        chain = [d.full_name for d, _ in ctx.hierarchy.base_chain(declared, report=False)]
        if any(c in carriers for c in chain[1:]):
            result.add(name)
    return result


def _related_models(ctx: Context, declared: DeclaredType, stored: List[str]) -> List[str]:
    """The models `declared` makes models; `stored` receives the models its members mention
    (ignored ones included: `_stored_models`, found in the same pass)."""
    related: List[str] = []
    for base, _ in ctx.hierarchy.base_chain(declared, report=False)[1:2]:
        related.append(base.full_name)
    for member in ctx.hierarchy.members(declared):
        models = ctx.member_models(member)
        if models:  # most members store none
            stored.extend(models)
        kinds = member.kinds
        if IGNORE in kinds:
            continue
        if models:
            related.extend(models)
            ctx.used_as_value.update(models)
        if POLYMORPHIC in kinds:
            related.extend(polymorphism.derived_type_names(ctx, member.of_kind(POLYMORPHIC), member.scope))
    table_attrs = [(p, a) for p, d in declared.parts for a in d.attributes]
    for path, attribute in table_attrs:
        if normalize_attribute_name(attribute.name) == POLYMORPHIC:
            related.extend(polymorphism.derived_type_names(ctx, [attribute], ctx.index.scope_of(path, declared.decl)))
    return related


def _conversions(
    ctx: Context, model_names: List[str], tables: Dict[str, TableInfo], stored: Dict[str, List[str]]
) -> Dict[str, Conversion]:
    """A table's own schema ([v4] attribute, else the option); nested models take the schema
    of the tables that store them, or the option when those disagree. `stored` caches
    `_stored_models`."""
    default = ctx.conversion
    result = {n: tables[n].conversion or default for n in model_names if tables[n].name is not None}
    users: Dict[str, Set[Conversion]] = {}
    for root in sorted(result):
        for nested in _nested_models(ctx, root, stored):
            users.setdefault(nested, set()).add(result[root])
    for name in model_names:
        if name in result:
            continue
        schemas = users.get(name, set())
        result[name] = tables[name].conversion or (schemas.pop() if len(schemas) == 1 else default)
        if len(schemas) > 1:
            declared = ctx.index.types[name]
            ctx.warning(
                f"{declared.name} is stored by tables with different conversion schemas; "
                f"described as {result[name]}",
                declared.file,
                declared.decl.location,
            )
    return result


def _nested_models(ctx: Context, root: str, stored: Dict[str, List[str]]) -> Set[str]:
    """The models `root` stores, directly or not; `stored` caches each model's direct ones."""
    seen: Set[str] = set()
    pending = [root]
    while pending:
        for name in _stored_models(ctx, pending.pop(), stored):
            if name not in seen:
                seen.add(name)
                pending.append(name)
    return seen


def _stored_models(ctx: Context, name: str, stored: Dict[str, List[str]]) -> List[str]:
    """The declared models the members of `name` mention (ignored members included)."""
    found = stored.get(name)
    if found is None:  # not a model: stored only by ignored members
        members = ctx.hierarchy.members(ctx.index.types[name])
        found = stored[name] = [n for m in members for n in ctx.member_models(m)]
    return found
