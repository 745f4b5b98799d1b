"""IR -> pydantic v2 modules (one per C# file) plus the shared `_runtime` item codec.

Generated code is plain text built here from already-escaped pieces: every string taken from
C# (names, defaults, docs) goes through `naming` (identifiers) or `repr`/`docstring` (values),
so nothing in a C# file can inject code. The emitter never imports pydantic.
"""

from __future__ import annotations

import builtins
import decimal
import functools
import heapq
import re
import textwrap
from dataclasses import dataclass, field
from typing import AbstractSet, Collection, Dict, FrozenSet, Iterator, List, Mapping, NamedTuple, Optional, Set, Tuple

from schema_sync.emit import naming
from schema_sync.emit.common import (
    EmitError,
    IRIndex,
    element_may_hold_null,
    may_hold_null,
    oblivious_member,
    physical_table_name_template,
    single_line,
    stems_by_file,
)
from schema_sync.emit.python_runtime import RUNTIME_SOURCE
from schema_sync.ir import INTEGRAL_KINDS, Attribute, Default, Enum, Model, SchemaIR, TypeRef, type_refs
from schema_sync.options import Options

_LINE_LIMIT = 120  # the repository's ruff line length

# IR scalar kind -> (annotation, runtime codec expression).
_SCALARS: Dict[str, Tuple[str, str]] = {
    "string": ("str", "_rt.STRING"),
    "char": ("_rt.Character", "_rt.CHAR"),
    "bool": ("bool", "_rt.BOOL"),
    "int8": ("_rt.Int8", "_rt.INT8"),
    "uint8": ("_rt.UInt8", "_rt.UINT8"),
    "int16": ("_rt.Int16", "_rt.INT16"),
    "uint16": ("_rt.UInt16", "_rt.UINT16"),
    "int32": ("_rt.Int32", "_rt.INT32"),
    "uint32": ("_rt.UInt32", "_rt.UINT32"),
    "int64": ("_rt.Int64", "_rt.INT64"),
    "uint64": ("_rt.UInt64", "_rt.UINT64"),
    "float32": ("float", "_rt.FLOAT"),
    "float64": ("float", "_rt.FLOAT"),
    "decimal": ("Decimal", "_rt.DECIMAL"),
    "guid": ("UUID", "_rt.GUID"),
    "datetime": ("AwareDatetime", "_rt.DATETIME"),
    "dateonly": ("date", "_rt.DATEONLY"),
    "timeonly": ("time", "_rt.TIMEONLY"),
    "bytes": ("bytes", "_rt.BYTES"),
    "memorystream": ("bytes", "_rt.BYTES"),
}
# Declared types .NET cannot store without a converter: with one, the Python type is this.
# default(T) of value types, as constants of the runtime module.
_CLR_MINIMA = {
    "datetime": "DATETIME_MIN", "datetimeoffset": "DATETIME_MIN", "dateonly": "DATE_MIN", "timeonly": "TIME_MIN",
    "timespan": "TIMESPAN_ZERO", "guid": "GUID_EMPTY",
}
_CONVERTER_ONLY = {"datetimeoffset": "AwareDatetime", "timespan": "timedelta"}
_HASHABLE = set(_SCALARS) | {"enum"}
# Reference types the runtime puts in sets (SS, BS): their elements are never null there.

# Where each name a generated module may use comes from.
_IMPORT_SOURCES: Dict[str, str] = {
    "Any": "typing", "ClassVar": "typing", "Dict": "typing", "List": "typing", "Mapping": "typing",
    "Optional": "typing", "Set": "typing", "Tuple": "typing",
    "Decimal": "decimal", "UUID": "uuid", "uuid4": "uuid",
    "date": "datetime", "time": "datetime", "timedelta": "datetime",
    "IntFlag": "enum",
    "AwareDatetime": "pydantic", "ConfigDict": "pydantic", "Field": "pydantic",
}
_STDLIB = frozenset(source for source in _IMPORT_SOURCES.values() if source != "pydantic")
_BUILTIN_CONTAINERS = {"List": "list", "Set": "set", "Dict": "dict"}  # typing name -> its factory
_MODEL_CONFIG = "ConfigDict(populate_by_name=True, protected_namespaces=(), use_attribute_docstrings=True)"
_RUNTIME_ALIAS = "_rt"  # how every generated module imports the runtime: `from <package> import _runtime as _rt`
# Builtins generated code names: annotations (`str`, `bytes`, ...) and default factories (`list`, ...).
_BUILTINS_USED = frozenset(
    name
    for name in [*(annotation for annotation, _ in _SCALARS.values()), *_CONVERTER_ONLY.values(),
                 *_BUILTIN_CONTAINERS.values()]
    if hasattr(builtins, name)
)
# Every name a generated module binds or reads besides its own classes: its imports, the builtins
# it uses and the runtime's alias. A class or field of one of these names would shadow it in the
# module or in a model's body (where defaults and ATTRIBUTES are evaluated).
_MODULE_NAMES = frozenset(_IMPORT_SOURCES) | _BUILTINS_USED | {"annotations", _RUNTIME_ALIAS}


