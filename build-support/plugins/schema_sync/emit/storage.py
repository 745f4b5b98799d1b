"""What .NET stores for a member: its DynamoDB shape (`Wire`) and whether it may be absent or NULL.

The stored shape is read from the IR, where resolve decided it once for every type, nested ones
included (`TypeRef.storage`, `TypeRef.nullable_elements`; docs/ir.md states the rules): nothing
here decides it again. TypeScript and JSON Schema describe items by it, the schema lock records it,
the generated runtime codec is built from the same fields.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

from schema_sync.ir import REFERENCE_KINDS, Attribute, TypeRef


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


def wire_type(type_ref: TypeRef, *, epoch: Optional[str] = None, converter: Optional[str] = None) -> Wire:
    """The stored shape of a member's `type_ref`, as resolve decided it (`TypeRef.storage`);
    `epoch`/`converter`: the member's StoreAsEpoch or converter, which decide instead."""
    if converter:
        return _ANY  # the converter decides; only its C# source knows
    if epoch and type_ref.kind == "datetime":
        return Wire("N", kind="epoch")
    return _read_wire(type_ref)


# Emitters ask per attribute, and a tree has few distinct types; a Wire is immutable, so one
# instance serves every attribute of that type.
@functools.lru_cache(maxsize=1 << 12)
def _read_wire(type_ref: TypeRef) -> Wire:
    """`type_ref.storage` (and its elements') as a Wire: read, never decided here."""
    storage = type_ref.storage
    if storage in ("S", "N", "B", "BOOL"):
        kind = "bytes" if type_ref.kind == "memorystream" else type_ref.kind
        return Wire(storage, kind=kind, ref=type_ref.ref if type_ref.kind == "enum" else None)
    if storage == "M" and type_ref.kind != "dict":
        return Wire("M", ref=type_ref.ref)
    if storage in ("SS", "NS", "BS", "L", "M"):
        tag = "MAP" if storage == "M" else storage
        return Wire(tag, element=_read_wire(type_ref.args[-1]), nullable_elements=type_ref.nullable_elements)
    return _ANY



def attribute_wire(attribute: Attribute) -> Wire:
    if attribute.converter and attribute.storage in ("S", "N", "B", "BOOL"):
        # The resolver read the converter's ToEntry: its scalar type is known, its format is not.
        return Wire(attribute.storage, kind="converted")
    return wire_type(attribute.type, epoch=attribute.epoch, converter=attribute.converter)


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
