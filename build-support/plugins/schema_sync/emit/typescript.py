"""IR -> TypeScript: one module per C# file with an interface per model for the stored item.

The interfaces describe an item as a JavaScript DynamoDB client hands it over once unmarshalled
(`@aws-sdk/util-dynamodb`'s `unmarshall`): attribute names as stored, N as `number`, sets as
`Set<...>`, B as `Uint8Array`, NULL list/map members as `null`. Enums become a `const` object
plus a union type of its values. Names from C# pass through `naming`; member keys that are not
identifiers are JSON-quoted, and doc comments are single-line-escaped, so nothing breaks out.

A build tool that generates modules file by file says which files have one (`module_files`): an
import of any other file's module would not resolve, so it is an error at each member naming a type
of such a file (`UngeneratedModules`), and nothing is emitted.
"""

from __future__ import annotations

import functools
import json
import posixpath
from dataclasses import dataclass, field
from typing import Collection, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple

from schema_sync.emit import naming
from schema_sync.emit.errors import EmitError, Position, Problem
from schema_sync.emit.header import file_header, single_line
from schema_sync.emit.index import IRIndex, location
from schema_sync.emit.storage import Wire, always_written, attribute_wire
from schema_sync.emit.validation import checked_index
from schema_sync.ir import Attribute, Enum, Model, SchemaIR, type_refs
from schema_sync.options import Options

_SCALAR_TS = {"S": "string", "N": "number", "B": "Uint8Array", "BOOL": "boolean", "ANY": "unknown"}


def emit_typescript(
    ir: SchemaIR,
    options: Options,
    only_files: Optional[Collection[str]] = None,
    repository_stems: Optional[Mapping[str, str]] = None,
    module_directories: Optional[Mapping[str, str]] = None,
    module_files: Optional[Collection[str]] = None,
) -> Dict[str, str]:
    """Output path (`<stem>.ts`) -> module text, for every C# file (or those in `only_files`)
    that declares models or enums. Modules import each other from beside themselves, or, with
    `module_directories` (C# file -> the directory its module is written to, when a build tool
    writes them to several), from that directory relative to their own. `module_files`: the C#
    files whose modules exist once the build tool is done (default: every file of the IR); a type
    of any other file is `UngeneratedModules`."""
    del options  # nothing TypeScript-specific is configurable yet
    index = checked_index(ir)
    stems = naming.stems_by_file(index, repository_stems)
    shared_members: Dict[_MemberKey, str] = {}
    specifiers = _ModuleSpecifiers(stems, module_directories or {})
    modules = {
        path: _TsModule(index, specifiers, path, shared_members)
        for path in index.files()
        if only_files is None or path in only_files
    }
    texts = {module_file(stems[path]): module.render() for path, module in modules.items()}
    if module_files is not None:
        _refuse_ungenerated_imports(modules.values(), module_files)
    return texts


class UngeneratedModules(EmitError):
    """Members naming a type of a C# file whose module is not generated (`module_files`), each at
    the member: its module's import of that file's module would not resolve."""


def _refuse_ungenerated_imports(modules: Iterable[_TsModule], module_files: Collection[str]) -> None:
    problems: Dict[Position, str] = {}
    for module in modules:
        for model, attribute, (full_name, file) in module.uses_of_other_files():
            if file not in module_files:  # at the member's declaration, once (a base's is in every subclass)
                problems.setdefault(location(module.index, model, attribute),
                                    _ungenerated_use(module.index, model, attribute, full_name, file))
    if problems:
        raise UngeneratedModules(*(Problem.at(where, problems[where]) for where in sorted(problems)))


def _ungenerated_use(index: IRIndex, model: Model, attribute: Attribute, full_name: str, file: str) -> str:
    kind = "enum" if full_name in index.enums else "model"
    inherited = "" if attribute.declared_in == model.name else f" (inherited by {model.name})"
    return (f"{attribute.declared_in}.{attribute.property}{inherited} names the {kind} {full_name.rsplit('.', 1)[-1]} "
            f"of {file}, whose TypeScript module is not generated: the import of it would not resolve")


def module_file(stem: str) -> str:
    """The file name of a C# file's module, from its output stem."""
    return f"{stem}.ts"


@dataclass(frozen=True)
class _ModuleSpecifiers:
    """How one module names another in an import: `./<stem>`, or a path between their directories."""

    stems: Mapping[str, str]  # C# file -> output stem
    directories: Mapping[str, str]  # C# file -> its module's directory; none: every module in one

    def of(self, file: str, importer: str) -> str:
        """The specifier of `file`'s module in an import of `importer`'s module."""
        here, there = self.directories.get(importer), self.directories.get(file)
        relative = "." if here is None or there is None else posixpath.relpath(there, here)
        path = posixpath.join(relative, self.stems[file])
        return path if path.startswith("../") else f"./{posixpath.normpath(path)}"


def type_names_for_file(index: IRIndex, path: str) -> Dict[str, str]:
    """C# full name -> TypeScript name for the enums and models declared in `path` (unique; do
    not modify: it is memoised)."""
    return naming.declared_type_names(index, path, "typescript", naming.ts_identifier)


def _doc(text: Optional[str], indent: str) -> List[str]:
    return [_doc_line(text, indent)] if text else []


def _doc_line(text: str, indent: str) -> str:
    return f"{indent}/** {single_line(text)} */"


# What a member's `?: type` depends on: type, converter, storage, epoch, nullability, default,
# whether it is a key (the type carries its storage). Type and default by id(): the IR shares one
# object per distinct value (and outlives the run), while hashing a TypeRef recurses in Python.
_MemberKey = Tuple[int, Optional[str], str, Optional[str], bool, int, bool]
_Declared = Tuple[str, str]  # an enum's or a model's C# full name, and the file declaring it