def emit_python(
    ir: SchemaIR,
    options: Options,
    only_files: Optional[Collection[str]] = None,
    repository_stems: Optional[Mapping[str, str]] = None,
) -> Dict[str, str]:
    """Output path (relative to the output root) -> module text.

    For the whole IR, the model modules and then the shared runtime module they import. With
    `only_files` (one build target), only those files' modules: a build tool generates the
    runtime once, from `runtime_module`, and adds it as a dependency.
    """
    index = IRIndex.of(ir)
    modules = _module_names(index, options.python_package, repository_stems)
    wanted = set(only_files) if only_files is not None else None
    out: Dict[str, str] = {}
    for path in index.files():
        if wanted is None or path in wanted:
            module = _ModuleWriter(index, options, modules, path)
            out[naming.python_module_path(modules[path])] = module.render()
    if out and wanted is None:
        out[runtime_module_path(options)] = runtime_module(options)
    return out


def required_fields(ir: SchemaIR, options: Options) -> Set[Tuple[str, str]]:
    """(model full name, stored attribute name) of every generated field with no default at all,
    not even default(T): `from_item` fails on an item that lacks the attribute (the schema lock
    calls adding one a reader break: items written before it have no such attribute)."""
    index = IRIndex.of(ir)
    modules = _module_names(index, options.python_package, None)
    required: Set[Tuple[str, str]] = set()
    for path in index.files():
        writer = _ModuleWriter(index, options, modules, path)
        writer.local = class_names_for_file(index, path)
        for model in index.models_in(path):
            required.update(
                (model.full_name, a.name)
                for a in model.attributes
                if writer._field("f", a, model.conversion).default is None
            )
    return required


def runtime_module_path(options: Options) -> str:
    return naming.python_module_path(naming.runtime_module_for_package(options.python_package))


def runtime_module(options: Options) -> str:
    """The shared codec module: a function of the options only, never of the C# input."""
    del options  # the runtime is the same for every option set today; kept for the contract
    header = "\n".join(f"# {line}" for line in [
        "Generated by schema_sync: the item codec shared by every generated model module.",
        "source: schema_sync (no C# input; a function of the generator's options only)",
    ])
    return f"{header}\n{RUNTIME_SOURCE}"


def _module_names(index: IRIndex, package: str, repository_stems: Optional[Mapping[str, str]]) -> Dict[str, str]:
    modules = {
        path: naming.python_module_for_stem(stem, package)
        for path, stem in stems_by_file(index, repository_stems).items()
    }
    clash = next((path for path, stem in modules.items() if stem.endswith("." + naming.RUNTIME_MODULE)), None)
    if clash is not None:
        raise EmitError(f"{clash}: its module {modules[clash]} would replace the runtime module; rename the file")
    return modules


def _alias_arguments(field_name: str, stored_name: str) -> List[str]:
    """Stored name as validation + serialization alias, not `alias=`: type checkers then keep the
    snake_case field names in `__init__` (IDE completion), while `populate_by_name` still accepts
    both spellings at run time."""
    if stored_name == field_name:
        return []
    quoted = _py_str(stored_name)
    return [f"validation_alias={quoted}", f"serialization_alias={quoted}"]


def docstring(text: str, indent: str) -> str:
    """A triple-quoted docstring that cannot be closed early or carry control characters.

    Wrapped so that every line, escapes included, fits the line limit but for a word longer than a
    line (a URL), left whole on a line of its own; non-ASCII is spelled as escapes so linters that
    flag look-alike characters (ruff RUF002) stay quiet whatever the C# comment contains. Blank
    lines carry no indentation (ruff W293).
    """
    width = _LINE_LIMIT - len(indent) - 6  # room for the quotes of a first and last line
    text = text.strip()
    if len(text) <= width and _plain(text):
        return f'{indent}"""{text}"""'  # one short line, nothing to wrap or escape: the common case
    lines: List[str] = []
    for paragraph in (p for p in text.split("\n\n") if p.strip()):
        lines += ([""] if lines else []) + _wrapped(paragraph, width)
    first, *rest = _escape_docstring("\n".join(lines)).split("\n")
    return f'{indent}"""{first}' + "".join("\n" + (indent + line if line else "") for line in rest) + '"""'


def _plain(text: str) -> bool:
    """True when `text` appears in a docstring as it is: printable ASCII, no quote or backslash."""
    return text.isascii() and text.isprintable() and '"' not in text and "\\" not in text


def _wrapped(paragraph: str, width: int) -> List[str]:
    """The paragraph's words filled into lines of at most `width` characters once escaped. A word
    longer than that (a URL) gets a line of its own, unbroken: ruff's E501 skips one-word lines."""
    lines: List[str] = []
    line: List[str] = []
    used = 0
    for word in paragraph.split():
        size = len(word) if _plain(word) else sum(_escaped_width(char) for char in word)
        if line and used + 1 + size > width:
            lines.append(" ".join(line))
            line, used = [], 0
        used += size + (1 if line else 0)
        line.append(word)
    return lines + ([" ".join(line)] if line else [])


