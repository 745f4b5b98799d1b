"""What a generated model holds for an attribute an item lacks: a default, or nothing (required).

One rule, read by the Python emitter (which writes each default in Python) and by the schema lock
(which records the required fields: one added breaks reading every item written before it). Decided
from the IR alone: a numeric initialiser is the normalised number `resolve` put in `ir.Default`,
never C# text (docs/ir.md).
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from typing import Dict, Optional, Union

from schema_sync.emit.index import IRIndex
from schema_sync.emit.storage import may_hold_null
from schema_sync.ir import INTEGRAL_KINDS, Attribute, Default, Enum, TypeRef

# `ir.Default` kinds whose value is a number, written as decimal digits (`resolve/defaults.py`).
NUMBER_DEFAULT_KINDS = frozenset({"int", "float", "decimal"})
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")  # that form; `Decimal` takes more (`1_0`, `inf`)
# Value types whose default(T) is a minimum the runtime names (DateTime.MinValue, Guid.Empty...).
MINIMUM_KINDS = frozenset({"datetime", "datetimeoffset", "dateonly", "timeonly", "timespan", "guid"})
# default(T) of the other value types with a Python equal (an enum's is its zero member, if any).
_ZEROS: Dict[str, Union[str, bool, int, float, decimal.Decimal]] = {
    "char": "\x00", "bool": False, "float32": 0.0, "float64": 0.0, "decimal": decimal.Decimal("0"),
    **{kind: 0 for kind in INTEGRAL_KINDS},
}


@dataclass(frozen=True)
class Null:
    """None."""


@dataclass(frozen=True)
class Constant:
    """A value: text (string, char), bool, int, float or Decimal."""

    value: Union[str, bool, int, float, decimal.Decimal]


@dataclass(frozen=True)
class EnumMember:
    """The member at `position` in `enum.members`."""

    enum: Enum
    position: int


@dataclass(frozen=True)
class EnumNumber:
    """The enum's value `number` (a flags combination, a number no member names, or 0)."""

    enum: Enum
    number: int


@dataclass(frozen=True)
class Minimum:
    """default(T) of a value type `kind` in MINIMUM_KINDS."""

    kind: str


@dataclass(frozen=True)
class Fresh:
    """A new value per model: `empty` (the member type's empty value: "", b"", a collection, a
    nested model), `now` (the current UTC time) or `new_guid`."""

    kind: str


NONE = Null()
EMPTY, NOW, NEW_GUID = Fresh("empty"), Fresh("now"), Fresh("new_guid")
DefaultValue = Union[Null, Constant, EnumMember, EnumNumber, Minimum, Fresh]


@dataclass(frozen=True)
class FieldDefault:
    """`value`: what the field holds when the item lacks the attribute; None: the field is
    required. `untranslated`: the C# initialiser the generated model does not reproduce."""

    value: Optional[DefaultValue]
    untranslated: Optional[Default] = None

    @property
    def required(self) -> bool:
        return self.value is None


_NULL_DEFAULT = FieldDefault(NONE)
# default(T) of each value type but enums: one shared answer per kind (asked for most members).
_TYPE_DEFAULTS: Dict[str, FieldDefault] = {
    **{kind: FieldDefault(Minimum(kind)) for kind in MINIMUM_KINDS},
    **{kind: FieldDefault(Constant(zero)) for kind, zero in _ZEROS.items()},
}


def field_default(index: IRIndex, attribute: Attribute) -> FieldDefault:
    """The initialiser when it can be reproduced; else None when .NET may hold null (`may_hold_null`);
    else default(T) of a value type; else required (a reference type initialised with something
    untranslatable, an enum without a zero member)."""
    initialiser = attribute.default
    if initialiser is None:  # the common case: shared answers, no step for an initialiser
        if may_hold_null(attribute):
            return _NULL_DEFAULT
        shared = _TYPE_DEFAULTS.get(attribute.type.kind)
        return shared if shared is not None else FieldDefault(_type_default(index, attribute.type))
    if initialiser.kind != "expression":
        value = _initialiser_value(index, attribute.type, initialiser)
        if value is not None:
            return FieldDefault(value)
    if may_hold_null(attribute):
        return FieldDefault(NONE, initialiser)
    return FieldDefault(_type_default(index, attribute.type), initialiser)


def default_number(initialiser: Default) -> Optional[decimal.Decimal]:
    """The number a numeric initialiser holds (NUMBER_DEFAULT_KINDS), finite; None otherwise."""
    if initialiser.kind not in NUMBER_DEFAULT_KINDS or initialiser.value is None:
        return None
    if not _NUMBER.fullmatch(initialiser.value):
        return None  # not the form docs/ir.md promises (nor a finite number): left untranslated
    return decimal.Decimal(initialiser.value)


def _initialiser_value(index: IRIndex, type_ref: TypeRef, initialiser: Default) -> Optional[DefaultValue]:
    """The initialiser as a value of the member's type, or None when it has none."""
    kind, target = initialiser.kind, type_ref.kind
    if kind == "null":
        return NONE
    if kind == "empty":
        return EMPTY if _has_empty_value(index, type_ref) else None
    if kind == "now":
        return NOW if target in ("datetime", "datetimeoffset") else None
    if kind == "new_guid":
        return NEW_GUID if target == "guid" else None
    if initialiser.value is None:
        return None
    if target == "enum":
        return _enum_value(index, type_ref, initialiser)
    if kind == "string":
        return Constant(initialiser.value) if target in ("string", "char") else None
    if kind == "bool":
        valid = target == "bool" and initialiser.value in ("true", "false")
        return Constant(initialiser.value == "true") if valid else None
    return _number_value(target, initialiser)


def _has_empty_value(index: IRIndex, type_ref: TypeRef) -> bool:
    if type_ref.kind in ("list", "array", "set", "dict", "string", "bytes", "memorystream"):
        return True
    return type_ref.kind == "model" and type_ref.ref is not None and index.model_for(type_ref.ref) is not None


def _number_value(target: str, initialiser: Default) -> Optional[Constant]:
    number = default_number(initialiser)
    if number is None:
        return None
    if target in INTEGRAL_KINDS and number == number.to_integral_value():
        return Constant(int(number))
    if target in ("float32", "float64"):
        return Constant(float(number))
    if target == "decimal":
        return Constant(number)
    return None


def _enum_value(index: IRIndex, type_ref: TypeRef, initialiser: Default) -> Optional[DefaultValue]:
    """A member named by the initialiser (`Status.Active`), or a number (`(Status)3`, a flags
    combination)."""
    enum = index.enum_for(type_ref.ref) if type_ref.ref else None
    if enum is None:
        return None
    if initialiser.kind == "enum":
        member = (initialiser.value or "").rsplit(".", 1)[-1]
        position = next((i for i, declared in enumerate(enum.members) if declared.name == member), None)
        return None if position is None else EnumMember(enum, position)
    number = default_number(initialiser)
    if number is None or number != number.to_integral_value():
        return None
    return EnumNumber(enum, int(number))


def _type_default(index: IRIndex, type_ref: TypeRef) -> Optional[DefaultValue]:
    """default(T), what .NET holds (and stores) when nothing is assigned; None (required) for a
    reference type and where Python has no such value: an enum without a zero member."""
    shared = _TYPE_DEFAULTS.get(type_ref.kind)
    if shared is not None:
        return shared.value
    if type_ref.kind == "enum" and type_ref.ref:
        enum = index.enum_for(type_ref.ref)
        if enum is not None and any(m.value == 0 for m in enum.members):
            return EnumNumber(enum, 0)
    return None
