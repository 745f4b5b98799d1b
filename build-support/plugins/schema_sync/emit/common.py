"""What every emitter shares: looking types up in the IR, input hashes, headers, safe text.

Nothing here knows an output format beyond "a comment line".
"""

from __future__ import annotations

import functools
import hashlib
import weakref
from dataclasses import dataclass
from typing import Any, Callable, Dict, Hashable, Iterable, List, Mapping, NamedTuple, Optional, Tuple, TypeVar

from schema_sync.emit import limits
from schema_sync.emit.naming import output_stems
from schema_sync.graph import reachable
from schema_sync.ir import NUMERIC_KINDS, Attribute, Enum, Model, SchemaIR, TypeRef, type_refs
from schema_sync.options import Options

# TypeRef kinds that are .NET reference types: with no initialiser such a member starts as null.
REFERENCE_KINDS = frozenset({"string", "bytes", "memorystream", "list", "array", "set", "dict", "model"})

GENERATOR = "schema_sync"


class EmitError(Exception):
    """The IR cannot be emitted (e.g. two C# files map to one output). Nothing is written."""


Answer = TypeVar("Answer")


class IRIndex:
    """Name lookups over one SchemaIR (types are referenced by full name, bases by simple name).

    Every emitter starts here (`IRIndex.of`), so this is also where an IR that must not be
    emitted is refused: one with a stored attribute name that lenient extraction could not
    resolve. Lookups are memoised: emitters ask the same questions per file, per model and per
    attribute, and the IR is immutable."""

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
        refuse_unresolved_names(ir)
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
        refuse_unstorable_items(self)

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
            self._files_needed[path] = sorted_unique(
                file for model in self.models_in(path) for file in self._direct_dependency_files(model)
            )
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

    def file_header(self, path: str) -> List[str]:
        """`header_lines` of an output generated from the C# file `path` alone (do not modify)."""
        return self.header((path,))

    def header(self, sources: Tuple[str, ...]) -> List[str]:
        """`header_lines` of an output generated from the C# files `sources`, the files they
        depend on included: the same for every emitter that writes such an output, so built
        once per index (do not modify)."""
        def build() -> List[str]:
            inputs = sorted({f for source in sources for f in self.referenced_files(source)})
            return header_lines(sources, self.inputs_sha256(inputs), inputs)

        return self.memoised("header", sources, build)

    def inputs_sha256(self, paths: Iterable[str]) -> str:
        """sha256 over the (path, content sha256) of the given C# files, order-independent."""
        # One update of the joined records: the same digest as one update per record, cheaper.
        records = "".join(f"{path}\0{self.source_hashes.get(path, '')}\n" for path in sorted(set(paths)))
        return hashlib.sha256(records.encode()).hexdigest()


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


def single_line(text: str) -> str:
    """Text safe for a one-line comment in any output language: controls and line breaks escaped."""
    if text.isprintable() and "\\" not in text:
        return text.replace("*/", "*\\/")  # nothing to escape: the common case, without the loop
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


# -- the stored shape of a type (conversion reference sections 2-3), for TS and JSON Schema -------

_STRING_LIKE = frozenset({"string", "char", "guid", "datetime", "dateonly", "timeonly"})
_SET_TAGS = {**{k: "SS" for k in ("string", "char", "guid", "datetime")}, "bytes": "BS", "memorystream": "BS"}
_NUMERIC = frozenset({"int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
                      "float32", "float64", "decimal"})


@dataclass(frozen=True)
class Wire:
    """What .NET writes for a type: tag S|N|B|BOOL|SS|NS|BS|L|M|MAP|ANY (MAP = a Dictionary's M).

    `kind` is the IR scalar kind for S/N/B (formats), `ref` the enum/model full name, `element`
    the element (L, sets) or value (MAP) shape, `nullable_elements` whether those may be NULL.
    """

    tag: str
    kind: Optional[str] = None
    ref: Optional[str] = None
    element: Optional[Wire] = None
    nullable_elements: bool = False


_ANY = Wire("ANY")


def oblivious_member(attribute: Attribute) -> bool:
    """True when a collection member is declared where C# has no nullable annotations (`#nullable
    disable`, the default): the IR makes a reference-type member nullable there although its type
    has no `?` (resolve/members.py), and such a member's reference-type elements may be null too."""
    return attribute.nullable and not attribute.type.nullable and attribute.type.kind in REFERENCE_KINDS


_SET_MEMBER_REFERENCE_KINDS = frozenset({"string", "bytes", "memorystream"})


