"""Which members a model persists and how: [DynamoDBIgnore] and the SDK's property/field rules,
the stored attribute name ([DynamoDBProperty] and friends, lower camel case), storage type,
converters and epochs, [DynamoDBFlatten]; one `ir.Attribute` per persisted member."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Tuple

from schema_sync import ir
from schema_sync.csharp.syntax import AttributeSyntax, Expr, Location
from schema_sync.options import NullableContext
from schema_sync.resolve import keys, polymorphism
from schema_sync.resolve.context import Context
from schema_sync.resolve.defaults import classify_default
from schema_sync.resolve.inheritance import Member
from schema_sync.resolve.sdk import (
    ATOMIC_COUNTER,
    AUTO_TIMESTAMP,
    FLATTEN,
    GSI_HASH,
    HASH_KEY,
    IGNORE,
    INDEX_ATTRIBUTES,
    LSI_RANGE,
    POLYMORPHIC,
    PROPERTY,
    RANGE_KEY,
    UPDATE_BEHAVIOR,
    VERSION,
)
from schema_sync.resolve.symbols import DeclaredType, generic_definition
from schema_sync.resolve.types import Stored, converter_output, converter_storage, is_value_type

# The attributes whose positional arguments `_read_positional` reads.
_POSITIONAL_KINDS = frozenset({PROPERTY, HASH_KEY, RANGE_KEY, VERSION, AUTO_TIMESTAMP})
# The attributes `_check_special_types` checks the member type of.
_TYPE_CHECKED_KINDS = frozenset({VERSION, ATOMIC_COUNTER, AUTO_TIMESTAMP})
# The named arguments that store a DateTime as epoch seconds, and how wide.
_EPOCH_FLAGS: Tuple[Tuple[str, ir.EpochKind], ...] = (("StoreAsEpoch", "int32"), ("StoreAsEpochLong", "int64"))


@dataclass
class _AttributeFacts:
    """What a member's DynamoDB attributes say, before types and storage are considered.

    Tuples, grown by `+=` (rarely more than one item): built per member, plain defaults are
    cheaper than default factories, and the Attribute takes them as they are."""

    names: Tuple[str, ...] = ()
    unresolved_name: Optional[str] = None  # a name expression that could not be evaluated
    key: ir.KeyRole | None = None
    counter: ir.AtomicCounter | None = None
    if_not_exists: bool = False
    gsi: Tuple[ir.IndexRole, ...] = ()
    lsi: Tuple[str, ...] = ()
    converter: str | None = None
    epoch: ir.EpochKind | None = None


def attributes(
    ctx: Context,
    declared: DeclaredType,
    lower_camel: bool,
    conversion: ir.Conversion,
    flatten_path: Tuple[str, ...] = (),
) -> List[ir.Attribute]:
    """The persisted attributes of `declared` (inherited ones first), flattened members expanded."""
    result: List[ir.Attribute] = []
    for member in ctx.hierarchy.members(declared):
        if FLATTEN in member.kinds and _is_persisted(member):
            result.extend(_flattened(ctx, member, lower_camel, conversion, flatten_path))
            continue
        attribute = _shared_attribute(ctx, member, lower_camel, conversion)
        if attribute is not None:
            result.append(replace(attribute, flatten_path=flatten_path) if flatten_path else attribute)
    _check_unique_names(ctx, declared, result)
    return result


def _flattened(
    ctx: Context, member: Member, lower_camel: bool, conversion: ir.Conversion, flatten_path: Tuple[str, ...]
) -> List[ir.Attribute]:
    location = member.syntax.location
    if len(member.attributes) > 1:
        ctx.error(
            f"[DynamoDBFlatten] on {member.syntax.name} cannot be combined with other DynamoDB attributes",
            member.path,
            location,
        )
    ref = ctx.member_type(member)
    child = ctx.index.types.get(ref.ref or "") if ref.kind == "model" else None
    if child is None or member.syntax.name in flatten_path:
        ctx.error(
            f"[DynamoDBFlatten] on {member.syntax.name} needs a class type, got {member.type.text}",
            member.path,
            location,
            "flatten only POCO classes (not primitives or collections)",
        )
        return []
    return attributes(ctx, child, lower_camel, conversion, (*flatten_path, member.syntax.name))


def _check_unique_names(ctx: Context, declared: DeclaredType, attributes: List[ir.Attribute]) -> None:
    seen: Dict[str, ir.Attribute] = {}
    for attribute in attributes:
        first = seen.setdefault(attribute.name, attribute)
        if first is not attribute:
            ctx.error(
                f"{declared.name}: members {first.property} and {attribute.property} "
                f"are both stored as {attribute.name!r}",
                declared.file,
                Location(attribute.line, attribute.col),
            )


def _is_persisted(member: Member) -> bool:
    syntax = member.syntax
    if syntax.is_static:
        return False
    if syntax.kind == "field":
        return "public" in syntax.modifiers and "readonly" not in syntax.modifiers
    return syntax.has_getter and syntax.has_setter  # properties and indexers, any accessibility


def _shared_attribute(
    ctx: Context, member: Member, lower_camel: bool, conversion: ir.Conversion
) -> ir.Attribute | None:
    """`_attribute`, built once for the models sharing the member (those deriving from one base).

    Not kept when building it reported something (diagnostics are not replayed) or left a
    default unevaluated: a constant that failed may evaluate once others are known."""
    key = (member, lower_camel, conversion)
    if key in ctx.built_attributes:
        return ctx.built_attributes[key]
    reported = len(ctx.diagnostics.found)
    attribute = _attribute(ctx, member, lower_camel, conversion)
    unevaluated = attribute is not None and attribute.default is not None and attribute.default.kind == "expression"
    if len(ctx.diagnostics.found) == reported and not unevaluated:
        ctx.built_attributes[key] = attribute
    return attribute


def _attribute(ctx: Context, member: Member, lower_camel: bool, conversion: ir.Conversion) -> ir.Attribute | None:
    syntax, path, location = member.syntax, member.path, member.syntax.location
    kinds = member.kinds
    if IGNORE in kinds:
        return None
    if not _is_persisted(member):
        if member.attributes and not syntax.is_static:
            why = "get-only" if syntax.kind == "property" else "not a public, writable field"
            ctx.warning(
                f"{syntax.name} has DynamoDB attributes but is {why}, so the SDK does not store it", path, location
            )
        return None
    if syntax.kind == "indexer":
        ctx.error(
            "a read-write indexer is a member named `Item` to the SDK, which cannot store it",
            path,
            location,
            "add [DynamoDBIgnore] to the indexer, or remove its setter",
        )
        return None
    if syntax.explicit_interface:
        ctx.error(
            f"explicit interface implementation {syntax.name} would be stored under a dotted name",
            path,
            location,
            "add [DynamoDBIgnore] or make it an ordinary property",
        )
        return None
    facts = _attribute_facts(ctx, member)
    resolver = ctx.resolver(member.scope)
    ref = ctx.member_type(member)
    value_type = is_value_type(ref, resolver)
    oblivious = _oblivious(ctx, member, ref)
    typed = ctx.stored_type(ref, conversion, oblivious)
    storage = _storage(ctx, member, typed, facts)
    _check_special_types(ctx, member, ref)
    name = _stored_name(ctx, member, facts, lower_camel)
    default = None
    if syntax.initializer is not None:
        default = classify_default(syntax.initializer, ref, value_type, member.scope, ctx.constants, resolver)
    return ir.Attribute(
        property=syntax.name,
        name=name,
        type=typed.type,
        nullable=ref.nullable or (oblivious and not value_type),
        storage=storage,
        declared_in=member.owner.name,
        line=location.line,
        col=location.col,
        key=facts.key,
        gsi=facts.gsi,
        lsi=facts.lsi,
        version=VERSION in kinds,
        converter=facts.converter,
        default=default,
        epoch=facts.epoch,
        auto_timestamp=AUTO_TIMESTAMP in kinds,
        atomic_counter=facts.counter,
        doc=syntax.doc,
        derived_types=_derived_types(ctx, member) if POLYMORPHIC in kinds else (),
        unresolved_name=None if facts.names else facts.unresolved_name,
        if_not_exists=facts.if_not_exists,
    )


def _oblivious(ctx: Context, member: Member, ref: ir.TypeRef) -> bool:
    """Declared where C# has no nullable annotations (`#nullable disable`), and without a `?`: a
    reference-type member may be null, and so may its collections' reference-type elements."""
    annotated = member.syntax.nullable_context
    if annotated is None:
        annotated = ctx.options.nullable_context == NullableContext.ENABLE.value
    return not annotated and not ref.nullable


