"""C# types -> IR TypeRefs, and the DynamoDB storage type .NET writes for them.

Storage follows docs/ir.md and the conversion reference, section 8 (`Utils.
PrimitiveTypesCollectionsAndArray` decides which collections become sets in V1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from schema_sync.csharp.syntax import Expr, TypeSyntax
from schema_sync.ir import NUMERIC_KINDS, TypeRef
from schema_sync.resolve.symbols import DeclaredType

_SCALARS: Dict[str, str] = {
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
_COLLECTIONS = {"List": "list", "HashSet": "set", "Dictionary": "dict", "SortedDictionary": "dict"}
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
_STRING_LIKE = {"string", "char", "guid", "datetime", "dateonly", "timeonly"}
# Element kinds with a registered primitive-collection converter (Utils.PrimitiveTypesCollectionsAndArray).
_SET_OF = {
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
# Built-in SDK converters whose stored shape is known (CV/V1PropertyConverters.cs).
_KNOWN_CONVERTERS = {"BoolAsNConverter": "N"}
_SET_CONVERTERS = ("SetPropertyConverter", "ListToSetPropertyConverter")

Resolver = Callable[[str], Optional[DeclaredType]]


@dataclass(frozen=True)
class Problem:
    message: str
    hint: str | None = None


def type_ref(syntax: TypeSyntax, resolve: Resolver) -> TypeRef:
    """The IR type for a C# type (generic parameters must already be substituted)."""
    if syntax.kind == "array":
        element = type_ref(syntax.args[0], resolve)
        if syntax.name != "[]":  # `int[,]`: no converter reads or writes one (`_unknown_storage`)
            return TypeRef("unknown", syntax.text, (element,), nullable=syntax.nullable)
        if element.kind == "uint8" and not element.nullable:
            return TypeRef("bytes", syntax.text, nullable=syntax.nullable)
        return TypeRef("array", syntax.text, (element,), nullable=syntax.nullable)
    if syntax.kind == "typeparam":
        return TypeRef("typeparam", syntax.text, nullable=syntax.nullable)
    if syntax.kind != "named":
        return TypeRef("unknown", syntax.text, nullable=syntax.nullable)
    name = _strip_namespace(syntax.name)
    if name == "Nullable" and len(syntax.args) == 1:
        inner = type_ref(syntax.args[0], resolve)
        return TypeRef(inner.kind, syntax.text, inner.args, inner.ref, True)
    args = tuple(type_ref(a, resolve) for a in syntax.args)
    if name in _SCALARS and not args:
        return TypeRef(_SCALARS[name], syntax.text, nullable=syntax.nullable)
    if name in _COLLECTIONS and len(args) == (2 if _COLLECTIONS[name] == "dict" else 1):
        return TypeRef(_COLLECTIONS[name], syntax.text, args, nullable=syntax.nullable)
    declared = resolve(syntax.name) if name not in _INTERFACE_HINTS else None
    if declared is not None and declared.kind == "enum":
        return TypeRef("enum", syntax.text, ref=declared.full_name, nullable=syntax.nullable)
    if declared is not None and declared.kind in ("class", "record"):
        return TypeRef("model", syntax.text, args, declared.full_name, syntax.nullable)
    ref = declared.full_name if declared is not None else None
    return TypeRef("unknown", syntax.text, args, ref, syntax.nullable)


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


def storage(ref: TypeRef, conversion: str, resolve: Resolver) -> Tuple[str, List[Problem]]:
    """The attribute-value type .NET writes for a member of this type, plus why it cannot."""
    problems: List[Problem] = []
    result = _storage(ref, conversion, resolve, problems)
    return result, problems


def walk_refs(ref: TypeRef) -> Iterable[TypeRef]:
    """`ref` and every type argument inside it, depth first."""
    yield ref
    for arg in ref.args:
        yield from walk_refs(arg)


def converter_storage(converter: str, ref: TypeRef) -> str:
    """What a converter writes, when the converter is a built-in we know; ANY otherwise."""
    simple = converter.split("<", 1)[0].rsplit(".", 1)[-1]
    if simple in _KNOWN_CONVERTERS:
        return _KNOWN_CONVERTERS[simple]
    if simple.startswith(_SET_CONVERTERS) and ref.args:
        return _SET_OF.get(ref.args[-1].kind, "ANY")
    return "ANY"


