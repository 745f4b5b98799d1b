"""What every emitter shares: looking types up in the IR, input hashes, headers, safe text.

Nothing here knows an output format beyond "a comment line".
"""

from __future__ import annotations

import hashlib
from typing import Dict, Iterable, List, Optional, Set, Tuple

from schema_sync.ir import Enum, Model, SchemaIR, TypeRef

GENERATOR = "schema_sync"


class EmitError(Exception):
    """The IR cannot be emitted (e.g. two C# files map to one output). Nothing is written."""


class IRIndex:
    """Name lookups over one SchemaIR (types are referenced by full name, bases by simple name)."""

    def __init__(self, ir: SchemaIR) -> None:
        self.ir = ir
        self.models: Dict[str, Model] = {m.full_name: m for m in ir.models}
        self.enums: Dict[str, Enum] = {e.full_name: e for e in ir.enums}
        self.source_hashes: Dict[str, str] = {s.path: s.sha256 for s in ir.sources}

    def model_for(self, ref: str) -> Optional[Model]:
        """The model a TypeRef names. Nested C# types are referenced as `Ns.Outer.Inner` while
        the model records namespace `Ns` and name `Inner`, so fall back to that shape."""
        found = self.models.get(ref)
        if found is not None:
            return found
        nested = sorted(
            (m for m in self.ir.models if ref.startswith(m.namespace + ".") and ref.endswith("." + m.name)),
            key=lambda m: m.full_name,
        )
        return nested[0] if nested else None

    def enum_for(self, ref: str) -> Optional[Enum]:
        found = self.enums.get(ref)
        if found is not None:
            return found
        nested = sorted(
            (e for e in self.ir.enums if ref.startswith(e.namespace + ".") and ref.endswith("." + e.name)),
            key=lambda e: e.full_name,
        )
        return nested[0] if nested else None

    def files(self) -> List[str]:
        """Every C# file that declares a model or an enum, sorted."""
        return sorted({m.file for m in self.ir.models} | {e.file for e in self.ir.enums})

    def models_in(self, path: str) -> List[Model]:
        return sorted((m for m in self.ir.models if m.file == path), key=lambda m: (m.line, m.col, m.name))

    def enums_in(self, path: str) -> List[Enum]:
        return sorted((e for e in self.ir.enums if e.file == path), key=lambda e: (e.line, e.col, e.name))

    def base_of(self, model: Model) -> Optional[Model]:
        """The base model, preferring one in the same namespace when the simple name is ambiguous."""
        if model.base is None:
            return None
        candidates = sorted(
            (m for m in self.ir.models if m.name == model.base and m is not model),
            key=lambda m: (m.namespace != model.namespace, m.full_name),
        )
        return candidates[0] if candidates else None

    def table_models(self) -> List[Model]:
        return sorted((m for m in self.ir.models if m.table), key=lambda m: (m.table or "", m.full_name))

    def referenced_files(self, path: str) -> List[str]:
        """`path` plus every file its models depend on (bases, enums, nested types), transitively."""
        seen: Set[str] = set()
        pending = [path]
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            for model in self.models_in(current):
                pending.extend(self._direct_dependency_files(model))
        return sorted(seen)

    def _direct_dependency_files(self, model: Model) -> Iterable[str]:
        base = self.base_of(model)
        if base is not None:
            yield base.file
        for attribute in model.attributes:
            for ref in type_refs(attribute.type):
                nested, enum = self.model_for(ref), self.enum_for(ref)
                if nested is not None:
                    yield nested.file
                if enum is not None:
                    yield enum.file

    def inputs_sha256(self, paths: Iterable[str]) -> str:
        """sha256 over the (path, content sha256) of the given C# files, order-independent."""
        digest = hashlib.sha256()
        for path in sorted(set(paths)):
            digest.update(f"{path}\0{self.source_hashes.get(path, '')}\n".encode())
        return digest.hexdigest()


def type_refs(type_ref: TypeRef) -> Iterable[str]:
    """Full names of the enums/models a type mentions, including inside generic arguments."""
    if type_ref.ref is not None and type_ref.kind in ("enum", "model"):
        yield type_ref.ref
    for arg in type_ref.args:
        yield from type_refs(arg)


def single_line(text: str) -> str:
    """Text safe for a one-line comment in any output language: controls and line breaks escaped."""
    out: List[str] = []
    for char in text:
        if char.isprintable() and char not in "\\":
            out.append(char)
        else:
            out.append(char.encode("unicode_escape").decode("ascii") if char != "\\" else "\\\\")
    # Closing sequences of block comments in the languages we write (TS `*/`).
    return "".join(out).replace("*/", "*\\/")


def header_lines(sources: Iterable[str], inputs_sha256: str, dependencies: Iterable[str] = ()) -> List[str]:
    """The provenance header (without comment markers) every generated file starts with.

    `sources` are the files the output is generated from; `dependencies` the other files whose
    content it depends on (base classes, enums, nested types). The hash covers both.
    """
    primary = sorted(set(sources))
    lines = [f"Generated by {GENERATOR} from C# data models. Do not edit: change the C# source."]
    lines.extend(f"source: {single_line(path)}" for path in primary)
    lines.extend(f"depends on: {single_line(path)}" for path in sorted(set(dependencies) - set(primary)))
    lines.append(f"inputs sha256: {inputs_sha256}")
    return lines


def sorted_unique(values: Iterable[str]) -> Tuple[str, ...]:
    return tuple(sorted(set(values)))
