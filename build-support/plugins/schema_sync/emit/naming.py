"""Names in generated code: Python modules, classes and fields, TypeScript members.

Every function here returns a name that is valid in its target language whatever C# (or a
hostile input) hands it: keywords get a trailing `_`, characters outside `[A-Za-z0-9_]` are
folded to ASCII or spelled as `uXXXX`, and a leading digit gets a prefix. The same input always
gives the same output, so two emitters (and two Pants targets) agree on a name without talking.

snake_case rules (documented in docs/generated-code.md):
- a word boundary sits between a lower-case letter or digit and an upper-case letter
  (`GoalId` -> `goal_id`, `Sha256Hash` -> `sha256_hash`);
- an acronym is one word and ends before its last capital when a lower-case letter follows
  (`URLPath` -> `url_path`, `AvatarURL` -> `avatar_url`, `IOStream` -> `io_stream`);
- `-`, `.`, spaces and any other separators become `_`; runs of `_` collapse.
"""

from __future__ import annotations

import ast
import functools
import json
import keyword
import re
import unicodedata
from typing import AbstractSet, Callable, Container, Dict, FrozenSet, Iterable, List, Mapping, Optional, Set, Tuple

from schema_sync.emit.errors import EmitError, Problem
from schema_sync.emit.index import IRIndex
from schema_sync.options import Options

# Member and type names repeat across a tree (inherited members, one name per C# convention):
# the pure name functions remember this many of the latest.
_NAME_CACHE = 1 << 14

# Public attributes of pydantic v2's BaseModel and of its metaclass (pydantic warns about a field
# named like anything `hasattr(Model, name)` finds, so ABCMeta's `register` too): a field of one
# of these names would shadow it (pydantic warns, mypy errors). Listed because the emitter runs
# where pydantic cannot be imported (Pants' own interpreter); tests/test_names_reserved.py checks
# the list against the installed pydantic, so an upgrade that adds one fails there.
PYDANTIC_MODEL_ATTRIBUTES = frozenset(
    {
        "construct", "copy", "dict", "fields", "from_orm", "json", "model_computed_fields", "model_config",
        "model_construct", "model_copy", "model_dump", "model_dump_json", "model_extra", "model_fields",
        "model_fields_set", "model_json_schema", "model_parametrized_name", "model_post_init", "model_rebuild",
        "model_validate", "model_validate_json", "model_validate_strings", "mro", "parse_file", "parse_obj",
        "parse_raw", "register", "schema", "schema_json", "update_forward_refs", "validate",
    }
)

# Public attributes of the int-based enums generated enums derive from (int, IntEnum, IntFlag)
# plus those Enum forbids as member names: a member of such a name breaks `mypy --strict` (an int
# method redefined as an int) or Enum itself. Listed, not read from `dir()`, so the output does
# not depend on the Python version (3.10 added `int.bit_count`, 3.12 `int.is_integer`); the
# tests check the list against the running interpreter.
INT_ENUM_ATTRIBUTES = frozenset(
    {
        "as_integer_ratio", "bit_count", "bit_length", "conjugate", "denominator", "from_bytes", "imag",
        "is_integer", "numerator", "real", "to_bytes", "mro", "name", "value",
    }
)


@functools.cache
def _runtime_tree() -> ast.Module:
    from schema_sync.emit.python_runtime import runtime_source  # its text: the runtime is never imported here

    return ast.parse(runtime_source())


@functools.cache
def runtime_members(class_name: str) -> FrozenSet[str]:
    """Every name the generated runtime's class `class_name` defines in its body (methods and
    class attributes), read from the runtime's source: the runtime is the single list."""
    body = next(n.body for n in _runtime_tree().body if isinstance(n, ast.ClassDef) and n.name == class_name)
    names: Set[str] = set()
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(statement.name)
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names.add(statement.target.id)
        elif isinstance(statement, ast.Assign):
            names.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    return frozenset(names)


@functools.cache
def model_attributes() -> FrozenSet[str]:
    """Every attribute a generated model class inherits a meaning for: pydantic's BaseModel's and
    the runtime DynamoModel's (`to_item`, `save_request`, `ATTRIBUTES`, ...)."""
    return PYDANTIC_MODEL_ATTRIBUTES | runtime_members("DynamoModel")


