"""Reachability over a dependency relation, shared by the generator and the build tools."""

from __future__ import annotations

from typing import Callable, Hashable, Iterable, Set, TypeVar

Node = TypeVar("Node", bound=Hashable)


def reachable(root: Node, neighbours: Callable[[Node], Iterable[Node]]) -> Set[Node]:
    """`root` and everything reachable from it (cycles allowed: C# files may depend on each other)."""
    return reachable_from((root,), neighbours)


def reachable_from(roots: Iterable[Node], neighbours: Callable[[Node], Iterable[Node]]) -> Set[Node]:
    """The `roots` and everything reachable from any of them, each node visited once."""
    seen = set(roots)
    pending = list(seen)
    while pending:
        for neighbour in neighbours(pending.pop()):
            if neighbour not in seen:
                seen.add(neighbour)
                pending.append(neighbour)
    return seen
