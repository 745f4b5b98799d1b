"""Syntax facts: what a C# file says, with no knowledge of DynamoDB or the .NET SDK.

`parse` produces these from tree-sitter trees; `resolve` turns many of them into the IR.
Everything is a frozen dataclass so a FileSyntax can be cached and shared safely.
Lines and columns are 1-based; columns count UTF-8 bytes (what tree-sitter reports).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Tuple

from schema_sync.ir import Diagnostic

# C# keywords that name built-in types; they never refer to a declaration in another file.
PREDEFINED_TYPES = frozenset(
    {
        "bool",
        "byte",
        "sbyte",
        "char",
        "decimal",
        "double",
        "float",
        "int",
        "uint",
        "nint",
        "nuint",
        "long",
        "ulong",
        "short",
        "ushort",
        "object",
        "string",
        "void",
        "dynamic",
    }
)


@dataclass(frozen=True)
class Location:
    line: int
    col: int


@dataclass(frozen=True)
class TypeSyntax:
    """A type as written. Arrays are `name="[]"` with the element as the only arg.

    `name` is the dotted name without type arguments (`List`, `System.Guid`, `int`);
    kind "other" covers tuples, pointers and anything the grammar gives us we do not model.
    """

    name: str
    text: str
    args: Tuple[TypeSyntax, ...] = ()
    nullable: bool = False  # written with a trailing `?`
    # "named" | "array" | "other"; "typeparam" is made by resolve, never by parse: a generic
    # definition's own type parameter (`T` inside `class Entity<T>`), left open.
    kind: str = "named"


@dataclass(frozen=True)
class Expr:
    """An expression reduced to what resolve needs; `text` is always the raw source.

    kind: "string" (value = decoded text) | "int" | "float" (value = literal text, suffix kept)
    | "bool" | "null" | "char" | "name" (value = dotted name, e.g. `TableNames.Goals`)
    | "nameof" (value = dotted target) | "typeof" (value = type text) | "binary" (value = operator,
    parts = (left, right)) | "unary" (value = operator, parts = (operand,)) | "cast" (value = type
    text, parts = (operand,)) | "new" (value = type
    text, "" for `new()`; parts = constructor args) | "collection" (`[]`, `new[] {...}`, arrays)
    | "invocation" (value = callee text, parts = args) | "default" | "interpolated" | "other"
    """

    kind: str
    text: str
    value: str | None = None
    parts: Tuple[Expr, ...] = ()


@dataclass(frozen=True)
class AttributeSyntax:
    name: str  # as written, without a trailing `Attribute` suffix stripped (resolve normalises)
    positional: Tuple[Expr, ...]
    named: Tuple[Tuple[str, Expr], ...]
    location: Location

    def named_arg(self, key: str) -> Expr | None:
        for name, expr in self.named:
            if name == key:
                return expr
        return None


@dataclass(frozen=True)
class MemberSyntax:
    """A field, property or indexer of a type (methods, events and constructors are not members)."""

    kind: str  # "property" | "field" | "indexer"
    name: str
    type: TypeSyntax
    modifiers: Tuple[str, ...]
    attributes: Tuple[AttributeSyntax, ...]
    location: Location
    has_getter: bool = False
    has_setter: bool = False  # `set` or `init`, any accessibility
    initializer: Expr | None = None
    nullable_context: bool | None = None  # `#nullable` annotations state; None = project default
    explicit_interface: bool = False  # `string IFoo.Bar { get; set; }`
    doc: str | None = None
    # A record's positional parameter (a property the compiler generates): the attributes written
    # on it without the `property:` target, which apply to the parameter, not to the property.
    parameter_attributes: Tuple[AttributeSyntax, ...] = ()

    @property
    def is_static(self) -> bool:
        return "static" in self.modifiers or "const" in self.modifiers


@dataclass(frozen=True)
class ConstantSyntax:
    """A `const` field (only constants can appear in attribute arguments)."""

    name: str
    type: TypeSyntax
    value: Expr
    location: Location


@dataclass(frozen=True)
class EnumMemberSyntax:
    name: str
    value: Expr | None
    location: Location
    doc: str | None = None


@dataclass(frozen=True)
class ConstructorSyntax:
    """A constructor; a primary constructor (`record R(string Id)`, `class C()`) included."""

    modifiers: Tuple[str, ...]
    parameter_types: Tuple[str, ...]


@dataclass(frozen=True)
class MethodSyntax:
    """A method and the expressions its `return` statements return (lambdas and local
    functions excluded): enough to see what a simple converter produces."""

    name: str
    returns: Tuple[Expr, ...]


@dataclass(frozen=True)
class TypeDeclSyntax:
    """A class, struct, record, interface or enum. Nested types are separate entries whose
    `containing` names the enclosing types, outermost first."""

    kind: str  # "class" | "struct" | "record" | "record struct" | "interface" | "enum"
    name: str
    namespace: str
    containing: Tuple[str, ...]
    modifiers: Tuple[str, ...]
    type_parameters: Tuple[str, ...]
    bases: Tuple[TypeSyntax, ...]
    attributes: Tuple[AttributeSyntax, ...]
    members: Tuple[MemberSyntax, ...]
    constants: Tuple[ConstantSyntax, ...]
    enum_members: Tuple[EnumMemberSyntax, ...]
    constructors: Tuple[ConstructorSyntax, ...]
    location: Location
    has_primary_constructor: bool = False
    doc: str | None = None
    methods: Tuple[MethodSyntax, ...] = ()
    # A syntax error that can change what was read of the type: the first in its top-level type
    # (itself, or the type it is nested in), else the first outside every type of the file (it
    # can change a namespace or usings, or have ended a type early).
    syntax_error: Location | None = None

    def every_attribute(self) -> Iterator[AttributeSyntax]:
        """The attributes on the declaration, then those on each of its members, in order."""
        yield from self.attributes
        for member in self.members:
            yield from member.attributes

    @property
    def nested_name(self) -> str:
        """Name within its namespace: `Outer.Inner` for nested types."""
        return ".".join((*self.containing, self.name))

    @property
    def full_name(self) -> str:
        return f"{self.namespace}.{self.nested_name}" if self.namespace else self.nested_name


@dataclass(frozen=True)
class LostSyntax:
    """A declaration, or attributes, that the text has and the syntax facts do not: error
    recovery dropped it, or an unterminated `#if` hides it. Whether that matters is for resolve."""

    kind: str  # a type kind ("class", ...), "member", or "attributes" (written on nothing recovered)
    name: str  # the type's or member's name ("" for attributes)
    attributes: Tuple[str, ...]  # the attribute names written on it or inside it, as written
    location: Location
    container: str | None = None  # full name of the recovered type it is a member of
    bases: Tuple[str, ...] = ()  # a lost type's base types, as written
    cause: str = "a syntax error"  # what lost it, for messages


@dataclass(frozen=True)
class UsingSyntax:
    target: str  # namespace or type, dotted
    alias: str | None = None  # `using Alias = Target;`
    static: bool = False
    is_global: bool = False  # `global using ...;` applies to every file of the compilation


@dataclass(frozen=True)
class FileSyntax:
    path: str
    usings: Tuple[UsingSyntax, ...]
    types: Tuple[TypeDeclSyntax, ...]
    diagnostics: Tuple[Diagnostic, ...]
    # Dotted names as written (generic arguments stripped, predefined types excluded): base
    # types, member and type-argument types, constant owners (`TableNames` in `TableNames.Goals`),
    # enum owners in initialisers, `nameof`/`typeof` targets. For file->file dependency inference.
    referenced_type_names: Tuple[str, ...] = ()
    namespaces: Tuple[str, ...] = field(default=())
    lost: Tuple[LostSyntax, ...] = ()  # only in files with syntax errors or an unterminated `#if`

    @property
    def declared_type_names(self) -> Tuple[str, ...]:
        """Fully qualified names of every type declared here (nested ones as `Outer.Inner`)."""
        return tuple(sorted({t.full_name for t in self.types}))