@functools.cache
def enum_attributes() -> FrozenSet[str]:
    """Every name an enum member must not take: int's and IntEnum's attributes, the runtime's
    OpenIntEnum's, and the names Enum reserves."""
    return INT_ENUM_ATTRIBUTES | runtime_members("OpenIntEnum")


TYPESCRIPT_RESERVED = frozenset(
    {
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
        "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if",
        "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
        "true", "try", "typeof", "var", "void", "while", "with", "as", "implements", "interface",
        "let", "package", "private", "protected", "public", "static", "yield", "any", "boolean",
        "number", "string", "symbol", "type", "from", "of", "await", "async", "never", "unknown",
        "object", "undefined", "Record", "Set", "Array", "Uint8Array", "Object",
    }
)

_TS_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
# Word boundaries: lower or digit -> upper (`goalId`), and the end of an acronym (`URLPath`). One
# pattern: the two never match at the same place (one needs a lower or digit before it, the
# other an upper), so applying them in one pass or one after the other gives the same text.
_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_WORD_ASCII = re.compile(r"[^A-Za-z0-9_]")
_UNDERSCORES = re.compile(r"__+")


def ascii_fold(text: str) -> str:
    """ASCII letters, digits and `_` only: accents dropped, anything else spelled `uXXXX`."""
    # Why: non-ASCII identifiers are legal in Python 3 and TS, but NFKC normalisation can make
    # two distinct C# names equal in Python; plain ASCII is predictable everywhere.
    if text.isascii():  # the common case, and NFKD leaves ASCII unchanged
        return _NOT_WORD_ASCII.sub("_", text)
    out: List[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if char.isascii():
            out.append(char if (char.isalnum() or char == "_") else "_")
        elif not unicodedata.combining(char):
            out.append(f"u{ord(char):04x}")
    return "".join(out)


def snake_case(name: str) -> str:
    """`GoalId` -> `goal_id`, `URLPath` -> `url_path`; always a non-empty `[a-z0-9_]` string."""
    name = name.lstrip("@")  # C# verbatim identifier: `@event` is the name `event`
    folded = ascii_fold(_WORD_BOUNDARY.sub("_", name)).lower()
    if "__" in folded:
        folded = _UNDERSCORES.sub("_", folded)
    return folded.strip("_") or "field"


# Soft keywords as of Python 3.10/3.11, pinned: `keyword.softkwlist` is empty on 3.9 (Pants' own
# interpreter) and gains `type` on 3.12, and a name must not depend on the interpreter.
_SOFT_KEYWORDS = frozenset({"_", "case", "match"})


def _is_keyword(ident: str) -> bool:
    return keyword.iskeyword(ident) or ident in _SOFT_KEYWORDS


def _folded(name: str) -> str:
    """`name` as `[A-Za-z0-9_]`, single underscores, never empty (a C# verbatim `@` dropped)."""
    return _UNDERSCORES.sub("_", ascii_fold(name.lstrip("@"))) or "_"


@functools.lru_cache(maxsize=_NAME_CACHE)
def python_identifier(name: str) -> str:
    """A valid, non-keyword Python identifier close to `name` (case preserved)."""
    ident = _folded(name)
    if ident[0].isdigit():
        ident = "_" + ident
    return ident + "_" if _is_keyword(ident) else ident


@functools.lru_cache(maxsize=_NAME_CACHE)
def python_class_name(name: str, reserved: AbstractSet[str] = frozenset()) -> str:
    """The Python class for a C# type: its name made safe, starting with a capital letter (`T`
    put before any other start: `_Item` -> `T_Item`, `from` -> `Tfrom`), with a trailing `_` when
    it is a keyword or in `reserved` (the names a generated module imports or a model body assigns).

    Field names never have a capital, so a field can never shadow a class its model refers to,
    whatever either is called, and neither depends on the other."""
    ident = _folded(name)
    if not ident[0].isupper():
        ident = "T" + ident
    return ident + "_" if _is_keyword(ident) or ident in reserved else ident


@functools.lru_cache(maxsize=_NAME_CACHE)
def python_field_name(name: str, reserved: AbstractSet[str] = frozenset()) -> str:
    """The snake_case field for a C# member, with a trailing `_` when it is a keyword or in
    `reserved` (for a model field: the attributes it inherits and the names its module uses)."""
    field = snake_case(name)
    if field[0].isdigit():
        field = "f_" + field
    return field + "_" if _is_keyword(field) or field in reserved else field


def python_constant_name(name: str) -> str:
    """UPPER_SNAKE constant for an arbitrary string (index names: `tenant_id-index`)."""
    const = snake_case(name).upper()
    return "N_" + const if const[0].isdigit() else const


@functools.lru_cache(maxsize=_NAME_CACHE)
def python_enum_member(name: str) -> str:
    """Enum members keep their C# spelling (`OnHold`), made a safe identifier; an `M` goes before
    a name Enum treats specially (`_sunder_`, `__dunder__`) or one the enum's bases define
    (`mro`, `name`, `real`, ...)."""
    ident = python_identifier(name)
    if ident.startswith("_") or ident in enum_attributes():
        ident = "M" + ident
    return ident


def unique_names(names: Iterable[str], taken: Iterable[str] = ()) -> List[str]:
    """Disambiguate in order: the second `foo` becomes `foo_2`, the third `foo_3`, ..."""
    used: Set[str] = set(taken)
    result: List[str] = []
    for name in names:
        candidate = unique_name(name, used)
        used.add(candidate)
        result.append(candidate)
    return result


def unique_name(name: str, *taken: Container[str]) -> str:
    """`name`, or the first of `name_2`, `name_3`, ... in none of the `taken` collections (left
    unchanged): for one name at a time, without copying them as `unique_names` must."""
    candidate, counter = name, 2
    while _in_any(candidate, taken):
        candidate, counter = f"{name}_{counter}", counter + 1
    return candidate


def _in_any(name: str, collections: Tuple[Container[str], ...]) -> bool:
    for names in collections:  # a loop, not any(<generator>): asked for every generated name
        if name in names:
            return True
    return False


def output_stems(cs_paths: Iterable[str]) -> Dict[str, str]:
    """C# file -> the stem of its outputs (Python module, TypeScript and JSON Schema file names).

    `pp_api/Data/GoalDataModel.cs` -> `goal_data_model`: only the file name counts, so a model
    keeps its module when files move between folders. Where several files share a name
    (`Data/Enums/ActionStatus.cs`, `Domain/Enums/ActionStatus.cs`), each of them is prefixed
    with its nearest directories, as few as tell them apart (`data_enums_action_status`,
    `domain_enums_action_status`); the others keep their plain stem. The result depends only on
    the set of paths, never on their order. Stems that still coincide are left for the emitters
    to report.
    """
    parts = {path: _path_parts(path) for path in sorted(set(cs_paths))}
    by_stem: Dict[str, List[str]] = {}
    for path, names in parts.items():
        by_stem.setdefault(names[-1], []).append(path)
    stems = {path: names[-1] for path, names in parts.items()}
    for group in (paths for paths in by_stem.values() if len(paths) > 1):
        stems.update(_distinct_suffixes({path: parts[path] for path in group}))
    return stems


def _path_parts(cs_path: str) -> List[str]:
    """Snake-cased directories and file stem of a path: `Data/GoalDataModel.cs` -> [data, goal_data_model]."""
    *directories, name = cs_path.replace("\\", "/").split("/")
    if name.lower().endswith(".cs"):
        name = name[:-3]
    return [python_field_name(part) for part in directories if part not in ("", ".")] + [
        python_field_name(name) if name else "module"
    ]


def _distinct_suffixes(group: Dict[str, List[str]]) -> Dict[str, str]:
    """The shortest path suffixes (joined by `_`) that are distinct within `group`."""
    longest = max(len(parts) for parts in group.values())
    for depth in range(2, longest + 1):
        stems = {path: "_".join(parts[-depth:]) for path, parts in group.items()}
        if len(set(stems.values())) == len(stems):
            return stems
    return {path: "_".join(parts) for path, parts in group.items()}


def python_module_for_stem(stem: str, package: str) -> str:
    """`goal_data_model` -> `pp_api_models.goal_data_model`."""
    return f"{package}.{stem}"


RUNTIME_MODULE = "_runtime"


def runtime_module_for_package(package: str) -> str:
    """The shared item-codec module every generated module imports: `<package>._runtime`."""
    return f"{package}.{RUNTIME_MODULE}"


def python_module_path(module: str) -> str:
    """`pp_api_models.goal_data_model` -> `pp_api_models/goal_data_model.py`."""
    return module.replace(".", "/") + ".py"


def ts_identifier(name: str) -> str:
    """A valid TypeScript type/const identifier close to `name`."""
    ident = ascii_fold(name.lstrip("@")) or "_"
    if ident[0].isdigit():
        ident = "_" + ident
    return ident + "_" if ident in TYPESCRIPT_RESERVED else ident


def ts_property_key(name: str) -> str:
    """An object-type member key: bare when it is an identifier, else a JSON-quoted string."""
    if name.isascii() and name.isidentifier():  # the common case, a subset of _TS_IDENTIFIER's
        return name
    return name if _TS_IDENTIFIER.match(name) else json.dumps(name, ensure_ascii=True)


# -- the names of one generation's outputs and of the types in them ------------------------------


def stems_by_file(index: IRIndex, repository_stems: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """C# file -> output stem of every file of this IR (`output_stems`), disambiguated among all
    files of the generation: `repository_stems` when the IR is only one target's closure (the Pants
    plugin computes them once over every C# target's file), else over the IR's own files. Stems
    that still coincide are an error, every one of them."""
    files = index.files()
    every = output_stems(files) if repository_stems is None else repository_stems
    owners: Dict[str, str] = {}
    problems: List[Problem] = []
    for path in files:
        stem = every[path]
        if stem in owners:
            message = f"output name {stem!r} is already used by {owners[stem]}; rename one file"
            problems.append(Problem(path, 0, 0, message))
        owners.setdefault(stem, path)
    if problems:
        raise EmitError(*problems)
    return {path: every[path] for path in files}


def physical_table_name_template(table: str, options: Options) -> str:
    """The CloudFormation `!Sub` template of a table's deployed name: `{table}` replaced, with any
    `${` in the C# table name escaped (`${!`) so that it stays literal."""
    return options.table_name_template.replace("{table}", table.replace("${", "${!"))


def declared_type_names(index: IRIndex, path: str, language: str, style: Callable[[str], str]) -> Dict[str, str]:
    """C# full name -> name in `language` of every enum and model declared in `path`: `style` of the C#
    name, made unique in declaration order, enums first (memoised per language: do not modify)."""

    def build() -> Dict[str, str]:
        declared = [(e.full_name, e.name) for e in index.enums_in(path)]
        declared += [(m.full_name, m.name) for m in index.models_in(path)]
        return dict(zip((full for full, _ in declared), unique_names(style(name) for _, name in declared)))

    return index.memoised(f"{language} type names", path, build)


class TypeReferences:
    """The names under which one generated module refers to enums and models: those it declares by
    their own name (`local`), another module's by a name it imports once (`imports`), the declared
    name unless one of the module's names takes it; then, with `qualify`, `<name>_<module's last
    part>` first, and anyway `_2`, `_3`, ... until no name of the module takes it."""

    def __init__(self, path: str, local: Dict[str, str], taken: Set[str], qualify: bool,
                 declared_in: Callable[[str], Dict[str, str]], module_of: Callable[[str], str]) -> None:
        self.path = path
        self.local = local  # C# full name -> name, of the module's own types
        self.taken = taken  # every name of the module so far: an import takes one too
        self.qualify = qualify
        self.declared_in = declared_in  # C# file -> its types' names (C# full name -> name)
        self.module_of = module_of  # C# file -> the module that declares its types
        self.imports: Dict[Tuple[str, str], str] = {}  # (module, declared name) -> local name, in first use order

    def name(self, full_name: str, file: str) -> str:
        """The local name of the type `full_name` declared in the C# file `file`."""
        if file == self.path:
            return self.local[full_name]
        module = self.module_of(file)
        declared = self.declared_in(file)[full_name]
        key = (module, declared)
        if key not in self.imports:
            alias = f"{declared}_{module.rsplit('.', 1)[-1]}" if self.qualify and declared in self.taken else declared
            self.imports[key] = unique_name(alias, self.taken)
            self.taken.add(self.imports[key])
        return self.imports[key]