# -- attribute names and arguments ----------------------------------------------------------------


def _derived_types(ctx: Context, member: Member) -> Tuple[ir.DerivedType, ...]:
    return tuple(polymorphism.derived_types(ctx, member.of_kind(POLYMORPHIC), member.path, member.scope))


def _stored_name(ctx: Context, member: Member, facts: _AttributeFacts, lower_camel: bool) -> str:
    distinct = sorted(set(facts.names)) if len(facts.names) > 1 else ()
    if len(distinct) > 1:
        ctx.error(
            f"{member.syntax.name} has conflicting attribute names: {', '.join(distinct)}",
            member.path,
            member.syntax.location,
        )
    name = facts.names[0] if facts.names else member.syntax.name
    # Utils.ToLowerCamelCase: only the first character, explicit names included.
    return name[:1].lower() + name[1:] if lower_camel else name


def _attribute_facts(ctx: Context, member: Member) -> _AttributeFacts:
    facts = _AttributeFacts()
    for kind, attribute in member.attributes:
        _read_member_attribute(ctx, kind, attribute, member, facts)
    if HASH_KEY in member.kinds and RANGE_KEY in member.kinds:
        ctx.error(f"{member.syntax.name} is both the table hash key and range key", member.path, member.syntax.location)
    if facts.if_not_exists and (facts.key or facts.counter or VERSION in member.kinds):
        ctx.error(
            f"{member.syntax.name}: UpdateBehavior.IfNotExists cannot be used on a key, a version or a counter",
            member.path,
            member.syntax.location,
        )
    return facts


