"""The schema IR: the contract between `resolve` (knows C# and the .NET SDK) and the emitters.

Frozen, typed dataclasses with no behaviour beyond derived views and JSON (de)serialisation.
The JSON shape is a public, versioned contract (docs/ir.md); bump `IR_VERSION` on any
incompatible change. Must stay importable on CPython 3.9 with the standard library only.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, dataclass, fields
from typing import Any, Dict, Iterator, Optional, Tuple, TypeVar

IR_VERSION = 3  # 2: Attribute.unresolved_name, IndexRole.order; 3: Attribute.atomic_counter is an AtomicCounter

# TypeRef.kind values. Scalars are named after what they hold, not after the C# spelling
# (`int` and `Int32` are both "int32"); the C# spelling is kept in TypeRef.csharp.
SCALAR_KINDS = frozenset(
    {
        "string", "char", "bool",
        "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
        "float32", "float64", "decimal",
        "guid", "datetime", "datetimeoffset", "timespan", "dateonly", "timeonly",
        "bytes", "memorystream",
    }
)
INTEGRAL_KINDS = frozenset({"int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"})
NUMERIC_KINDS = INTEGRAL_KINDS | {"float32", "float64", "decimal"}
# "enum"/"model": `ref` is the referenced type's full name. "list" = List<T>, "array" = T[],
# "set" = HashSet<T>, "dict" = Dictionary<K, V> (args = (K, V)). "unknown": anything else,
# with the C# spelling kept so an emitter can fall back to Any and say why.
# "typeparam": a generic definition's own type parameter (`T` in `class Entity<T>`), `csharp` is its name.
COMPOSITE_KINDS = frozenset({"enum", "model", "list", "array", "set", "dict", "unknown", "typeparam"})

# Attribute.storage values: the DynamoDB attribute-value type .NET writes for the member under
# the model's conversion schema ("NULL" never appears: nulls are omitted at the top level).
STORAGE_TYPES = frozenset({"S", "N", "B", "BOOL", "SS", "NS", "BS", "L", "M", "ANY"})


_Class = TypeVar("_Class", bound=type)


def _fast_init(cls: _Class) -> _Class:
    """Replace a frozen dataclass's generated `__init__` by one that fills the instance dict.

    The generated one sets each field through `object.__setattr__` (to get past the frozen
    `__setattr__`), which makes building an Attribute ~3x slower: resolve builds one per
    member. Same signature, defaults and field order in `__dict__` (JSON relies on it). Not
    for classes read often: CPython then reads attributes from the dict, several times slower
    than from the inline values the generated `__init__` fills."""
    params = []
    namespace: Dict[str, Any] = {}
    for field in fields(cls):
        if not field.init or field.default_factory is not MISSING or "__post_init__" in vars(cls):
            raise TypeError(f"{cls.__name__}.{field.name}: _fast_init needs plain init fields")
        if field.default is MISSING:
            params.append(field.name)
        else:
            namespace[f"default_{field.name}"] = field.default
            params.append(f"{field.name}=default_{field.name}")
    stores = "".join(f"    instance_dict[{f.name!r}] = {f.name}\n" for f in fields(cls))
    source = f"def __init__(self, {', '.join(params)}):\n    instance_dict = self.__dict__\n{stores}"
    exec(source, namespace)  # how dataclasses builds its own __init__, too
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)  # noqa: B010 (mypy rejects assigning to a method)
    return cls

@dataclass(frozen=True)
class TypeRef:
    kind: str
    csharp: str
    args: Tuple[TypeRef, ...] = ()
    ref: Optional[str] = None
    nullable: bool = False  # `T?` (value types) or a nullable reference type under `#nullable enable`


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

    kind: str
    value: Optional[str] = None


@dataclass(frozen=True)
class IndexRole:
    index: str
    role: str  # "hash" | "range"
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


@_fast_init  # one per persisted member
@dataclass(frozen=True)
class Attribute:
    # resolve/members.py builds this positionally (it is the hottest constructor): a new field goes
    # last, or there too. The golden IR tests catch a shifted field.
    property: str  # C# member name
    name: str  # stored attribute name
    type: TypeRef
    nullable: bool
    storage: str  # one of STORAGE_TYPES
    declared_in: str  # simple name of the class that declares the member
    line: int
    col: int
    key: Optional[str] = None  # "hash" | "range" | None
    gsi: Tuple[IndexRole, ...] = ()
    lsi: Tuple[str, ...] = ()
    version: bool = False
    converter: Optional[str] = None  # converter type name as written in C#
    default: Optional[Default] = None
    epoch: Optional[str] = None  # "int32" (StoreAsEpoch) | "int64" (StoreAsEpochLong) | None
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
    conversion: str = "V1"  # "V1" | "V2"
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
    underlying: str  # a scalar integral kind, "int32" unless declared otherwise
    members: Tuple[EnumMember, ...]
    flags: bool = False
    doc: Optional[str] = None

    @property
    def full_name(self) -> str:
        return f"{self.namespace}.{self.name}" if self.namespace else self.name


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # "error" | "warning"
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
        # Same text as dumping to_json_dict(), without building that copy first.
        data = {"ir_version": self.ir_version, **{k: v for k, v in self.__dict__.items() if k != "ir_version"}}
        return json.dumps(data, indent=indent, sort_keys=False, ensure_ascii=False, default=_json_default) + "\n"


def _plain(value: Any) -> Any:
    """Like dataclasses.asdict (same output), without its deep copies: a 1,000-model IR is
    converted several times faster."""
    if type(value) in _DATACLASSES:
        # Every IR dataclass is a plain frozen dataclass: __dict__ holds its fields in order.
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
    "AtomicCounter", "Attribute", "Default", "DerivedType", "Diagnostic", "Enum", "EnumMember", "IndexRole",
    "IR_VERSION", "Model", "SchemaIR", "SourceFile", "TypeRef", "schema_from_json",
]