def _escaped_width(char: str) -> int:
    """Characters `char` takes in a docstring at most (`_escape_docstring` escapes some quotes)."""
    if char in '"\\':
        return 2
    return 1 if char.isascii() and char.isprintable() else len(char.encode("unicode_escape"))


def _escape_docstring(text: str) -> str:
    if _plain(text.replace("\n", "")):
        return text  # nothing to escape: the common case, without the loop
    out = []
    for position, char in enumerate(text):
        # Escaping every quote but the last of a run means `"""` can never appear.
        closing = char == '"' and (position + 1 == len(text) or text[position + 1] == '"')
        if char == "\\" or closing:
            out.append("\\" + char)
        elif char == "\n" or (char.isascii() and char.isprintable()):
            out.append(char)
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def _call(head: str, arguments: List[str], indent: str, tail: str = ")") -> List[str]:
    """`head(a, b)` on one line when it fits, else one argument per line."""
    line = f"{indent}{head}({', '.join(arguments)}{tail}"
    if len(line) <= _LINE_LIMIT:
        return [line]
    return [f"{indent}{head}("] + [f"{indent}    {a}," for a in arguments] + [f"{indent}{tail}"]


@functools.cache
def reserved_names() -> FrozenSet[str]:
    """What no generated class, field or imported class may be called: the names a generated module
    uses (`_MODULE_NAMES`) and every attribute a model inherits (`naming.model_attributes`)."""
    return _MODULE_NAMES | naming.model_attributes()


def _from_import(module: str, names: List[str]) -> List[str]:
    """`from module import a, b` on one line when it fits, else wrapped as isort (and ruff's `I`
    rules) wrap it: one name per line in parentheses, trailing comma."""
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= _LINE_LIMIT:
        return [line]
    return [f"from {module} import ("] + [f"    {name}," for name in names] + [")"]


def _comment(text: str, indent: str) -> List[str]:
    """`# text` wrapped to the line limit (`text` is one line: `single_line` output)."""
    width = _LINE_LIMIT - len(indent) - 2
    return [f"{indent}# {line}" for line in textwrap.wrap(_ascii(text), width, break_on_hyphens=False) or [""]]


def _ascii(text: str) -> str:
    """Comment text in ASCII: non-ASCII spelled as escapes (`\u00e9`), so that no comment holds a
    look-alike character (ruff RUF003) or one wider than a column (the line limit counts columns)."""
    return text if text.isascii() else text.encode("ascii", "backslashreplace").decode("ascii")


def _within_line_limit(line: str) -> str:
    """A code line too long for the line limit, which only a long name or string from C# makes
    (nothing in Python can split either), marked so that the line limit is not applied to it,
    unless ruff's E501 skips it anyway (one word, or a URL at the end that starts within the limit),
    where the mark would be an unused one (RUF100). Docstrings are wrapped (`docstring`) and are the
    only elements spanning several lines."""
    if len(line) <= _LINE_LIMIT or "\n" in line:
        return line
    chunks = line.split()
    if len(chunks) < 2 or ("://" in chunks[-1] and len(line) - len(chunks[-1]) <= _LINE_LIMIT):
        return line
    return f"{line}  # noqa: E501"


def class_names_for_file(index: IRIndex, path: str) -> Dict[str, str]:
    """C# full name -> Python class name for every enum and model declared in `path` (do not
    modify: it is memoised)."""
    return index.memoised("python class names", path, lambda: _class_names(index, path))


def _class_names(index: IRIndex, path: str) -> Dict[str, str]:
    declared: List[Tuple[str, str]] = [(e.full_name, e.name) for e in index.enums_in(path)]
    declared += [(m.full_name, m.name) for m in index.models_in(path)]
    names = naming.unique_names(naming.python_class_name(name, reserved_names()) for _, name in declared)
    return {full: py for (full, _), py in zip(declared, names)}


def enum_member_names(index: IRIndex, enum: Enum) -> List[str]:
    """The Python name of each member of `enum`, in order (do not modify: it is memoised)."""
    members = enum.members
    return index.memoised(
        "python enum members", id(enum), lambda: naming.unique_names(naming.python_enum_member(m.name) for m in members)
    )


def field_names(index: IRIndex, model: Model) -> Dict[str, str]:
    """Property -> field name of every member of `model`, inherited ones as its base chose them (a
    subclass must not rename a field; do not modify: it is memoised, as each subclass asks too)."""
    return index.memoised("python field names", id(model), lambda: _field_names_of(index, model))


