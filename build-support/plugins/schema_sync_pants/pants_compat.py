"""Backports of Pants fixes that this backend's scale depends on, applied when the backend loads.

Each one checks for the bug first, so it turns itself off on a Pants that has the fix.
"""

from __future__ import annotations

from pants.engine.fs import CreateDigest, FileContent


def _hash_ignores_contents() -> bool:
    return hash(CreateDigest([FileContent("a", b"")])) == hash(CreateDigest([FileContent("b", b"")]))


def backport_create_digest_hash() -> None:
    """pantsbuild/pants#18250 (fixed after 2.17): `Collection.__hash__` is `typing.Tuple.__hash__`,
    a bound method of `typing.Tuple` that ignores the instance, so every `CreateDigest` hashes
    alike. The engine interns each `Get(Digest, CreateDigest(...))` by hash and equality, so with
    one digest per generated target each new one was compared with every earlier one: quadratic,
    ~1.4 s of a cold 1,000-model `export-codegen` (docs/benchmarks.md). Hashing the contents is
    consistent with `Collection.__eq__` (equal only if the tuples are equal)."""
    if _hash_ignores_contents():
        CreateDigest.__hash__ = tuple.__hash__  # type: ignore[assignment]
