"""C# types -> IR TypeRefs, and the DynamoDB storage .NET writes for them: the one place that
decides storage, for a member's type and every type nested in it (`stored`).

What .NET writes follows the AWS SDK's converters: `DataModel/Utils.cs`
(`PrimitiveTypesCollectionsAndArray`: the collections stored as sets under V1) and
`Conversion/SchemaV1.cs`, `SchemaV2.cs`; docs/ir.md states the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List, Literal, Optional, Sequence, Tuple, Union

from schema_sync.csharp.syntax import Expr, TypeSyntax
from schema_sync.ir import (
    COLLECTION_KINDS,
    NUMERIC_KINDS,
    REFERENCE_KINDS,
    CollectionKind,
    Conversion,
    ScalarKind,
    SetStorage,
    StorageType,
    TypeRef,
)
from schema_sync.resolve.symbols import DeclaredType

_SCALARS: Dict[str, ScalarKind] = {
    "string": "string",
    "String": "string",
    "char": "char",
    "Char": "char",
    "bool": "bool",
    "Boolean": "bool",
    "sbyte": "int8",
    "SByte": "int8",
    "byte": "uint8",
    "Byte": "uint8",
    "short": "int16",
    "Int16": "int16",
    "ushort": "uint16",
    "UInt16": "uint16",
    "int": "int32",
    "Int32": "int32",
    "uint": "uint32",
    "UInt32": "uint32",
    "long": "int64",
    "Int64": "int64",
    "ulong": "uint64",
    "UInt64": "uint64",
    "float": "float32",
    "Single": "float32",
    "double": "float64",
    "Double": "float64",
    "decimal": "decimal",
    "Decimal": "decimal",
    "Guid": "guid",
    "DateTime": "datetime",
    "DateTimeOffset": "datetimeoffset",
    "TimeSpan": "timespan",
    "DateOnly": "dateonly",
    "TimeOnly": "timeonly",
    "MemoryStream": "memorystream",
}
_NAMESPACE_PREFIXES = ("System.Collections.Generic.", "System.IO.", "System.")
_COLLECTIONS: Dict[str, CollectionKind] = {
    "List": "list", "HashSet": "set", "Dictionary": "dict", "SortedDictionary": "dict"
}
_VALUE_KINDS = NUMERIC_KINDS | {
    "bool",
    "char",
    "guid",
    "datetime",
    "datetimeoffset",
    "timespan",
    "dateonly",
    "timeonly",
}
# Scalars .NET writes the same way under both schemas (bool differs; DateTimeOffset and TimeSpan
# have no converter).
_SCALAR_STORAGE: Dict[str, StorageType] = {
    **{kind: "N" for kind in NUMERIC_KINDS},
    **{kind: "S" for kind in ("string", "char", "guid", "datetime", "dateonly", "timeonly")},
    "bytes": "B",
    "memorystream": "B",
}
# Element kinds with a registered primitive-collection converter (Utils.PrimitiveTypesCollectionsAndArray):
# List<T>, HashSet<T> and T[] of them are sets (always for HashSet, under V1 for the others).
_SET_OF: Dict[str, SetStorage] = {
    **{k: "NS" for k in NUMERIC_KINDS | {"bool"}},
    "string": "SS",
    "char": "SS",
    "guid": "SS",
    "datetime": "SS",
    "bytes": "BS",
    "memorystream": "BS",
}
_INTERFACE_HINTS = {
    "IList": "declare List<T>: IList<T> is written as L but cannot be loaded back",
    "ISet": "declare HashSet<T>: ISet<T> is written but cannot be loaded back",
    "IEnumerable": "declare List<T> or T[]: the SDK has no converter for IEnumerable<T>",
    "ICollection": "declare List<T>: the SDK has no converter for ICollection<T>",
    "IReadOnlyList": "declare List<T>: the SDK has no converter for IReadOnlyList<T>",
    "IReadOnlyCollection": "declare List<T>: the SDK has no converter for IReadOnlyCollection<T>",
    "IDictionary": "declare Dictionary<string, T>: IDictionary<,> cannot be instantiated on load",
    "IReadOnlyDictionary": "declare Dictionary<string, T>",
}
# Built-in SDK converters whose stored shape is known (Conversion/V1PropertyConverters.cs).
_KNOWN_CONVERTERS: Dict[str, StorageType] = {"BoolAsNConverter": "N"}
_SET_CONVERTERS = ("SetPropertyConverter", "ListToSetPropertyConverter")

Resolver = Callable[[str], Optional[DeclaredType]]


@dataclass(frozen=True)
class Problem:
    message: str
    hint: str | None = None


def type_ref(syntax: TypeSyntax, resolve: Resolver) -> TypeRef:
    """The IR type for a C# type (generic parameters must already be substituted), before its
    storage is known (`stored` adds it, once the model's conversion schema is)."""
    text, nullable = syntax.text, syntax.nullable
    if syntax.kind == "array":
        element = type_ref(syntax.args[0], resolve)
        if syntax.name != "[]":  # `int[,]`: no converter reads or writes one (`_unknown_storage`)
            return TypeRef(kind="unknown", csharp=text, args=(element,), nullable=nullable)
        if element.kind == "uint8" and not element.nullable:
            return TypeRef(kind="bytes", csharp=text, nullable=nullable)
        return TypeRef(kind="array", csharp=text, args=(element,), nullable=nullable)
    if syntax.kind == "typeparam":
        return TypeRef(kind="typeparam", csharp=text, nullable=nullable)
    if syntax.kind != "named":
        return TypeRef(kind="unknown", csharp=text, nullable=nullable)
    name = _strip_namespace(syntax.name)
    if name == "Nullable" and len(syntax.args) == 1:
        inner = type_ref(syntax.args[0], resolve)
        return TypeRef(kind=inner.kind, csharp=text, args=inner.args, ref=inner.ref, nullable=True)
    args = tuple(type_ref(a, resolve) for a in syntax.args)
    if name in _SCALARS and not args:
        return TypeRef(kind=_SCALARS[name], csharp=text, nullable=nullable)
    if name in _COLLECTIONS and len(args) == (2 if _COLLECTIONS[name] == "dict" else 1):
        return TypeRef(kind=_COLLECTIONS[name], csharp=text, args=args, nullable=nullable)
    declared = resolve(syntax.name) if name not in _INTERFACE_HINTS else None
    if declared is not None and declared.kind == "enum":
        return TypeRef(kind="enum", csharp=text, ref=declared.full_name, nullable=nullable)
    if declared is not None and declared.kind in ("class", "record"):
        return TypeRef(kind="model", csharp=text, args=args, ref=declared.full_name, nullable=nullable)
    ref = declared.full_name if declared is not None else None
    return TypeRef(kind="unknown", csharp=text, args=args, ref=ref, nullable=nullable)


def is_scalar(syntax: TypeSyntax) -> bool:
    """Whether `type_ref` makes a scalar of it: a predefined type, without looking names up."""
    if syntax.kind != "named" or syntax.args:
        return False
    return syntax.name in _SCALARS or _strip_namespace(syntax.name) in _SCALARS  # mostly written bare


def is_value_type(ref: TypeRef, resolve: Resolver) -> bool:
    if ref.kind in _VALUE_KINDS or ref.kind == "enum":
        return True
    declared = resolve(ref.ref) if ref.ref else None
    return declared is not None and declared.kind in ("struct", "record struct", "enum")


@dataclass(frozen=True)
class Stored:
    """A member's type with its storage decided (`stored`), and why .NET cannot store it, if so."""

    type: TypeRef
    problems: Tuple[Problem, ...]


def stored(ref: TypeRef, conversion: Conversion, oblivious: bool) -> Stored:
    """`ref` (from `type_ref`) with `storage` and `nullable_elements` decided for it and every type
    nested in it, under `conversion`. `oblivious`: the member is declared where C# has no nullable
    annotations (`#nullable disable`), so reference-type elements of its collections may be null."""
    problems: List[Problem] = []
    return Stored(_stored(ref, conversion, oblivious, problems), tuple(problems))


def walk_refs(ref: TypeRef) -> Iterable[TypeRef]:
    """`ref` and every type argument inside it, depth first."""
    yield ref
    for arg in ref.args:
        yield from walk_refs(arg)


def converter_storage(converter: str, ref: TypeRef) -> StorageType:
    """What a converter writes, when the converter is a built-in we know; ANY otherwise."""
    simple = converter.split("<", 1)[0].rsplit(".", 1)[-1]
    if simple in _KNOWN_CONVERTERS:
        return _KNOWN_CONVERTERS[simple]
    if simple.startswith(_SET_CONVERTERS) and ref.args:
        return _SET_OF.get(ref.args[-1].kind, "ANY")
    return "ANY"


_DOCUMENT_FACTORIES = ("Document.FromJson", "Document.FromAttributeMap")
_EntryKind = Union[StorageType, Literal["NULL"]]  # what a `ToEntry` return writes ("NULL": removes it)
_ENTRY_NAMES: Dict[str, _EntryKind] = {
    "DynamoDBBool.True": "BOOL", "DynamoDBBool.False": "BOOL", "DynamoDBNull.Null": "NULL"
}
_ENTRY_TYPES: Dict[str, _EntryKind] = {
    "DynamoDBBool": "BOOL", "DynamoDBList": "L", "Document": "M", "DynamoDBNull": "NULL"
}


def converter_output(returns: Sequence[Expr]) -> StorageType | None:
    """Best effort: what a converter's `ToEntry` returns, from its `return` expressions
    (`new Primitive(s)` -> S, `new Primitive(s, true)` -> N, a string -> S, ...); None when
    unknown or when the returns disagree. `null` returns (attribute removed) are ignored."""
    kinds = {_entry_kind(expr) for expr in returns if expr.kind != "null"}
    kinds.discard("NULL")
    found = kinds.pop() if len(kinds) == 1 else None
    return None if found == "NULL" else found


def _entry_kind(expr: Expr) -> _EntryKind | None:
    if expr.kind in ("string", "interpolated"):
        return "S"  # implicit string -> Primitive
    if expr.kind in ("int", "float"):
        return "N"
    if expr.kind == "invocation" and (expr.value or "").endswith(".ToString"):
        return "S"
    if expr.kind == "invocation" and _strip_namespace(expr.value or "") in _DOCUMENT_FACTORIES:
        return "M"  # static factories returning a Document, e.g. `Document.FromJson(json)`
    if expr.kind == "name":
        return _ENTRY_NAMES.get(_strip_namespace(expr.value or ""))
    if expr.kind == "new":
        return _entry_constructor_kind(_strip_namespace((expr.value or "").split("<", 1)[0]), expr.parts)
    return None


def _entry_constructor_kind(type_name: str, args: Tuple[Expr, ...]) -> _EntryKind | None:
    if type_name == "Primitive" and len(args) == 2 and args[1].kind == "bool":
        return "N" if args[1].text == "true" else "S"  # Primitive(value, saveAsNumeric)
    if type_name == "Primitive" and len(args) == 1:
        is_binary = args[0].kind == "collection" or args[0].text.endswith(".ToArray()")
        return "B" if is_binary else "S"
    return _ENTRY_TYPES.get(type_name)


def _stored(ref: TypeRef, conversion: Conversion, oblivious: bool, problems: List[Problem]) -> TypeRef:
    # Only what .NET writes reports problems: a collection's elements and a dictionary's values, not a
    # dictionary's keys (reported as such) nor the arguments of a type it cannot store anyway.
    args = tuple(
        _stored(arg, conversion, oblivious, problems if _writes_argument(ref, position) else [])
        for position, arg in enumerate(ref.args)
    )
    storage = _storage(ref, args, conversion, problems)
    return TypeRef(
        kind=ref.kind,
        csharp=ref.csharp,
        args=args,
        ref=ref.ref,
        nullable=ref.nullable,
        storage=storage,
        nullable_elements=_nullable_elements(ref, args, storage, oblivious),
    )


def _writes_argument(ref: TypeRef, position: int) -> bool:
    return ref.kind in ("list", "array", "set") or (ref.kind == "dict" and position == 1)


def _nullable_elements(ref: TypeRef, args: Tuple[TypeRef, ...], storage: StorageType, oblivious: bool) -> bool:
    """A null element (dictionary value) is written as NULL into an L (M); a set holds none."""
    if ref.kind not in COLLECTION_KINDS or storage not in ("L", "M"):
        return False
    element = args[-1]
    return element.nullable or (oblivious and element.kind in REFERENCE_KINDS)


def _storage(ref: TypeRef, args: Tuple[TypeRef, ...], conversion: Conversion, problems: List[Problem]) -> StorageType:
    """What .NET writes for `ref`, whose `args` have their storage decided already."""
    kind = ref.kind
    if kind in _SCALAR_STORAGE:
        return _SCALAR_STORAGE[kind]
    if kind == "bool":
        return "N" if conversion == "V1" else "BOOL"
    if kind in ("datetimeoffset", "timespan"):
        problems.append(
            Problem(
                f"{ref.csharp} has no converter in the .NET SDK",
                "add [DynamoDBProperty(typeof(YourConverter))] or store DateTime/long",
            )
        )
        return "ANY"
    if kind == "enum":
        if ref.nullable:
            problems.append(
                Problem(
                    f"Nullable<enum> `{ref.csharp}` is unsupported by the .NET SDK (no converter)",
                    "use a non-nullable enum, an int?, or a converter",
                )
            )
        return "N"
    if kind in ("list", "array", "set"):
        return _collection_storage(ref, args[0], conversion, problems)
    if kind == "dict":
        return _dictionary_storage(args[0], problems)
    if kind == "model":
        return "M"
    if kind == "typeparam":
        return "ANY"  # what .NET stores depends on each closed use (`Entity<Guid>`: S)
    return _unknown_storage(ref, problems)


def _collection_storage(ref: TypeRef, element: TypeRef, conversion: Conversion, problems: List[Problem]) -> StorageType:
    set_type = _SET_OF.get(element.kind) if not element.nullable else None
    if ref.kind == "array" and element.kind == "bytes":
        set_type = None  # byte[][] is not a registered primitive collection (List<byte[]> is)
    if set_type is None:
        return "L"
    if ref.kind == "set" and element.kind == "bool" and conversion == "V2":
        problems.append(
            Problem("HashSet<bool> cannot be stored under conversion V2 (BOOL is not a set member)", "use List<bool>")
        )
        return "ANY"
    if ref.kind == "set" or conversion == "V1":
        return set_type
    return "L"


def _dictionary_storage(key: TypeRef, problems: List[Problem]) -> StorageType:
    if key.kind != "string":
        problems.append(
            Problem(
                f"dictionary key type {key.csharp} is unsupported (keys must be string)", "use Dictionary<string, T>"
            )
        )
        return "ANY"
    return "M"


def _unknown_storage(ref: TypeRef, problems: List[Problem]) -> StorageType:
    name = _strip_namespace(ref.csharp.split("<", 1)[0].rstrip("?"))
    if name == "S3Link":
        return "S"
    if name.endswith("]"):  # the arrays `type_ref` leaves unknown: multi-dimensional ones
        problems.append(
            Problem(
                f"multi-dimensional array {ref.csharp} cannot be stored by the .NET SDK",
                "use a jagged array (int[][]) or List<List<T>>",
            )
        )
    elif name in _INTERFACE_HINTS:
        problems.append(Problem(f"{ref.csharp} is unsupported by the .NET SDK", _INTERFACE_HINTS[name]))
    elif name in ("object", "Object", "dynamic"):
        problems.append(
            Problem(
                f"{ref.csharp} cannot be stored (no converter, not instantiable)",
                "declare a concrete type or add a converter",
            )
        )
    elif ref.ref is not None:
        problems.append(
            Problem(
                f"{ref.csharp} is a struct or interface, which the SDK cannot instantiate",
                "use a class with a public parameterless constructor, or a converter",
            )
        )
    else:
        problems.append(
            Problem(
                f"type {ref.csharp} is not declared in the given sources",
                "include the file that declares it, or add a converter",
            )
        )
    return "ANY"


def _strip_namespace(name: str) -> str:
    for prefix in _NAMESPACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name