_DOCUMENT_FACTORIES = ("Document.FromJson", "Document.FromAttributeMap")


def converter_output(returns: Sequence[Expr]) -> str | None:
    """Best effort: what a converter's `ToEntry` returns, from its `return` expressions
    (`new Primitive(s)` -> S, `new Primitive(s, true)` -> N, a string -> S, ...); None when
    unknown or when the returns disagree. `null` returns (attribute removed) are ignored."""
    kinds = {_entry_kind(expr) for expr in returns if expr.kind != "null"}
    kinds.discard("NULL")
    return kinds.pop() if len(kinds) == 1 and None not in kinds else None


def _entry_kind(expr: Expr) -> str | None:
    if expr.kind in ("string", "interpolated"):
        return "S"  # implicit string -> Primitive
    if expr.kind in ("int", "float"):
        return "N"
    if expr.kind == "invocation" and (expr.value or "").endswith(".ToString"):
        return "S"
    if expr.kind == "invocation" and _strip_namespace(expr.value or "") in _DOCUMENT_FACTORIES:
        return "M"  # static factories returning a Document, e.g. `Document.FromJson(json)`
    if expr.kind == "name":
        return {"DynamoDBBool.True": "BOOL", "DynamoDBBool.False": "BOOL", "DynamoDBNull.Null": "NULL"}.get(
            _strip_namespace(expr.value or "")
        )
    if expr.kind == "new":
        return _entry_constructor_kind(_strip_namespace((expr.value or "").split("<", 1)[0]), expr.parts)
    return None


def _entry_constructor_kind(type_name: str, args: Tuple[Expr, ...]) -> str | None:
    if type_name == "Primitive" and len(args) == 2 and args[1].kind == "bool":
        return "N" if args[1].text == "true" else "S"  # Primitive(value, saveAsNumeric)
    if type_name == "Primitive" and len(args) == 1:
        is_binary = args[0].kind == "collection" or args[0].text.endswith(".ToArray()")
        return "B" if is_binary else "S"
    return {"DynamoDBBool": "BOOL", "DynamoDBList": "L", "Document": "M", "DynamoDBNull": "NULL"}.get(type_name)


def _storage(ref: TypeRef, conversion: str, resolve: Resolver, problems: List[Problem]) -> str:
    kind = ref.kind
    if kind in ("datetimeoffset", "timespan"):
        problems.append(
            Problem(
                f"{ref.csharp} has no converter in the .NET SDK",
                "add [DynamoDBProperty(typeof(YourConverter))] or store DateTime/long",
            )
        )
        return "ANY"
    if kind == "bool":
        return "N" if conversion == "V1" else "BOOL"
    if kind in _STRING_LIKE:
        return "S"
    if kind in NUMERIC_KINDS:
        return "N"
    if kind in ("bytes", "memorystream"):
        return "B"
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
        return _collection_storage(ref, conversion, resolve, problems)
    if kind == "dict":
        if ref.args[0].kind != "string":
            problems.append(
                Problem(
                    f"dictionary key type {ref.args[0].csharp} is unsupported (keys must be string)",
                    "use Dictionary<string, T>",
                )
            )
        _storage(ref.args[1], conversion, resolve, problems)
        return "M"
    if kind == "model":
        return "M"
    if kind == "typeparam":
        return "ANY"  # what .NET stores depends on each closed use (`Entity<Guid>`: S)
    return _unknown_storage(ref, problems)


def _collection_storage(ref: TypeRef, conversion: str, resolve: Resolver, problems: List[Problem]) -> str:
    element = ref.args[0]
    _storage(element, conversion, resolve, problems)
    set_type = _SET_OF.get(element.kind) if not element.nullable else None
    if ref.kind == "array" and element.kind == "bytes":
        set_type = None  # byte[][] is not a registered primitive collection
    if set_type is None:
        return "L"
    if ref.kind == "set" and element.kind == "bool" and conversion == "V2":
        problems.append(
            Problem("HashSet<bool> cannot be stored under conversion V2 (BOOL is not a set member)", "use List<bool>")
        )
    if ref.kind == "set" or conversion == "V1":
        return set_type
    return "L"


def _unknown_storage(ref: TypeRef, problems: List[Problem]) -> str:
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