def _field_names_of(index: IRIndex, model: Model) -> Dict[str, str]:
    base = index.base_of(model)
    names = dict(field_names(index, base)) if base is not None else {}
    taken = set(names.values())
    stored = {a.name for a in model.attributes}
    for attribute in model.attributes:
        if attribute.property not in names:
            field_name = naming.python_field_name(attribute.property, reserved_names())
            # Never another attribute's stored name: pydantic accepts both spellings of a field.
            if field_name in taken or (field_name in stored and field_name != attribute.name):
                field_name = naming.unique_name(field_name, taken, _Except(stored, attribute.name))
            names[attribute.property] = field_name
            taken.add(field_name)
    return names


class _Except:
    """The names of `names` but `one`, without copying `names`."""

    def __init__(self, names: AbstractSet[str], one: str) -> None:
        self.names, self.one = names, one

    def __contains__(self, name: object) -> bool:
        return name != self.one and name in self.names


@dataclass
class _Field:
    name: str
    attribute: Attribute
    annotation: str
    codec: str
    nullable: bool
    default: Optional[str]  # rendered `default=`/`default_factory=` argument, None if required
    note: Optional[str] = None
    redeclared: bool = True  # False: the base class declares it identically (ATTRIBUTES only)


@dataclass
class _ModuleWriter:
    index: IRIndex
    options: Options
    modules: Dict[str, str]
    path: str
    used: Set[str] = field(default_factory=set)  # names imported from stdlib/pydantic
    imports: Dict[Tuple[str, str], str] = field(default_factory=dict)  # (module, class) -> local name
    local: Dict[str, str] = field(default_factory=dict)
    class_names: Set[str] = field(default_factory=set)  # the module's classes and the reserved names
    # Names an imported class must not take: `class_names`, the imports so far and the INDEX_
    # constants its models' bodies assign.
    taken: Set[str] = field(default_factory=set)
    uses_runtime: bool = False

    def render(self) -> str:
        """The module's text: one physical line per element of `lines`, except docstrings."""
        self.local = class_names_for_file(self.index, self.path)
        models_in_order = self._models_in_dependency_order()
        self.class_names = set(self.local.values()) | reserved_names()
        self.taken = set(self.class_names)
        self.taken.update(name for m in models_in_order for name in self._index_constant_names(m).values())
        enums = [self._enum(e) for e in self.index.enums_in(self.path)]
        models = [self._model(m) for m in models_in_order]
        lines = [f"# {_ascii(line)}" for line in self.index.file_header(self.path)]
        lines += [docstring(f"Pydantic models for {single_line(self.path)}.", ""), ""]
        lines += ["from __future__ import annotations", ""]
        self.uses_runtime = self.uses_runtime or bool(models)
        lines += self._import_lines()
        for block in enums + models:
            lines += (["", ""] if lines[-1] else [""]) + block
        text = "\n".join(line if len(line) <= _LINE_LIMIT else _within_line_limit(line) for line in lines)
        return text.rstrip("\n") + "\n"

    # -- imports -------------------------------------------------------------------------------

    def _use(self, name: str) -> str:
        self.used.add(name)
        return name

    def _type_name(self, full_name: str, file: str) -> str:
        """Local name of an enum/model class, importing it when another file declares it."""
        if file == self.path:
            return self.local[full_name]
        module = self.modules[file]
        declared = class_names_for_file(self.index, file)[full_name]
        key = (module, declared)
        if key not in self.imports:
            alias = declared if declared not in self.taken else f"{declared}_{module.rsplit('.', 1)[-1]}"
            self.imports[key] = naming.unique_name(alias, self.taken)
            self.taken.add(self.imports[key])
        return self.imports[key]

    def _import_lines(self) -> List[str]:
        """Standard library, then the package's own modules (pydantic names come via `_runtime`,
        so the layout is isort-clean whether or not a linter treats the package as first-party)."""
        by_module: Dict[str, List[str]] = {}
        for name in sorted(self.used):
            source = _IMPORT_SOURCES[name]
            by_module.setdefault(self._runtime_module() if source == "pydantic" else source, []).append(name)
        for (module, declared), local in self.imports.items():
            by_module.setdefault(module, []).append(declared if local == declared else f"{declared} as {local}")
        if self.uses_runtime:
            by_module.setdefault(self.options.python_package, []).append(f"{naming.RUNTIME_MODULE} as {_RUNTIME_ALIAS}")
        stdlib = sorted(m for m in by_module if m in _STDLIB)
        own = sorted((m for m in by_module if m not in _STDLIB), key=str.lower)
        lines: List[str] = []
        for group in (stdlib, own):
            for module in group:
                lines += _from_import(module, sorted(by_module[module], key=_isort_name_key))
            lines += [""] if group else []
        return lines

    def _runtime(self, name: str) -> str:
        """`_rt.<name>`: a name the generated runtime module defines."""
        self.uses_runtime = True
        return f"_rt.{name}"

    def _runtime_module(self) -> str:
        return naming.runtime_module_for_package(self.options.python_package)

    # -- enums ---------------------------------------------------------------------------------

    def _enum(self, enum: Enum) -> List[str]:
        # Open, as C# enums are: a number no member names (a member a newer model added) is kept.
        base = self._use("IntFlag") if enum.flags else self._runtime("OpenIntEnum")
        members = enum_member_names(self.index, enum)
        # Reading a stored name (S) goes by the C# name: the runtime learns those Python changed.
        renamed = [f"{python}={_py_str(m.name)}" for m, python in zip(enum.members, members) if python != m.name]
        lines = _call(f"@{self._runtime('csharp_names')}", renamed, "") if renamed else []
        lines.append(f"class {self.local[enum.full_name]}({base}):")
        lines.append(docstring(enum.doc or f"C# enum {enum.full_name} (stored as its number).", "    "))
        for member, name in zip(enum.members, members):
            lines += ["", f"    {name} = {int(member.value)}"]
            if member.doc:
                lines.append(docstring(member.doc, "    "))
        return lines

    # -- models --------------------------------------------------------------------------------

    def _models_in_dependency_order(self) -> List[Model]:
        """The file's models with those it declares before the classes that derive from them or
        nest them: each time, the first in declaration order whose dependencies are all written,
        or (in a cycle, which only nesting can make) the first unwritten. O((models + references)
        x log(models)) for a file of any size."""
        models = self.index.models_in(self.path)
        if len(models) < 2:
            return models
        position = {id(m): i for i, m in enumerate(models)}
        dependents: List[List[int]] = [[] for _ in models]
        unwritten = [0] * len(models)  # per model: its dependencies in this file not yet written
        for i, model in enumerate(models):
            for dependency in set(self._dependency_positions(model, position)) - {i}:
                dependents[dependency].append(i)
                unwritten[i] += 1
        ready = [i for i, count in enumerate(unwritten) if count == 0]
        written = [False] * len(models)
        ordered: List[Model] = []
        first_unwritten = 0
        while len(ordered) < len(models):
            if ready:
                current = heapq.heappop(ready)
            else:  # a cycle: break it at the first model not yet written
                while written[first_unwritten]:
                    first_unwritten += 1
                current = first_unwritten
            written[current] = True
            ordered.append(models[current])
            for dependent in dependents[current]:
                unwritten[dependent] -= 1
                if unwritten[dependent] == 0 and not written[dependent]:
                    heapq.heappush(ready, dependent)
        return ordered

    def _dependency_positions(self, model: Model, position: Dict[int, int]) -> Iterator[int]:
        """Positions (in `position`, this file's models) of the base and nested types of `model`."""
        needed = [self.index.base_of(model)]
        needed += [self.index.model_for(ref) for a in model.attributes for ref in type_refs(a.type)]
        for dependency in needed:
            if dependency is not None and id(dependency) in position:
                yield position[id(dependency)]

    def _model(self, model: Model) -> List[str]:
        base = self.index.base_of(model)
        parent = self._type_name(base.full_name, base.file) if base else "_rt.DynamoModel"
        lines = [f"class {self.local[model.full_name]}({parent}):"]
        lines.append(docstring(model.doc or f"C# class {model.full_name}.", "    "))
        lines += ["", f"    model_config = {self._use_config()}", ""]
        lines += self._table_constants(model)
        fields = self._fields(model, base)
        for item in fields:
            if item.redeclared:
                lines += self._field_lines(item)
        lines += self._attribute_specs(fields)
        return lines

    def _use_config(self) -> str:
        self._use("ConfigDict")
        return _MODEL_CONFIG

    def _table_constants(self, model: Model) -> List[str]:
        lines = [f"    CONVERSION: ClassVar[str] = {_py_str(model.conversion)}"]
        self._use("ClassVar")
        if model.table:
            hash_key = model.key_attribute("hash")
            range_key = model.key_attribute("range")
            version = next((a for a in model.attributes if a.version), None)
            constants = {
                "TABLE_NAME": model.table,
                "PHYSICAL_TABLE_NAME": physical_table_name_template(model.table, self.options),
                "HASH_KEY": hash_key.name if hash_key else None,
                "RANGE_KEY": range_key.name if range_key else None,
                "VERSION_ATTRIBUTE": version.name if version else None,
            }
            # Narrowed to `str` where set: `Model.TABLE_NAME` is a plain str for table models.
            lines += [
                f"    {name}: ClassVar[{'str' if value is not None else 'Optional[str]'}] = {_py_opt(value)}"
                for name, value in constants.items()
            ]
            if None in constants.values():
                self._use("Optional")
            lines += self._index_constants(model, hash_key)
        return [*lines, ""]

    def _index_constant_names(self, model: Model) -> Dict[str, str]:
        """Index name -> its `INDEX_` constant (off the module's class names and reserved names)."""
        return self.index.memoised("python index constants", id(model), lambda: self._index_constants_of(model))

    def _index_constants_of(self, model: Model) -> Dict[str, str]:
        if not model.table:
            return {}
        gsi_names = model.gsi_names()
        names = list(gsi_names) + [n for n in model.lsi_names() if n not in gsi_names]
        constants: Dict[str, str] = {}
        for name in names:
            constant = naming.unique_name("INDEX_" + naming.python_constant_name(name), self.class_names, constants)
            constants[constant] = name
        return {name: constant for constant, name in constants.items()}

    def _index_constants(self, model: Model, table_hash: Optional[Attribute]) -> List[str]:
        constants = self._index_constant_names(model)
        names = list(constants)
        if not names:
            return []
        lines = [f"    {c}: ClassVar[str] = {_py_str(n)}" for n, c in constants.items()]
        self._use("Mapping")
        lines.append("    INDEXES: ClassVar[Mapping[str, _rt.IndexKeys]] = {")
        for name in names:
            hash_names, range_names, local = _index_keys(model, name, table_hash)
            arguments = [_py_tuple(hash_names), _py_tuple(range_names), f"local={local}"]
            lines += _call(f"{_py_str(name)}: _rt.IndexKeys", arguments, "        ", "),")
        lines.append("    }")
        return lines

    def _fields(self, model: Model, base: Optional[Model]) -> List[_Field]:
        names = field_names(self.index, model)
        declared_by_base = _attributes_by_property(base)
        out: List[_Field] = []
        for attribute in model.attributes:
            name = names[attribute.property]
            if _inherited_unchanged(attribute, declared_by_base):
                out.append(self._inherited_field(name, attribute, model.conversion))
            else:
                out.append(self._field(name, attribute, model.conversion))
        return out

    def _inherited_field(self, name: str, attribute: Attribute, conversion: str) -> _Field:
        """A field the base class declares identically: written only in ATTRIBUTES, so the names
        its annotation and default would import are not used here."""
        outer, self.used = self.used, set()
        item = self._field(name, attribute, conversion)
        self.used = outer
        item.redeclared = False
        return item

    def _field(self, name: str, attribute: Attribute, conversion: str) -> _Field:
        scope = _Scope(oblivious_member(attribute), conversion)
        annotation, codec = self._type(attribute.type, scope, attribute)
        nullable = may_hold_null(attribute)
        if nullable:
            annotation = f"{self._use('Optional')}[{annotation}]"
        default, note = self._default(attribute, nullable, scope)
        return _Field(name, attribute, annotation, codec, nullable, default, note)

    def _field_lines(self, item: _Field) -> List[str]:
        arguments = ([item.default] if item.default else []) + _alias_arguments(item.name, item.attribute.name)
        self._use("Field")
        lines = []
        if item.note:
            lines += _comment(item.note, "    ")
        lines += _call(f"{item.name}: {item.annotation} = Field", arguments, "    ")
        if item.attribute.doc:
            lines.append(docstring(item.attribute.doc, "    "))
        return lines

    def _attribute_specs(self, fields: List[_Field]) -> List[str]:
        self._use("Tuple")
        lines = ["", "    ATTRIBUTES: ClassVar[Tuple[_rt.FieldSpec, ...]] = ("]
        for item in fields:
            arguments = [_py_str(item.name), _py_str(item.attribute.name), item.codec]
            arguments += ["nullable=True"] if item.nullable else []
            arguments += _save_arguments(item.attribute)
            lines += _call("_rt.FieldSpec", arguments, "        ", "),")
        lines.append("    )")
        return lines

    # -- types ---------------------------------------------------------------------------------

    def _type(self, type_ref: TypeRef, scope: _Scope, attribute: Optional[Attribute] = None) -> Tuple[str, str]:
        """(annotation, codec expression) for a type; `attribute` only for top-level members."""
        if attribute is not None and attribute.converter:
            declared = _SCALARS.get(type_ref.kind, (None, None))[0] or _CONVERTER_ONLY.get(type_ref.kind)
            annotation = self._annotation_name(declared or "Any")
            return annotation, f"_rt.Converted({_py_str(attribute.converter)})"
        kind = type_ref.kind
        if kind in _SCALARS:
            annotation, codec = _SCALARS[kind]
            if kind == "datetime" and attribute is not None and attribute.epoch:
                return self._annotation_name(annotation), f"_rt.Epoch({64 if attribute.epoch == 'int64' else 32})"
            return self._annotation_name(annotation), codec
        if kind == "enum" and type_ref.ref:
            enum = self.index.enum_for(type_ref.ref)
            if enum is not None:
                name = self._type_name(enum.full_name, enum.file)
                return name, f"_rt.EnumOf({name})"
        if kind == "model" and type_ref.ref:
            model = self.index.model_for(type_ref.ref)
            if model is not None:
                name = self._type_name(model.full_name, model.file)
                return name, f"_rt.Nested(lambda: {name})"
        if kind == "typeparam":
            # A generic definition's open `T`: any value, kept as the raw attribute value; `Any`
            # (not Dict) so that closed subclasses may redeclare the field with their own type.
            return self._use("Any"), "_rt.RAW"
        if kind in ("list", "array", "set") and len(type_ref.args) == 1:
            return self._sequence(type_ref, scope)
        if kind == "dict" and len(type_ref.args) == 2 and type_ref.args[0].kind == "string":
            value_annotation, value_codec = self._element(type_ref.args[1], type_ref, scope)
            return f"{self._use('Dict')}[str, {value_annotation}]", f"_rt.Dictionary({value_codec})"
        # Anything .NET cannot store without a converter, or the IR could not map: keep the raw
        # attribute value so reading and writing it back is still lossless.
        return f"{self._use('Dict')}[str, {self._use('Any')}]", "_rt.RAW"

    def _element(self, type_ref: TypeRef, container: TypeRef, scope: _Scope) -> Tuple[str, str]:
        annotation, codec = self._type(type_ref, scope)
        if element_may_hold_null(type_ref, container, scope.oblivious, scope.conversion):
            annotation = f"{self._use('Optional')}[{annotation}]"
        return annotation, codec

    def _sequence(self, type_ref: TypeRef, scope: _Scope) -> Tuple[str, str]:
        element = type_ref.args[0]
        annotation, codec = self._element(element, type_ref, scope)
        container = "Set" if type_ref.kind == "set" and element.kind in _HASHABLE and not element.nullable else "List"
        nullable = ", nullable_elements=True" if element.nullable else ""
        return f"{self._use(container)}[{annotation}]", f"_rt.Sequence({codec}, {_py_str(type_ref.kind)}{nullable})"

    def _annotation_name(self, annotation: str) -> str:
        if annotation in _IMPORT_SOURCES:
            self._use(annotation)
        return annotation

    # -- defaults ------------------------------------------------------------------------------

    def _default(self, attribute: Attribute, nullable: bool, scope: _Scope) -> Tuple[Optional[str], Optional[str]]:
        """(`default=...`/`default_factory=...` text or None for a required field, comment)."""
        value = attribute.default
        if value is not None and value.kind != "expression":
            rendered = self._literal_default(attribute, value, scope)
            if rendered is not None:
                return rendered, None
        note = None
        if value is not None:
            note = f"C# initialiser not translated: {single_line(value.value or value.kind)}"
        if nullable:
            return "default=None", note
        return self._clr_default(attribute.type), note

    def _literal_default(self, attribute: Attribute, value: Default, scope: _Scope) -> Optional[str]:
        kind, type_ref = value.kind, attribute.type
        if kind == "null":
            return "default=None"
        if kind == "empty":
            return self._empty_default(type_ref, scope)
        if kind == "now" and type_ref.kind in ("datetime", "datetimeoffset"):
            return "default_factory=_rt.utc_now"
        if kind == "new_guid" and type_ref.kind == "guid":
            return f"default_factory={self._use('uuid4')}"
        if kind in ("int", "float", "decimal", "bool", "string", "enum") and value.value is not None:
            literal = self._scalar_literal(type_ref, kind, value.value)
            return f"default={literal}" if literal is not None else None
        return None

    def _empty_default(self, type_ref: TypeRef, scope: _Scope) -> Optional[str]:
        if type_ref.kind in ("list", "array", "set", "dict"):
            return f"default_factory={self._empty_collection(type_ref, scope)}"
        if type_ref.kind == "string":
            return 'default=""'
        if type_ref.kind in ("bytes", "memorystream"):
            return 'default=b""'
        if type_ref.kind == "model" and type_ref.ref:
            annotation, codec = self._type(type_ref, scope)
            return f"default_factory={annotation}" if codec.startswith("_rt.Nested") else None
        return None

    def _empty_collection(self, type_ref: TypeRef, scope: _Scope) -> str:
        """`list[str]`, not `list`, as a factory: mypy 1.x types a bare `list` as `type[list[Any]]`
        and rejects it for an `Optional[List[str]]` field."""
        annotation, _ = self._type(type_ref, scope)
        head, bracket, rest = annotation.partition("[")
        return f"{_BUILTIN_CONTAINERS[head]}{bracket}{rest}"

    def _scalar_literal(self, type_ref: TypeRef, kind: str, text: str) -> Optional[str]:
        """A Python literal for a C# constant, rebuilt from parsed values (never C# text)."""
        target = type_ref.kind
        if target in ("string", "char") and kind == "string":
            return _py_str(text)
        if target == "bool" and kind == "bool" and text in ("true", "false"):
            return repr(text == "true")
        if target == "enum" and type_ref.ref:
            return self._enum_literal(type_ref.ref, kind, text)
        number = _parse_number(text)
        if number is None:
            return None
        if target in INTEGRAL_KINDS and number == number.to_integral_value():
            return repr(int(number))
        if target in ("float32", "float64"):
            return repr(float(number))
        if target == "decimal":
            return f"{self._use('Decimal')}({_py_str(str(number))})"
        return None

    def _enum_literal(self, ref: str, kind: str, text: str) -> Optional[str]:
        enum = self.index.enum_for(ref)
        if enum is None:
            return None
        name = self._type_name(enum.full_name, enum.file)
        members = enum_member_names(self.index, enum)
        if kind == "enum":
            member = text.rsplit(".", 1)[-1]
            for declared, python_name in zip(enum.members, members):
                if declared.name == member:
                    return f"{name}.{python_name}"
            return None
        number = _parse_number(text)
        if number is None or number != number.to_integral_value():
            return None
        return f"{name}({int(number)})"

    def _clr_default(self, type_ref: TypeRef) -> Optional[str]:
        """default(T) of a value type, what .NET holds (and stores) when nothing is assigned; None
        (a required field) where Python has no such value: an enum without a zero member."""
        if type_ref.kind in _CLR_MINIMA:
            return f"default=_rt.{_CLR_MINIMA[type_ref.kind]}"
        if type_ref.kind == "char":
            return "default='\\x00'"
        if type_ref.kind in INTEGRAL_KINDS:
            return "default=0"
        if type_ref.kind in ("float32", "float64"):
            return "default=0.0"
        if type_ref.kind == "decimal":
            return f"default={self._use('Decimal')}('0')"
        if type_ref.kind == "bool":
            return "default=False"
        if type_ref.kind == "enum" and type_ref.ref:
            enum = self.index.enum_for(type_ref.ref)
            if enum is not None and any(m.value == 0 for m in enum.members):
                return f"default={self._type_name(enum.full_name, enum.file)}(0)"
        return None


