"""File -> file dependencies between C# sources, from parsed syntax alone.

Used by the Pants plugin's dependency inference (a model whose base class, enum or constant
lives in another file depends on that file), and usable by any other build tool.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, Iterable, Mapping, Optional, Set, Tuple

from schema_sync.csharp.syntax import FileSyntax, UsingSyntax


@dataclass(frozen=True)
class SymbolIndex:
    """Type full name -> paths of the files declaring it (several for partial classes)."""

    declared_in: Mapping[str, FrozenSet[str]]
    # Last dotted segment -> full names, so a reference is matched without scanning every type.
    by_simple_name: Mapping[str, Tuple[str, ...]]
    # `global using`s apply to every file of the compilation, so every file depends on the files
    # declaring them.
    global_usings: Tuple[UsingSyntax, ...] = ()
    global_using_files: FrozenSet[str] = frozenset()


def build_symbol_index(files: Iterable[FileSyntax]) -> SymbolIndex:
    declared: Dict[str, Set[str]] = defaultdict(set)
    global_usings: Dict[UsingSyntax, None] = {}
    global_using_files: Set[str] = set()
    for syntax in files:
        for full_name in syntax.declared_type_names:
            declared[full_name].add(syntax.path)
        for lost in syntax.lost:  # broken, but the files naming it still depend on this file
            if lost.kind not in ("member", "attributes") and lost.name:
                declared[lost.name].add(syntax.path)
        for using in syntax.usings:
            if using.is_global:
                global_usings[using] = None
                global_using_files.add(syntax.path)
    by_simple: Dict[str, Set[str]] = defaultdict(set)
    for full_name in declared:
        by_simple[full_name.rsplit(".", 1)[-1]].add(full_name)
    return SymbolIndex(
        declared_in={name: frozenset(paths) for name, paths in declared.items()},
        by_simple_name={name: tuple(sorted(full)) for name, full in by_simple.items()},
        global_usings=tuple(global_usings),
        global_using_files=frozenset(global_using_files),
    )


def _usings(syntax: FileSyntax, index: SymbolIndex) -> Tuple[UsingSyntax, ...]:
    return (*syntax.usings, *index.global_usings)


def _namespaces_in_scope(syntax: FileSyntax, usings: Tuple[UsingSyntax, ...]) -> Set[str]:
    """The file's namespaces, their parents, and `using` targets: where C# looks a name up."""
    scope = {""}
    for namespace in syntax.namespaces:
        parts = namespace.split(".")
        scope.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    scope.update(using.target for using in usings if not using.alias)
    return scope


def _unaliased(reference: str, usings: Tuple[UsingSyntax, ...]) -> str:
    """`Alias.Rest` -> `Target.Rest` for `using Alias = Target;`."""
    head, dot, rest = reference.partition(".")
    target = next((u.target for u in usings if u.alias == head), None)
    return f"{target}{dot}{rest}" if target is not None else reference


def _candidates(reference: str, index: SymbolIndex) -> Tuple[str, ...]:
    simple = reference.rsplit(".", 1)[-1]
    return tuple(
        full
        for full in index.by_simple_name.get(simple, ())
        if full == reference or full.endswith("." + reference)
    )


def referenced_files(
    syntax: FileSyntax, index: SymbolIndex, may_guess: Optional[Callable[[str], bool]] = None
) -> Tuple[str, ...]:
    """Files (other than this one) declaring types this file references, or other parts of the
    partial types it declares (their members are the same type's members), sorted.

    Where a name matches types in several namespaces, those visible from the file win; if that
    still leaves several, all are kept: an extra dependency costs a rebuild, a missing one a
    stale build. Where none is visible (a `using` the project file adds, which the C# does not
    show), every match is kept, or with `may_guess` only those in the files it accepts (a build
    tool: the same .NET project's, since another project's types need a `using` to be seen).
    """
    usings = _usings(syntax, index)
    scope = _namespaces_in_scope(syntax, usings)
    paths: Set[str] = set(index.global_using_files)
    for written in syntax.referenced_type_names:
        reference = _unaliased(written, usings)
        candidates = _candidates(reference, index)
        visible = [c for c in candidates if c.rsplit(".", 1)[0] in scope or c == reference]
        for full_name in visible:
            paths.update(index.declared_in[full_name])
        if not visible:
            paths.update(p for c in candidates for p in index.declared_in[c] if may_guess is None or may_guess(p))
    for declared in syntax.declared_type_names:
        paths.update(index.declared_in.get(declared, ()))
    paths.discard(syntax.path)
    return tuple(sorted(paths))