def _read_member_attribute(
    ctx: Context, kind: str, attribute: AttributeSyntax, member: Member, facts: _AttributeFacts
) -> None:
    path, location, scope = member.path, attribute.location, member.scope
    has_named = bool(attribute.named)  # most attributes have none: skip looking each one up
    if kind in (HASH_KEY, RANGE_KEY):
        facts.key = facts.key or ("hash" if kind == HASH_KEY else "range")
    named_name = attribute.named_arg("AttributeName") if has_named else None
    if named_name is not None:
        _add_name(ctx, facts, named_name, member, location)
    if kind in INDEX_ATTRIBUTES:
        order = keys.key_order(ctx, attribute, path, scope) if kind != LSI_RANGE else None
        for index in keys.index_names(ctx, attribute, path, scope):
            if kind == LSI_RANGE:
                facts.lsi += (index,)
            else:
                facts.gsi += (ir.IndexRole(index=index, role="hash" if kind == GSI_HASH else "range", order=order),)
    elif kind == ATOMIC_COUNTER:
        _read_counter(ctx, attribute, member, facts)
    elif kind == UPDATE_BEHAVIOR:
        facts.if_not_exists = _update_behavior(ctx, attribute, member) == "IfNotExists"
    elif kind in _POSITIONAL_KINDS:
        _read_positional(ctx, kind, attribute, member, facts)
    if not has_named:
        return
    converter = attribute.named_arg("Converter")
    if converter is not None and converter.kind == "typeof":
        facts.converter = converter.value
    for flag, width in _EPOCH_FLAGS:
        value = attribute.named_arg(flag)
        if value is not None and ctx.bool_argument(value, path, location, scope):
            facts.epoch = width


def _read_positional(
    ctx: Context, kind: str, attribute: AttributeSyntax, member: Member, facts: _AttributeFacts
) -> None:
    """(attributeName), (typeof(converter)), (name, converter), (bool storeAsEpoch), ..."""
    for position, expr in enumerate(attribute.positional):
        if expr.kind == "typeof":
            facts.converter = expr.value
        elif expr.kind == "bool" and kind == PROPERTY:
            facts.epoch = "int32" if expr.text == "true" else facts.epoch
        elif position == 0 and expr.kind not in ("int", "unary"):
            _add_name(ctx, facts, expr, member, attribute.location)


def _read_counter(ctx: Context, attribute: AttributeSyntax, member: Member, facts: _AttributeFacts) -> None:
    """`()`, `(attributeName)`, `(delta, startValue)` or `(attributeName, delta, startValue)`."""
    positional = attribute.positional
    if len(positional) in (1, 3) and positional[0].kind not in ("int", "unary"):  # those that start with the name
        _add_name(ctx, facts, positional[0], member, attribute.location)
        positional = positional[1:]
    if not positional:
        facts.counter = ir.AtomicCounter()
        return
    if len(positional) != 2:
        ctx.error(f"[{attribute.name}] takes (delta, startValue) or (attributeName, delta, startValue)",
                  member.path, attribute.location)
        return
    delta, start = (ctx.int_argument(expr, member.path, attribute.location, member.scope) for expr in positional)
    if delta is not None and start is not None:
        facts.counter = ir.AtomicCounter(delta=delta, start=start)