class _Scope(NamedTuple):
    """What decides whether a collection element may be null besides its own `?`."""

    oblivious: bool  # declared without nullable annotations: reference-type elements may be null
    conversion: str  # "V1" | "V2": whether a List<string> is stored as a set (no nulls) or an L


def _save_arguments(attribute: Attribute) -> List[str]:
    """The FieldSpec arguments for what a save does with the member beyond writing its value."""
    counter = attribute.atomic_counter
    arguments = [f"counter=_rt.Counter({counter.delta}, {counter.start})"] if counter else []
    arguments += ["auto_timestamp=True"] if attribute.auto_timestamp else []
    return arguments + (["if_not_exists=True"] if attribute.if_not_exists else [])


def _attributes_by_property(model: Optional[Model]) -> Dict[str, Attribute]:
    """The first attribute of each property of `model` (none without a model)."""
    found: Dict[str, Attribute] = {}
    for attribute in model.attributes if model is not None else ():
        found.setdefault(attribute.property, attribute)
    return found


def _inherited_unchanged(mine: Attribute, declared_by_base: Dict[str, Attribute]) -> bool:
    """True when the base class already declares this field identically (no redeclaration)."""
    same = declared_by_base.get(mine.property)
    if same is None:
        return False
    return (same.name, same.type, same.nullable, same.default, same.converter, same.epoch) == (
        mine.name, mine.type, mine.nullable, mine.default, mine.converter, mine.epoch
    )