def element_may_hold_null(element: TypeRef, container: TypeRef, oblivious: bool, conversion: str) -> bool:
    """True when .NET may hold null in this dictionary value or list element and write it as `NULL`:
    declared `T?`, or a reference type in oblivious code, unless the runtime stores the collection as
    a set (SS/BS: strings and byte arrays in a HashSet, or in a List or array under V1 but byte[][]).
    The one rule every emitter reads (Python's Optional, TypeScript's `| null`, JSON Schema's NULL)."""
    if element.nullable:
        return True
    if not oblivious or element.kind not in REFERENCE_KINDS:
        return False
    if container.kind == "dict" or element.kind not in _SET_MEMBER_REFERENCE_KINDS:
        return True
    in_set = container.kind == "set" or conversion == "V1"
    return not in_set or (container.kind == "array" and element.kind != "string")


def wire_type(type_ref: TypeRef, conversion: str, *, epoch: Optional[str] = None,
              converter: Optional[str] = None, top_level: bool = True, oblivious: bool = False) -> Wire:
    """The stored shape of `type_ref` under `conversion`, mirroring the generated runtime codec;
    `oblivious`: declared without nullable annotations (`oblivious_member`)."""
    if converter:
        return _ANY  # the converter decides; only its C# source knows
    return _plain_wire(type_ref, conversion, bool(epoch) and top_level, oblivious)


# Emitters ask per attribute, and a tree has few distinct (type, conversion) pairs; a Wire is
# immutable, so one instance serves every attribute of that type.
@functools.lru_cache(maxsize=1 << 12)
def _plain_wire(type_ref: TypeRef, conversion: str, epoch: bool, oblivious: bool = False) -> Wire:
    """`wire_type` of a member without a converter; `epoch`: a top-level [StoreAsEpoch] member."""
    kind = type_ref.kind
    if kind == "datetime" and epoch:
        return Wire("N", kind="epoch")
    if kind in _STRING_LIKE:
        return Wire("S", kind=kind)
    if kind in _NUMERIC:
        return Wire("N", kind=kind)
    if kind == "bool":
        return Wire("BOOL" if conversion == "V2" else "N", kind="bool")
    if kind in ("bytes", "memorystream"):
        return Wire("B", kind="bytes")
    if kind == "enum" and type_ref.ref:
        return Wire("N", kind="enum", ref=type_ref.ref)
    if kind == "model" and type_ref.ref:
        return Wire("M", ref=type_ref.ref)
    if kind == "dict" and len(type_ref.args) == 2 and type_ref.args[0].kind == "string":
        value = type_ref.args[1]
        nullable = element_may_hold_null(value, type_ref, oblivious, conversion)
        return Wire("MAP", element=_plain_wire(value, conversion, False, oblivious), nullable_elements=nullable)
    if kind in ("list", "array", "set") and len(type_ref.args) == 1:
        return _sequence_wire(type_ref, conversion, oblivious)
    return _ANY


def _sequence_wire(type_ref: TypeRef, conversion: str, oblivious: bool) -> Wire:
    element = type_ref.args[0]
    element_wire = _plain_wire(element, conversion, False, oblivious)
    primitive = element.kind in _SET_TAGS or element.kind in _NUMERIC or element.kind == "bool"
    array_of_bytes = type_ref.kind == "array" and _SET_TAGS.get(element.kind) == "BS"
    if primitive and not element.nullable and not array_of_bytes and (type_ref.kind == "set" or conversion == "V1"):
        if element.kind == "bool" and conversion == "V2":
            return _ANY  # HashSet<bool> cannot be stored under V2
        scalar = Wire("N", kind="bool") if element.kind == "bool" else element_wire
        return Wire(_SET_TAGS.get(element.kind, "NS"), element=scalar)
    nullable = element_may_hold_null(element, type_ref, oblivious, conversion)
    return Wire("L", element=element_wire, nullable_elements=nullable)


def attribute_wire(attribute: Attribute, conversion: str) -> Wire:
    if attribute.converter and attribute.storage in ("S", "N", "B", "BOOL"):
        # The resolver read the converter's ToEntry: its scalar type is known, its format is not.
        return Wire(attribute.storage, kind="converted")
    return wire_type(attribute.type, conversion, epoch=attribute.epoch, converter=attribute.converter,
                     oblivious=oblivious_member(attribute))


def refuse_unresolved_names(ir: SchemaIR) -> None:
    """EmitError, one `file:line:col` line per attribute, if any stored name is unresolved: output
    under the member's own name would read and write an attribute .NET never stores (silent loss)."""
    problems = [
        f"{model.file}:{a.line}:{a.col}: {model.name}.{a.property}: the stored name `{a.unresolved_name}` "
        "could not be resolved"
        for model in ir.models
        for a in model.attributes
        if a.unresolved_name is not None
    ]
    if problems:
        raise EmitError(
            "nothing generated: add the files that declare these constants to the sources\n" + "\n".join(problems)
        )