def _update_behavior(ctx: Context, attribute: AttributeSyntax, member: Member) -> str | None:
    """`UpdateBehavior.Always` / `UpdateBehavior.IfNotExists` as the member name, or None (reported)."""
    expr = attribute.positional[0] if len(attribute.positional) == 1 else None
    name = (expr.value or "").rsplit(".", 1)[-1] if expr is not None and expr.kind == "name" else None
    if name not in ("Always", "IfNotExists"):
        ctx.error(f"[{attribute.name}] takes UpdateBehavior.Always or UpdateBehavior.IfNotExists",
                  member.path, attribute.location)
        return None
    return name


def _add_name(ctx: Context, facts: _AttributeFacts, expr: Expr, member: Member, location: Location) -> None:
    name = ctx.string_argument(expr, member.path, location, member.scope)
    if name is None:
        facts.unresolved_name = expr.text
    elif name:  # the SDK ignores an empty name (`string.IsNullOrEmpty`): the member's name is used
        facts.names += (name,)


# -- storage and special members ------------------------------------------------------------------


def _storage(ctx: Context, member: Member, typed: Stored, facts: _AttributeFacts) -> ir.StorageType:
    """The member's storage: its converter's, N for StoreAsEpoch, else its type's (`types.stored`)."""
    path, location, ref = member.path, member.syntax.location, typed.type
    if facts.converter is not None:
        if facts.epoch is not None:
            ctx.error(f"{member.syntax.name}: a converter cannot be combined with StoreAsEpoch", path, location)
        result = converter_storage(facts.converter, ref)
        if result == "ANY":
            result = _custom_converter_storage(ctx, facts.converter, member)
    elif facts.epoch is not None:
        if ref.kind != "datetime":
            ctx.error(f"{member.syntax.name}: StoreAsEpoch needs a DateTime, got {ref.csharp}", path, location)
        result = "N"
    else:
        result = ref.storage
        for problem in typed.problems:
            ctx.error(f"{member.syntax.name}: {problem.message}", path, location, problem.hint)
    if facts.key or facts.gsi or facts.lsi:
        keys.check_key_storage(ctx, member, ref, facts.converter, result)
    return result


def _custom_converter_storage(ctx: Context, converter: str, member: Member) -> ir.StorageType:
    """What a converter declared in the inputs writes, read from its `ToEntry` returns."""
    declared = ctx.index.lookup(generic_definition(converter), member.scope)
    returns = [
        expr
        for _, decl in (declared.parts if declared is not None else ())
        for method in decl.methods
        if method.name == "ToEntry"
        for expr in method.returns
    ]
    found = converter_output(returns)
    if found is None:
        ctx.warning(
            f"{member.syntax.name}: cannot tell what converter {converter} writes; storage is ANY",
            member.path,
            member.syntax.location,
            "make ToEntry return `new Primitive(...)` directly, or include the converter's file",
        )
    return found or "ANY"


def _check_special_types(ctx: Context, member: Member, ref: ir.TypeRef) -> None:
    kinds = member.kinds
    if not ref.args and kinds.isdisjoint(_TYPE_CHECKED_KINDS):
        return  # most members: nothing below applies
    path, location, name = member.path, member.syntax.location, member.syntax.name
    nullable_integral = ref.kind in ir.INTEGRAL_KINDS and ref.nullable
    if VERSION in kinds and not nullable_integral:
        ctx.error(
            f"[DynamoDBVersion] {name} must be a nullable integral type, got {ref.csharp}",
            path,
            location,
            "use int? or long?",
        )
    if ATOMIC_COUNTER in kinds and not nullable_integral:
        ctx.error(
            f"[DynamoDBAtomicCounter] {name} must be a nullable integral type, got {ref.csharp}",
            path,
            location,
            "use long?",
        )
    if AUTO_TIMESTAMP in kinds and not (ref.kind in ("datetime", "datetimeoffset") and ref.nullable):
        ctx.error(
            f"[DynamoDBAutoGeneratedTimestamp] {name} must be DateTime? or DateTimeOffset?, got {ref.csharp}",
            path,
            location,
        )
    if ref.kind == "model" and ref.args:
        ctx.error(f"{name}: generic class {ref.csharp} as a member type is not supported", path, location)
