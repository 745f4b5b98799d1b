"""The schema IR: the contract between `resolve` (knows C# and the .NET SDK) and the emitters.

Plain frozen dataclasses, built by keyword, with no behaviour beyond derived views and JSON
(de)serialisation. Every decision about how .NET stores a member is made by `resolve` and carried
here (`Attribute.storage`, and `TypeRef.storage` / `nullable_elements` at every depth), so that
emitters read it rather than decide it again. Closed vocabularies are Literal types, each with the
frozenset of its values derived from it.

The JSON shape is a public, versioned contract (docs/ir.md); bump `IR_VERSION` on any
incompatible change. Must stay importable on CPython 3.9 with the standard library only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, Iterator, Literal, Optional, Tuple, Union, cast, get_args

IR_VERSION = 4  # 2: Attribute.unresolved_name, IndexRole.order; 3: Attribute.atomic_counter is an AtomicCounter;
# 4: TypeRef.storage and TypeRef.nullable_elements (every type, nested ones included, says how it is stored)

# -- the closed vocabularies: each a Literal type, and the frozenset of its values derived from it ----------

# TypeRef.kind values. Scalars are named after what they hold, not after the C# spelling
# (`int` and `Int32` are both "int32"); the C# spelling is kept in TypeRef.csharp.
IntegralKind = Literal["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]
NumericKind = Union[IntegralKind, Literal["float32", "float64", "decimal"]]
ScalarKind = Union[
    NumericKind,
    Literal[
        "string", "char", "bool", "guid", "datetime", "datetimeoffset", "timespan", "dateonly", "timeonly",
        "bytes", "memorystream",
    ],
]
# "enum"/"model": `ref` is the referenced type's full name. "list" = List<T>, "array" = T[],
# "set" = HashSet<T>, "dict" = Dictionary<K, V> (args = (K, V)). "unknown": anything else,
# with the C# spelling kept so an emitter can fall back to Any and say why.
# "typeparam": a generic definition's own type parameter (`T` in `class Entity<T>`), `csharp` is its name.
CompositeKind = Literal["enum", "model", "list", "array", "set", "dict", "unknown", "typeparam"]
TypeKind = Union[ScalarKind, CompositeKind]
CollectionKind = Literal["list", "array", "set", "dict"]  # the kinds whose elements (values) are TypeRef.args
# The kinds that are .NET reference types: null unless initialised, and null elements where C# is oblivious.
ReferenceKind = Union[Literal["string", "bytes", "memorystream", "model"], CollectionKind]

# The DynamoDB attribute-value type .NET writes ("NULL" never appears: nulls are omitted at the top
# level, and `nullable_elements` says where a NULL element may be). "ANY": no fixed type (a converter
# whose output is unknown, or a type .NET cannot store).
SetStorage = Literal["SS", "NS", "BS"]
StorageType = Union[Literal["S", "N", "B", "BOOL", "L", "M", "ANY"], SetStorage]

Conversion = Literal["V1", "V2"]  # DynamoDBEntryConversion schema
KeyRole = Literal["hash", "range"]
EpochKind = Literal["int32", "int64"]  # StoreAsEpoch | StoreAsEpochLong
Severity = Literal["error", "warning"]
DefaultKind = Literal[
    "string", "int", "float", "decimal", "bool", "enum", "null", "empty", "now", "new_guid", "expression"
]


def _values(alias: Any) -> FrozenSet[str]:
    """The strings of a Literal type, or of a Union of them."""
    return frozenset(value for arg in get_args(alias) for value in (_values(arg) if get_args(arg) else (arg,)))


INTEGRAL_KINDS = _values(IntegralKind)
NUMERIC_KINDS = _values(NumericKind)
SCALAR_KINDS = _values(ScalarKind)
COMPOSITE_KINDS = _values(CompositeKind)
COLLECTION_KINDS = _values(CollectionKind)
REFERENCE_KINDS = _values(ReferenceKind)
STORAGE_TYPES = _values(StorageType)
SET_STORAGE_TYPES = _values(SetStorage)
CONVERSIONS = _values(Conversion)


def as_conversion(text: str) -> Conversion:
    """`text` as a Conversion; ValueError for anything else."""
    if text not in CONVERSIONS:
        raise ValueError(f"conversion must be one of {sorted(CONVERSIONS)}, got {text!r}")
    return cast(Conversion, text)


@dataclass(frozen=True)
class TypeRef:
    kind: TypeKind
    csharp: str
    args: Tuple[TypeRef, ...] = ()
    ref: Optional[str] = None
    nullable: bool = False  # `T?` (value types) or a nullable reference type under `#nullable enable`
    # [IR 4] What .NET's own conversion writes for a value of this type, under the model's
    # conversion schema; inside a collection, for each element (dictionary: value). A member's
    # converter or StoreAsEpoch decides its Attribute.storage instead, and then the member's whole
    # stored form. resolve fills both fields for every TypeRef of a SchemaIR (`resolve.types.stored`);
    # only its own first pass, before the conversion is known, leaves the defaults.
    storage: StorageType = "ANY"
    # [IR 4] list/array/set/dict: an element (value) may be null, and is then written as NULL
    # (never in a set: SS/NS/BS hold no NULL).
    nullable_elements: bool = False

    @property
    def is_set(self) -> bool:
        """Stored as a DynamoDB set (SS/NS/BS): unordered, no duplicates, never empty."""
        return self.storage in SET_STORAGE_TYPES


def type_refs(type_ref: TypeRef) -> Iterator[str]:
    """Full names of the enums/models a type mentions, including inside generic arguments."""
    if type_ref.ref is not None and type_ref.kind in ("enum", "model"):
        yield type_ref.ref
    for arg in type_ref.args:
        yield from type_refs(arg)


@dataclass(frozen=True)
class Default:
    """A C# initialiser, classified so emitters never have to read C# expressions.

    kind: "string" | "int" | "float" | "decimal" | "bool" | "enum" (value = member name) |
          "null" | "empty" (new(), new List<T>(), [], Array.Empty<T>()) |
          "now" (DateTime.UtcNow / Now, DateTimeOffset.UtcNow) | "new_guid" (Guid.NewGuid()) |
          "expression" (anything else; `value` is the C# text, emitters must not evaluate it)
    """

    kind: DefaultKind
    value: Optional[str] = None


@dataclass(frozen=True)
class IndexRole:
    index: str
    role: KeyRole
    # `Order = n` on the GSI attribute: the attribute's position among the index's partition (or
    # sort) key attributes, for multi-attribute keys (up to four each); None when not given.
    order: Optional[int] = None


@dataclass(frozen=True)
class DerivedType:
    """[v4] `[DynamoDBPolymorphicType(discriminator, typeof(T))]`: `"$type"` holds `discriminator`."""

    discriminator: str
    type: str  # full name of the derived model


@dataclass(frozen=True)
class AtomicCounter:
    """[v4] `[DynamoDBAtomicCounter(delta, startValue)]`: every Save adds `delta` in the update
    expression itself; the first Save of an item stores `start`."""

    delta: int = 1
    start: int = 0


@dataclass(frozen=True)
class Attribute:
    property: str  # C# member name
    name: str  # stored attribute name
    type: TypeRef
    nullable: bool
    storage: StorageType  # the member's: its converter's or StoreAsEpoch's (N), else type.storage
    declared_in: str  # simple name of the class that declares the member
    line: int
    col: int
    key: Optional[KeyRole] = None  # the table key
    gsi: Tuple[IndexRole, ...] = ()
    lsi: Tuple[str, ...] = ()
    version: bool = False
    converter: Optional[str] = None  # converter type name as written in C#
    default: Optional[Default] = None
    epoch: Optional[EpochKind] = None
    auto_timestamp: bool = False  # [v4] set to the current UTC time by every Save
    atomic_counter: Optional[AtomicCounter] = None
    doc: Optional[str] = None  # XML <summary>, whitespace-normalised
    # [v4] [DynamoDBFlatten]: C# property names from the model down to this member's container;
    # the attribute is stored top-level but belongs to that nested object in C#.
    flatten_path: Tuple[str, ...] = ()
    derived_types: Tuple[DerivedType, ...] = ()  # [v4] polymorphic property: "$type" inside the M
    # Lenient mode only: the C# expression naming the stored attribute could not be evaluated (a
    # constant outside the given sources). `name` is then the member's name, which is NOT what .NET
    # stores: emitters refuse such a model rather than read and write the wrong attribute.
    unresolved_name: Optional[str] = None
    # [v4] `[DynamoDbUpdateBehavior(UpdateBehavior.IfNotExists)]`: Save writes the member only when
    # the stored item lacks the attribute (`if_not_exists`), so the first value stays.
    if_not_exists: bool = False


@dataclass(frozen=True)
class Model:
    name: str
    namespace: str
    file: str
    line: int
    col: int
    base: Optional[str]  # simple name of the base model, if the base is itself a model
    table: Optional[str]  # resolved table name (constants resolved) or None
    attributes: Tuple[Attribute, ...]
    conversion: Conversion = "V1"
    lower_camel_case: bool = False
    abstract: bool = False
    doc: Optional[str] = None
    derived_types: Tuple[DerivedType, ...] = ()  # [v4] polymorphic class: "$type" in the item
    # A generic definition (`class Entity<TId>`): its parameters; members typed with one of them
    # have TypeRef kind "typeparam" (storage ANY). Closed uses (`: Entity<Guid>`) substitute them.
    type_parameters: Tuple[str, ...] = ()

    @property
    def full_name(self) -> str:
        return f"{self.namespace}.{self.name}" if self.namespace else self.name

    def key_attribute(self, role: str) -> Optional[Attribute]:
        return next((a for a in self.attributes if a.key == role), None)

    def gsi_names(self) -> Tuple[str, ...]:
        return tuple(sorted({r.index for a in self.attributes for r in a.gsi}))

    def gsi_key_attributes(self, index: str, role: str) -> Tuple[Attribute, ...]:
        """The attributes of one role ("hash" / "range") of a GSI, in KeySchema order: by `Order`,
        then in declaration order (a single-attribute key has no `Order`)."""
        found = [(r.order or 0, i, a) for i, a in enumerate(self.attributes) for r in a.gsi
                 if r.index == index and r.role == role]
        return tuple(attribute for _, _, attribute in sorted(found, key=lambda item: item[:2]))

    def lsi_names(self) -> Tuple[str, ...]:
        return tuple(sorted({i for a in self.attributes for i in a.lsi}))


@dataclass(frozen=True)
class EnumMember:
    name: str
    value: int
    doc: Optional[str] = None


@dataclass(frozen=True)
class Enum:
    name: str
    namespace: str
    file: str
    line: int
    col: int
    underlying: IntegralKind  # "int32" unless declared otherwise
    members: Tuple[EnumMember, ...]
    flags: bool = False
    doc: Optional[str] = None

    @property
    def full_name(self) -> str:
        return f"{self.namespace}.{self.name}" if self.namespace else self.name


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    message: str
    file: str
    line: int
    col: int
    hint: Optional[str] = None

    def render(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


@dataclass(frozen=True)
class SourceFile:
    path: str
    sha256: str


@dataclass(frozen=True)
class SchemaIR:
    models: Tuple[Model, ...]
    enums: Tuple[Enum, ...]
    diagnostics: Tuple[Diagnostic, ...]
    sources: Tuple[SourceFile, ...] = ()
    ir_version: int = IR_VERSION

    @property
    def errors(self) -> Tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    def model(self, name: str) -> Model:
        return next(m for m in self.models if m.name == name or m.full_name == name)

    def to_json_dict(self) -> Dict[str, Any]:
        data: Dict[str, Any] = _plain(self)
        return {"ir_version": data.pop("ir_version"), **data}

    def to_json(self, indent: Optional[int] = 2) -> str:
        # Speed-up: the same text as dumping to_json_dict(), without building that copy first (the
        # encoder reads each object's fields through `_json_default`): 0.11 instead of 0.26 s CPU
        # for the 1,000-file benchmark tree's IR.
        data = {"ir_version": self.ir_version, **{k: v for k, v in self.__dict__.items() if k != "ir_version"}}
        return json.dumps(data, indent=indent, sort_keys=False, ensure_ascii=False, default=_json_default) + "\n"


def _plain(value: Any) -> Any:
    """Speed-up: like dataclasses.asdict (same output, tuples as lists), without its deep copies:
    0.17 instead of 0.44 s CPU for the 1,000-file benchmark tree's IR."""
    if type(value) in _DATACLASSES:
        # A dataclass's generated __init__ (and unpickling, and replace()) fill __dict__ in field order.
        return {name: _plain(item) for name, item in value.__dict__.items()}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _json_default(value: Any) -> Any:
    if type(value) in _DATACLASSES:
        return value.__dict__
    raise TypeError(f"{type(value).__name__} is not part of the IR")


def _type_from(data: Dict[str, Any]) -> TypeRef:
    return TypeRef(
        kind=data["kind"],
        csharp=data["csharp"],
        args=tuple(_type_from(a) for a in data.get("args", ())),
        ref=data.get("ref"),
        nullable=data.get("nullable", False),
        storage=data["storage"],
        nullable_elements=data["nullable_elements"],
    )


def _attribute_from(data: Dict[str, Any]) -> Attribute:
    values = dict(data)
    values["type"] = _type_from(values["type"])
    values["gsi"] = tuple(IndexRole(**g) for g in values.get("gsi", ()))
    values["lsi"] = tuple(values.get("lsi", ()))
    values["default"] = Default(**values["default"]) if values.get("default") else None
    values["flatten_path"] = tuple(values.get("flatten_path", ()))
    values["derived_types"] = tuple(DerivedType(**d) for d in values.get("derived_types", ()))
    values["atomic_counter"] = AtomicCounter(**values["atomic_counter"]) if values.get("atomic_counter") else None
    return Attribute(**values)


def schema_from_json(text: str) -> SchemaIR:
    """Inverse of SchemaIR.to_json (used by tests and by tools that consume the JSON)."""
    data = json.loads(text)
    if data.get("ir_version") != IR_VERSION:
        raise ValueError(f"unsupported ir_version {data.get('ir_version')!r}, expected {IR_VERSION}")
    models = tuple(
        Model(
            **{
                **m,
                "attributes": tuple(_attribute_from(a) for a in m["attributes"]),
                "derived_types": tuple(DerivedType(**d) for d in m.get("derived_types", ())),
                "type_parameters": tuple(m.get("type_parameters", ())),
            }
        )
        for m in data["models"]
    )
    enums = tuple(
        Enum(**{**e, "members": tuple(EnumMember(**x) for x in e["members"])}) for e in data["enums"]
    )
    return SchemaIR(
        models=models,
        enums=enums,
        diagnostics=tuple(Diagnostic(**d) for d in data["diagnostics"]),
        sources=tuple(SourceFile(**s) for s in data.get("sources", ())),
    )


_DATACLASSES = frozenset(
    {
        TypeRef, Default, IndexRole, DerivedType, AtomicCounter, Attribute, Model, EnumMember, Enum, Diagnostic,
        SourceFile, SchemaIR,
    }
)

__all__ = [
    "COLLECTION_KINDS", "COMPOSITE_KINDS", "CONVERSIONS", "INTEGRAL_KINDS", "IR_VERSION", "NUMERIC_KINDS",
    "REFERENCE_KINDS", "SCALAR_KINDS", "SET_STORAGE_TYPES", "STORAGE_TYPES", "AtomicCounter", "Attribute",
    "CollectionKind", "CompositeKind", "Conversion", "Default", "DefaultKind", "DerivedType", "Diagnostic", "Enum",
    "EnumMember", "EpochKind", "IndexRole", "IntegralKind", "KeyRole", "Model", "NumericKind", "ReferenceKind",
    "ScalarKind", "SchemaIR", "SetStorage", "Severity", "SourceFile", "StorageType", "TypeKind", "TypeRef",
    "as_conversion", "schema_from_json", "type_refs",
]
