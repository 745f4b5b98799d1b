"""Declared types across files and C# name lookup (namespaces, usings, nesting, partials)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Set, Tuple

from schema_sync.csharp.syntax import FileSyntax, TypeDeclSyntax, UsingSyntax


@dataclass(frozen=True)
class DeclaredType:
    """A type with all its partial declarations merged (parts sorted by file, then position)."""

    full_name: str
    parts: Tuple[Tuple[str, TypeDeclSyntax], ...]  # (file path, declaration)
    # The primary part: the one carrying a base class or attributes, else the first.
    decl: TypeDeclSyntax = field(init=False, compare=False)
    file: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        file, decl = next(((f, d) for f, d in self.parts if d.bases or d.attributes), self.parts[0])
        object.__setattr__(self, "decl", decl)  # frozen: derived once, read very often
        object.__setattr__(self, "file", file)

    @property
    def name(self) -> str:
        return self.decl.name

    @property
    def namespace(self) -> str:
        return self.decl.namespace

    @property
    def kind(self) -> str:
        return self.decl.kind

    def has_modifier(self, modifier: str) -> bool:
        return any(modifier in d.modifiers for _, d in self.parts)


@dataclass(frozen=True, eq=False)
class Scope:
    """Where a name is written: its file's usings, namespace and enclosing type (full name).

    Interned by TypeIndex.scope_of, so identity is equality and hashing is cheap (scopes key
    the lookup caches)."""

    usings: Tuple[UsingSyntax, ...]
    namespace: str
    enclosing: str | None


class TypeIndex:
    def __init__(self, files: Iterable[FileSyntax]) -> None:
        grouped: Dict[str, List[Tuple[str, TypeDeclSyntax]]] = {}
        self.usings: Dict[str, Tuple[UsingSyntax, ...]] = {}
        ordered = sorted(files, key=lambda f: f.path)
        global_usings = tuple(dict.fromkeys(u for f in ordered for u in f.usings if u.is_global))
        interned: Dict[Tuple[Tuple[str, str | None, bool], ...], Tuple[UsingSyntax, ...]] = {}
        for file in ordered:
            local = tuple(u for u in file.usings if not u.is_global)
            # Files mostly share their usings: one tuple for all of them keys `_unnested_lookups`.
            # Keyed by their fields, which hash and compare in C (a UsingSyntax's do not).
            usings = local + global_usings
            key = tuple((u.target, u.alias, u.static) for u in local)
            self.usings[file.path] = interned.setdefault(key, usings)
            for decl in file.types:
                grouped.setdefault(decl.full_name, []).append((file.path, decl))
        self.types: Dict[str, DeclaredType] = {
            name: DeclaredType(name, tuple(parts) if len(parts) == 1 else tuple(sorted(parts, key=_part_order)))
            for name, parts in sorted(grouped.items())
        }
        self._scopes: Dict[Tuple[str, str], Scope] = {}
        self._decl_scopes: Dict[Tuple[str, str, Tuple[str, ...], str], Scope] = {}
        # (name, lookup class) -> result: a thousand models in one namespace, each its own scope,
        # then look each name up once, not once apiece.
        self._lookups: Dict[Tuple[str, object], DeclaredType | None] = {}
        self._lookup_classes: Dict[Scope, object] = {}
        self._by_simple_name: Dict[str, List[str]] = {}
        # Every dotted prefix of a declared type's name: `Outer.Name` can only be declared if
        # `Outer` is one of these.
        self._prefixes: Set[str] = set()
        for name, declared in self.types.items():
            self._by_simple_name.setdefault(declared.name, []).append(name)
            # `A.B` known means `A` is: types mostly share their namespace, and stop at it.
            prefix = name.rpartition(".")[0]
            while prefix and prefix not in self._prefixes:
                self._prefixes.add(prefix)
                prefix = prefix.rpartition(".")[0]

    def scope_of(self, path: str, decl: TypeDeclSyntax) -> Scope:
        # Keyed by the parts of the full name: `decl.full_name` is built anew at every call.
        key = (path, decl.namespace, decl.containing, decl.name)
        scope = self._decl_scopes.get(key)
        if scope is None:
            scope = self._decl_scopes[key] = self._scope_named(path, decl)
        return scope

    def _scope_named(self, path: str, decl: TypeDeclSyntax) -> Scope:
        """One scope per file and full name (`A.B` nesting `C` and `A.B.C` share one)."""
        key = (path, decl.full_name)
        scope = self._scopes.get(key)
        if scope is None:
            scope = self._scopes[key] = Scope(self.usings.get(path, ()), decl.namespace, decl.full_name)
        return scope

    def lookup(self, name: str, scope: Scope) -> DeclaredType | None:
        """Resolve a type name as C# would (approximately); None if not declared in the input."""
        key = (name, self.lookup_class(scope))
        if key in self._lookups:
            return self._lookups[key]
        found = self._lookups[key] = self._lookup(name, scope)
        return found

    def lookup_class(self, scope: Scope) -> object:
        """A key that scopes resolving every type name alike share: (usings, namespace) when no
        enclosing type nests types (their lookups cannot depend on it: `_candidates` tries the
        nested types of the enclosing ones first), else the scope itself. Usings are interned."""
        found = self._lookup_classes.get(scope)
        if found is None:
            nests = self._nests_types(scope.enclosing)
            found = self._lookup_classes[scope] = scope if nests else (id(scope.usings), scope.namespace)
        return found

    def _nests_types(self, enclosing: str | None) -> bool:
        """Whether a type in the chain of `enclosing` and its outer types has nested types
        (`_candidates` tries those first)."""
        while enclosing:
            if enclosing in self._prefixes:
                return True
            outer = self.types.get(enclosing)
            enclosing = _outer_type_name(outer.decl) if outer is not None else None
        return False

    def _lookup(self, name: str, scope: Scope) -> DeclaredType | None:
        name = name[len("global::") :] if name.startswith("global::") else name
        for candidate in self._candidates(name, scope):
            found = self.types.get(candidate)
            if found is not None:
                return found
        # Last resort: a unique simple-name match (covers usings we cannot see, e.g. global usings).
        matches = self._by_simple_name.get(name.rsplit(".", 1)[-1], [])
        return self.types[matches[0]] if len(matches) == 1 else None

    def _candidates(self, name: str, scope: Scope) -> Iterable[str]:
        first, _, rest = name.partition(".")
        for using in scope.usings:
            if using.alias == first:
                yield f"{using.target}.{rest}" if rest else using.target
        enclosing = scope.enclosing
        while enclosing:
            yield f"{enclosing}.{name}"
            outer = self.types.get(enclosing)
            enclosing = _outer_type_name(outer.decl) if outer is not None else None
        namespace = scope.namespace
        while namespace:
            yield f"{namespace}.{name}"
            namespace = namespace.rpartition(".")[0]
        yield name
        for using in scope.usings:
            if using.alias is None:
                yield f"{using.target}.{name}"


def _part_order(part: Tuple[str, TypeDeclSyntax]) -> Tuple[str, int]:
    return part[0], part[1].location.line


def _outer_type_name(decl: TypeDeclSyntax) -> str | None:
    if not decl.containing:
        return None
    outer = ".".join(decl.containing)
    return f"{decl.namespace}.{outer}" if decl.namespace else outer


def generic_definition(type_text: str) -> str:
    """`ListConverter<OfficeHour>` -> `ListConverter` (how declarations are indexed)."""
    return type_text.split("<", 1)[0].strip()


def ir_namespace(declared: DeclaredType) -> str:
    """The IR namespace: for nested types, the enclosing types follow the C# namespace, so that
    `Model.full_name` equals the `TypeRef.ref` that points at it."""
    return declared.full_name.rpartition(".")[0]