@dataclass
class _TsModule:
    index: IRIndex
    specifiers: _ModuleSpecifiers
    path: str
    # Member types that name no enum or model, so no module's imports: shared by the run.
    shared_members: Dict[_MemberKey, str]
    # Member types that name an enum or a model: local names (and aliases) are this module's.
    own_members: Dict[_MemberKey, str] = field(default_factory=dict)
    # (C# full name, file) of each other file's type a member type names: what the imports are for.
    named_elsewhere: Dict[_MemberKey, Tuple[_Declared, ...]] = field(default_factory=dict, init=False)
    # Every member of the module, with its model and its key, in the order rendered.
    members: List[Tuple[Model, Attribute, _MemberKey]] = field(default_factory=list, init=False)
    # Other files' types named so far by the member type being rendered.
    _naming: List[_Declared] = field(default_factory=list, init=False)
    local: Dict[str, str] = field(init=False)  # C# full name -> name, of the file's own enums and models
    types: naming.TypeReferences = field(init=False)  # the name of every enum and model the module names

    def __post_init__(self) -> None:
        self.local = type_names_for_file(self.index, self.path)
        declared_in = functools.partial(type_names_for_file, self.index)
        self.types = naming.TypeReferences(self.path, self.local, set(self.local.values()), False, declared_in,
                                           functools.partial(self.specifiers.of, importer=self.path))

    def render(self) -> str:
        blocks = [self._enum(e) for e in self.index.enums_in(self.path)]
        blocks += [self._interface(m) for m in self.index.models_in(self.path)]
        lines = [f"// {line}" for line in file_header(self.index, self.path)]
        lines += self._import_lines()
        for block in blocks:
            lines += ["", *block]
        return "\n".join(lines) + "\n"

    def _import_lines(self) -> List[str]:
        by_module: Dict[str, List[str]] = {}
        for (module, name), local in sorted(self.types.imports.items()):
            by_module.setdefault(module, []).append(name if name == local else f"{name} as {local}")
        lines = [
            f"import type {{ {', '.join(names)} }} from {json.dumps(module)};" for module, names in by_module.items()
        ]
        return ["", *lines] if lines else []

    def _type_name(self, full_name: str, file: str) -> str:
        if file != self.path:
            self._naming.append((full_name, file))
        return self.types.name(full_name, file)

    def uses_of_other_files(self) -> Iterator[Tuple[Model, Attribute, _Declared]]:
        """Each member (with its model) whose type names another file's type, once rendered."""
        for model, attribute, key in self.members:
            for declared in self.named_elsewhere.get(key, ()):
                yield model, attribute, declared

    def _enum(self, enum: Enum) -> List[str]:
        name = self.local[enum.full_name]
        lines = _doc(enum.doc or f"C# enum {enum.full_name}, stored as its number.", "")
        lines.append(f"export const {name} = {{")
        for member in enum.members:
            lines += _doc(member.doc, "  ")
            lines.append(f"  {naming.ts_property_key(member.name)}: {int(member.value)},")
        lines.append("} as const;")
        # C# enums are open: a stored value may be a number no member names (a [Flags] combination,
        # or a member a newer model added). `number & {}` keeps the members' literals for editors.
        known = f"(typeof {name})[keyof typeof {name}]"
        union = "number" if enum.flags or not enum.members else f"{known} | (number & {{}})"
        lines.append(f"export type {name} = {union};")
        return lines

    def _interface(self, model: Model) -> List[str]:
        lines = _doc(model.doc or f"Stored item of C# class {model.full_name}.", "")
        lines.append(f"export interface {self.local[model.full_name]} {{")
        for attribute in model.attributes:
            if attribute.doc:
                lines.append(_doc_line(attribute.doc, "  "))
            lines.append(f"  {naming.ts_property_key(attribute.name)}{self._member_type(model, attribute)};")
        lines.append("}")
        return lines

    def _member_type(self, model: Model, attribute: Attribute) -> str:
        """`?: type` (or `: type` when always written), computed once per key (per module if it
        names types)."""
        key = (
            id(attribute.type), attribute.converter, attribute.storage, attribute.epoch, attribute.nullable,
            id(attribute.default), attribute.key is not None,
        )
        self.members.append((model, attribute, key))
        found = self.shared_members.get(key) or self.own_members.get(key)
        if found is None:
            wire = attribute_wire(attribute)
            self._naming.clear()
            found = f"{'' if always_written(attribute, wire) else '?'}: {self._ts(wire)}"
            (self.own_members if any(type_refs(attribute.type)) else self.shared_members)[key] = found
            if self._naming:
                self.named_elsewhere[key] = tuple(self._naming)
        return found

    def _ts(self, wire: Wire) -> str:
        if wire.tag == "N" and wire.kind == "bool":
            return "0 | 1"  # V1 bool: .NET writes N 1/0
        if wire.tag == "N" and wire.kind == "enum" and wire.ref:
            enum = self.index.enum_for(wire.ref)
            return self._type_name(enum.full_name, enum.file) if enum else "number"
        if wire.tag in _SCALAR_TS:
            return _SCALAR_TS[wire.tag]
        if wire.tag == "M" and wire.ref:
            model = self.index.model_for(wire.ref)
            return self._type_name(model.full_name, model.file) if model else "Record<string, unknown>"
        assert wire.element is not None
        element = self._ts(wire.element)
        if wire.tag in ("SS", "NS", "BS"):
            return f"Set<{element}>"
        if wire.nullable_elements:
            element = f"{element} | null"
        if wire.tag == "L":
            return f"Array<{element}>"
        return f"Record<string, {element}>"  # MAP