def declaring_file(index: IRIndex, model: Model, attribute: Attribute) -> str:
    """The file that declares `attribute` of `model` (a base model's, for an inherited member):
    where its `line`/`col` point."""
    current: Optional[Model] = model
    while current is not None:
        if current.name == attribute.declared_in:
            return current.file
        current = index.base_of(current)
    return model.file


class Position(NamedTuple):
    """Where a C# declaration is; sorts by file, line, column, prints as `file:line:col`."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


def location(index: IRIndex, model: Model, attribute: Optional[Attribute] = None) -> Position:
    """Where `attribute` is declared (a base model's file, for an inherited one), else the model."""
    if attribute is None:
        return Position(model.file, model.line, model.col)
    return Position(declaring_file(index, model, attribute), attribute.line, attribute.col)


def refuse_unstorable_items(index: IRIndex) -> None:
    """EmitError, one `file:line:col` line per problem, for an attribute every generated codec would
    write and DynamoDB refuses: an empty or over-long attribute name, or a numeric default that is
    no DynamoDB number (more than 38 digits, out of range, NaN). Table-level limits (names,
    indexes) are the CloudFormation emitter's (`emit.cloudformation`)."""
    problems: Dict[Position, str] = {}  # by position, once: a base's member is in every subclass
    for model in index.ir.models:
        for attribute in model.attributes:
            if attribute.default is None and 0 < len(attribute.name) <= _SURELY_SHORT_NAME:
                continue  # the common case, decided without a call per attribute
            problem = _unstorable(attribute)
            if problem is not None:
                problems.setdefault(location(index, model, attribute),
                                    f"{attribute.declared_in}.{attribute.property}: {problem}")
    if problems:
        raise EmitError("\n".join(f"{where}: {problems[where]}" for where in sorted(problems)))


def _unstorable(attribute: Attribute) -> Optional[str]:
    problem = limits.attribute_name_problem(attribute.name, key=False)
    if problem is not None:
        return problem
    default = attribute.default
    if default is None or default.kind not in _NUMBER_DEFAULTS or default.value is None or attribute.converter:
        return None
    if attribute.type.kind not in NUMERIC_KINDS:
        return None
    return limits.number_problem(default.value, decimal_kind=attribute.type.kind == "decimal")


_NUMBER_DEFAULTS = frozenset({"int", "float", "decimal"})
_SURELY_SHORT_NAME = limits.MAX_ATTRIBUTE_NAME_BYTES // 4  # characters: UTF-8 takes at most 4 bytes each


def may_hold_null(attribute: Attribute) -> bool:
    """True when the .NET member can be null, so that .NET omits it from the item: declared
    nullable, initialised with null, or a reference type with no initialiser (C# only warns
    about a non-nullable one, CS8618; it still starts as null)."""
    if attribute.nullable:
        return True
    if attribute.default is None:
        return attribute.type.kind in REFERENCE_KINDS
    return attribute.default.kind == "null"


def physical_table_name_template(table: str, options: Options) -> str:
    """The CloudFormation `!Sub` template of a table's deployed name: `{table}` replaced, with any
    `${` in the C# table name escaped (`${!`) so that it stays literal."""
    return options.table_name_template.replace("{table}", table.replace("${", "${!"))


def always_written(attribute: Attribute, wire: Wire) -> bool:
    """True when .NET writes the attribute for every valid value (keys, non-null value types...).

    Strings can be "" and sets empty (both omitted), converters may return null: those are not.
    """
    if attribute.key is not None:
        return True
    if attribute.converter:
        return False
    value_type_string = wire.tag == "S" and wire.kind != "string"  # char, Guid, DateTime...
    return not may_hold_null(attribute) and (value_type_string or wire.tag in ("N", "BOOL", "B", "L", "M", "MAP"))


def stems_by_file(index: IRIndex, repository_stems: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """C# file -> output stem of every file of this IR (`naming.output_stems`), disambiguated
    among all files of the generation: `repository_stems` when the IR is only one target's
    closure (the Pants plugin computes them once over every C# target's file), else over the IR's
    own files. Stems that still coincide are an error."""
    files = index.files()
    every = output_stems(files) if repository_stems is None else repository_stems
    owners: Dict[str, str] = {}
    for path in files:
        stem = every[path]
        if stem in owners:
            raise EmitError(f"{path}: output name {stem!r} is already used by {owners[stem]}; rename one file")
        owners[stem] = path
    return {path: every[path] for path in files}
