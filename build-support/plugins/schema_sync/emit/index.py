"""`IRIndex`: name lookups over one SchemaIR, shared by every emitter of a run.

Lookup only: checking that an IR may be emitted is `emit.validation`'s, called by the entry points.
"""

from __future__ import annotations

import weakref
from typing import Any, Callable, Dict, Hashable, Iterable, List, Optional, Tuple, TypeVar

from schema_sync.emit.errors import Position
from schema_sync.graph import reachable
from schema_sync.ir import Attribute, Enum, Model, SchemaIR, type_refs

Answer = TypeVar("Answer")


class IRIndex:
    """Name lookups over one SchemaIR (types are referenced by full name, bases by simple name).

    Lookups are memoised: emitters ask the same questions per file, per model and per attribute,
    and the IR is immutable."""

    # The live index of each IR, by identity: the four emitters of one `generate` share one index
    # (and its memos) while the caller holds it. An index holds its IR, so an id is not reused
    # while its entry exists, and the entry goes when the last holder drops the index.
    _live: "weakref.WeakValueDictionary[int, IRIndex]" = weakref.WeakValueDictionary()

    @classmethod
    def of(cls, ir: SchemaIR) -> IRIndex:
        index = cls._live.get(id(ir))
        if index is None:
            index = cls._live[id(ir)] = cls(ir)
        return index

    def __init__(self, ir: SchemaIR) -> None:
        self.ir = ir
        self.models: Dict[str, Model] = {m.full_name: m for m in ir.models}
        self.enums: Dict[str, Enum] = {e.full_name: e for e in ir.enums}
        self.source_hashes: Dict[str, str] = {s.path: s.sha256 for s in ir.sources}
        # Grouped once: emitters ask per file and per model, so scanning the IR each time would
        # make emitting a whole tree quadratic in its size.
        self._models_by_file = _grouped(ir.models, lambda m: m.file, lambda m: (m.line, m.col, m.name))
        self._enums_by_file = _grouped(ir.enums, lambda e: e.file, lambda e: (e.line, e.col, e.name))
        self._models_by_name = _grouped(ir.models, lambda m: m.name, lambda m: m.full_name)
        self._enums_by_name = _grouped(ir.enums, lambda e: e.name, lambda e: e.full_name)
        self._model_for: Dict[str, Optional[Model]] = {}
        self._enum_for: Dict[str, Optional[Enum]] = {}
        self._base_of: Dict[int, Optional[Model]] = {}  # by id(model): the index holds its IR
        self._referenced_files: Dict[str, List[str]] = {}
        self._files_needed: Dict[str, Tuple[str, ...]] = {}
        self._answers: Dict[Tuple[str, Hashable], Any] = {}

    def model_for(self, ref: str) -> Optional[Model]:
        """The model a TypeRef names. Nested C# types are referenced as `Ns.Outer.Inner` while
        the model records namespace `Ns` and name `Inner`, so fall back to that shape."""
        if ref not in self._model_for:
            self._model_for[ref] = self.models.get(ref) or _nested_match(self._models_by_name, ref)
        return self._model_for[ref]

    def enum_for(self, ref: str) -> Optional[Enum]:
        if ref not in self._enum_for:
            self._enum_for[ref] = self.enums.get(ref) or _nested_match(self._enums_by_name, ref)
        return self._enum_for[ref]

    def memoised(self, question: str, subject: Hashable, answer: Callable[[], Answer]) -> Answer:
        """An emitter's `question` about a file path (e.g. its class names) or about an IR object
        by `id()` (the index holds its IR, so such an id is not reused), computed once per index."""
        key = (question, subject)
        if key not in self._answers:
            self._answers[key] = answer()
        found: Answer = self._answers[key]
        return found

    def files(self) -> List[str]:
        """Every C# file that declares a model or an enum, sorted."""
        return sorted(set(self._models_by_file) | set(self._enums_by_file))

    def models_in(self, path: str) -> List[Model]:
        return list(self._models_by_file.get(path, ()))

    def enums_in(self, path: str) -> List[Enum]:
        return list(self._enums_by_file.get(path, ()))

    def base_of(self, model: Model) -> Optional[Model]:
        """The base model, preferring one in the same namespace when the simple name is ambiguous."""
        if model.base is None:
            return None
        if id(model) not in self._base_of:
            candidates = sorted(
                (m for m in self._models_by_name.get(model.base, ()) if m is not model),
                key=lambda m: (m.namespace != model.namespace, m.full_name),
            )
            self._base_of[id(model)] = candidates[0] if candidates else None
        return self._base_of[id(model)]

    def table_models(self) -> List[Model]:
        return sorted((m for m in self.ir.models if m.table), key=lambda m: (m.table or "", m.full_name))

    def referenced_files(self, path: str) -> List[str]:
        """`path` plus every file its models depend on (bases, enums, nested types), transitively."""
        if path not in self._referenced_files:
            self._referenced_files[path] = sorted(reachable(path, self._files_needed_by))
        return list(self._referenced_files[path])

    def _files_needed_by(self, path: str) -> Tuple[str, ...]:
        if path not in self._files_needed:
            self._files_needed[path] = tuple(sorted(
                {file for model in self.models_in(path) for file in self._direct_dependency_files(model)}
            ))
        return self._files_needed[path]

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


Declared = TypeVar("Declared", Model, Enum)


def _grouped(
    items: Iterable[Declared], key: Callable[[Declared], str], order: Callable[[Declared], Any]
) -> Dict[str, Tuple[Declared, ...]]:
    grouped: Dict[str, List[Declared]] = {}
    for item in items:
        grouped.setdefault(key(item), []).append(item)
    return {name: tuple(sorted(found, key=order)) for name, found in grouped.items()}


def _nested_match(by_name: Dict[str, Tuple[Declared, ...]], ref: str) -> Optional[Declared]:
    """`Ns.Outer.Inner` -> the first (by full name) type named `Inner` in namespace `Ns`."""
    simple = ref.rsplit(".", 1)[-1]
    return next((d for d in by_name.get(simple, ()) if ref.startswith(d.namespace + ".")), None)


def declaring_file(index: IRIndex, model: Model, attribute: Attribute) -> str:
    """The file that declares `attribute` of `model` (a base model's, for an inherited member):
    where its `line`/`col` point."""
    current: Optional[Model] = model
    while current is not None:
        if current.name == attribute.declared_in:
            return current.file
        current = index.base_of(current)
    return model.file


def location(index: IRIndex, model: Model, attribute: Optional[Attribute] = None) -> Position:
    """Where `attribute` is declared (a base model's file, for an inherited one), else the model."""
    if attribute is None:
        return Position(model.file, model.line, model.col)
    return Position(declaring_file(index, model, attribute), attribute.line, attribute.col)
