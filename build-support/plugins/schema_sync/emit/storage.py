"""What .NET stores for a member: its DynamoDB shape (`Wire`) and whether it may be absent or NULL.

The stored shape follows the AWS SDK for .NET's conversion (`DataModel/Utils.cs` decides which
collections are sets under V1; `Conversion/SchemaV1.cs` and `SchemaV2.cs` the scalars; docs/ir.md
states the rules), mirroring the generated runtime codec. TypeScript and JSON Schema describe items
by it, the schema lock records it; the null rules here are the ones every emitter reads.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

from schema_sync.ir import REFERENCE_KINDS, Attribute, TypeRef

_STRING_LIKE = frozenset({"string", "char", "guid", "datetime", "dateonly", "timeonly"})
_SET_TAGS = {**{k: "SS" for k in ("string", "char", "guid", "datetime")}, "bytes": "BS", "memorystream": "BS"}
_NUMERIC = frozenset({"int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
                      "float32", "float64", "decimal"})


@dataclass(frozen=True)
class Wire:
    """What .NET writes for a type: tag S|N|B|BOOL|SS|NS|BS|L|M|MAP|ANY (MAP = a Dictionary's M).

    `kind` is the IR scalar kind for S/N/B (formats), `ref` the enum/model full name, `element`
    the element (L, sets) or value (MAP) shape, `nullable_elements` whether those may be NULL.
    """

    tag: str
    kind: Optional[str] = None
    ref: Optional[str] = None
    element: Optional[Wire] = None
    nullable_elements: bool = False


_ANY = Wire("ANY")


def oblivious_member(attribute: Attribute) -> bool:
    """True when a collection member is declared where C# has no nullable annotations (`#nullable
    disable`, the default): the IR makes a reference-type member nullable there although its type
    has no `?` (resolve/members.py), and such a member's reference-type elements may be null too."""
    return attribute.nullable and not attribute.type.nullable and attribute.type.kind in REFERENCE_KINDS


_SET_MEMBER_REFERENCE_KINDS = frozenset({"string", "bytes", "memorystream"})


def element_may_hold_null(element: TypeRef, container: TypeRef, oblivious: bool, conversion: str) -> bool:
    """True when .NET may hold null in this dictionary value or list element and write it as `NULL`:
    declared `T?`, or a reference type in oblivious code, unless the runtime stores the collection as
    a set (SS/BS: strings and byte arrays in a HashSet, or in a List or array under V1 but byte[][]).
    The one rule every emitter reads (Python's Optional, TypeScript's `| null`, JSON Schema's NULL)."""
    if element.nullable:
        return True
    if not oblivious or element.kind not in REFERENCE_KINDS:
        return False
    if container.kind == "dict" or element.kind not in _SET_MEMBER_REFERENCE_KINDS:
        return True
    in_set = container.kind == "set" or conversion == "V1"
    return not in_set or (container.kind == "array" and element.kind != "string")


def wire_type(type_ref: TypeRef, conversion: str, *, epoch: Optional[str] = None,
              converter: Optional[str] = None, top_level: bool = True, oblivious: bool = False) -> Wire:
    """The stored shape of `type_ref` under `conversion`, mirroring the generated runtime codec;
    `oblivious`: declared without nullable annotations (`oblivious_member`)."""
    if converter:
        return _ANY  # the converter decides; only its C# source knows
    return _plain_wire(type_ref, conversion, bool(epoch) and top_level, oblivious)


# Emitters ask per attribute, and a tree has few distinct (type, conversion) pairs; a Wire is
# immutable, so one instance serves every attribute of that type.
@functools.lru_cache(maxsize=1 << 12)
def _plain_wire(type_ref: TypeRef, conversion: str, epoch: bool, oblivious: bool = False) -> Wire:
    """`wire_type` of a member without a converter; `epoch`: a top-level [StoreAsEpoch] member."""
    kind = type_ref.kind
    if kind == "datetime" and epoch:
        return Wire("N", kind="epoch")
    if kind in _STRING_LIKE:
        return Wire("S", kind=kind)
    if kind in _NUMERIC:
        return Wire("N", kind=kind)
    if kind == "bool":
        return Wire("BOOL" if conversion == "V2" else "N", kind="bool")
    if kind in ("bytes", "memorystream"):
        return Wire("B", kind="bytes")
    if kind == "enum" and type_ref.ref:
        return Wire("N", kind="enum", ref=type_ref.ref)
    if kind == "model" and type_ref.ref:
        return Wire("M", ref=type_ref.ref)
    if kind == "dict" and len(type_ref.args) == 2 and type_ref.args[0].kind == "string":
        value = type_ref.args[1]
        nullable = element_may_hold_null(value, type_ref, oblivious, conversion)
        return Wire("MAP", element=_plain_wire(value, conversion, False, oblivious), nullable_elements=nullable)
    if kind in ("list", "array", "set") and len(type_ref.args) == 1:
        return _sequence_wire(type_ref, conversion, oblivious)
    return _ANY


def _sequence_wire(type_ref: TypeRef, conversion: str, oblivious: bool) -> Wire:
    element = type_ref.args[0]
    element_wire = _plain_wire(element, conversion, False, oblivious)
    primitive = element.kind in _SET_TAGS or element.kind in _NUMERIC or element.kind == "bool"
    array_of_bytes = type_ref.kind == "array" and _SET_TAGS.get(element.kind) == "BS"
    if primitive and not element.nullable and not array_of_bytes and (type_ref.kind == "set" or conversion == "V1"):
        if element.kind == "bool" and conversion == "V2":
            return _ANY  # HashSet<bool> cannot be stored under V2
        scalar = Wire("N", kind="bool") if element.kind == "bool" else element_wire
        return Wire(_SET_TAGS.get(element.kind, "NS"), element=scalar)
    nullable = element_may_hold_null(element, type_ref, oblivious, conversion)
    return Wire("L", element=element_wire, nullable_elements=nullable)


def attribute_wire(attribute: Attribute, conversion: str) -> Wire:
    if attribute.converter and attribute.storage in ("S", "N", "B", "BOOL"):
        # The resolver read the converter's ToEntry: its scalar type is known, its format is not.
        return Wire(attribute.storage, kind="converted")
    return wire_type(attribute.type, conversion, epoch=attribute.epoch, converter=attribute.converter,
                     oblivious=oblivious_member(attribute))


def may_hold_null(attribute: Attribute) -> bool:
    """True when the .NET member can be null, so that .NET omits it from the item: declared
    nullable, initialised with null, or a reference type with no initialiser (C# only warns
    about a non-nullable one, CS8618; it still starts as null)."""
    if attribute.nullable:
        return True
    if attribute.default is None:
        return attribute.type.kind in REFERENCE_KINDS
    return attribute.default.kind == "null"


def always_written(attribute: Attribute, wire: Wire) -> bool:
    """True when .NET writes the attribute for every valid value (keys, non-null value types...).

    Strings can be "" and sets empty (both omitted), converters may return null: those are not.
    """
    if attribute.key is not None:
        return True
    if attribute.converter:
        return False
    value_type_string = wire.tag == "S" and wire.kind != "string"  # char, Guid, DateTime...
    return not may_hold_null(attribute) and (value_type_string or wire.tag in ("N", "BOOL", "B", "L", "M", "MAP"))
