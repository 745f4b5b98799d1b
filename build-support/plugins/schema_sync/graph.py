"""Reachability over a dependency relation, shared by the generator and the build tools."""

from __future__ import annotations

from typing import Callable, Hashable, Iterable, Set, TypeVar

Node = TypeVar("Node", bound=Hashable)


def reachable(root: Node, neighbours: Callable[[Node], Iterable[Node]]) -> Set[Node]:
    """`root` and everything reachable from it (cycles allowed: C# files may depend on each other)."""
    seen = {root}
    pending = [root]
    while pending:
        for neighbour in neighbours(pending.pop()):
            if neighbour not in seen:
                seen.add(neighbour)
                pending.append(neighbour)
    return seen