def _py_str(text: str) -> str:
    """A Python string literal for any text: ASCII-only, so no look-alike or control characters."""
    return ascii(text)


def _py_tuple(texts: Tuple[str, ...]) -> str:
    """`('a',)`, `('a', 'b')` or `()`: escaped string literals."""
    return "(" + ", ".join(_py_str(text) for text in texts) + ("," if len(texts) == 1 else "") + ")"


def _py_opt(text: Optional[str]) -> str:
    return "None" if text is None else _py_str(text)


@functools.lru_cache(maxsize=1 << 12)  # the same class and typing names recur in every module
def _isort_name_key(name: str) -> Tuple[int, str, str]:
    """isort's `order-by-type`: CONSTANTS, then Classes, then other names."""
    bare = name.split(" as ", 1)[0]
    rank = 0 if bare.isupper() and len(bare) > 1 else 1 if bare[:1].isupper() else 2
    return rank, bare.lower(), bare


def _parse_number(text: str) -> Optional[decimal.Decimal]:
    """A C# numeric literal (`90`, `1.0`, `1.5m`, `0x10`, `1_000L`) as a Decimal, or None."""
    cleaned = re.sub(r"(?i)(ul|lu|u|l|m|d|f)$", "", text.strip().replace("_", ""))
    try:
        if re.fullmatch(r"-?0[xX][0-9a-fA-F]+", cleaned):
            return decimal.Decimal(int(cleaned, 16))
        if re.fullmatch(r"-?0[bB][01]+", cleaned):
            return decimal.Decimal(int(cleaned, 2))
        number = decimal.Decimal(cleaned)
    except (ValueError, decimal.InvalidOperation):
        return None
    return number if number.is_finite() else None


def _index_keys(
    model: Model, index: str, table_hash: Optional[Attribute]
) -> Tuple[Tuple[str, ...], Tuple[str, ...], bool]:
    """(hash attributes, range attributes, is local) for one index of a table model."""
    hash_names = tuple(a.name for a in model.gsi_key_attributes(index, "hash"))
    if not hash_names:  # an LSI: the table hash key plus the LSI range key
        lsi_range = tuple(a.name for a in model.attributes if index in a.lsi)[:1]
        return (table_hash.name,) if table_hash else (), lsi_range, True
    return hash_names, tuple(a.name for a in model.gsi_key_attributes(index, "range")), False
