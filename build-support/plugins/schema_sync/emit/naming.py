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

import functools
import json
import keyword
import re
import unicodedata
from typing import Collection, Dict, Iterable, List, Set

# Member and type names repeat across a tree (inherited members, one name per C# convention):
# the pure name functions remember this many of the latest.
_NAME_CACHE = 1 << 14

# Names the generated Python modules import or use in annotations: a C# class with one of
# these names would shadow them, so it is renamed (trailing `_`) consistently everywhere.
PYTHON_MODULE_RESERVED = frozenset(
    {
        "annotations", "Any", "ClassVar", "Dict", "List", "Mapping", "Optional", "Set", "Tuple",
        "BaseModel", "ConfigDict", "Field", "IntEnum", "IntFlag", "Decimal", "UUID", "datetime",
        "uuid4", "_rt", "str", "int", "float", "bool", "bytes", "dict", "list", "set", "tuple",
        "object", "type", "None", "True", "False",
    }
)

# Attributes of pydantic's BaseModel and of the generated item codec: a field with one of these
# names would shadow a method (pydantic warns, mypy errors), so it gets a trailing `_`.
PYTHON_FIELD_RESERVED = frozenset(
    {
        "construct", "copy", "dict", "from_orm", "json", "parse_file", "parse_obj", "parse_raw",
        "schema", "schema_json", "update_forward_refs", "validate", "fields", "model_computed_fields",
        "model_config", "model_construct", "model_copy", "model_dump", "model_dump_json",
        "model_extra", "model_fields", "model_fields_set", "model_json_schema",
        "model_parametrized_name", "model_post_init", "model_rebuild", "model_validate",
        "model_validate_json", "model_validate_strings", "to_item", "from_item", "key",
        "str", "int", "float", "bool", "bytes", "datetime", "annotations",
    }
)

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


@functools.lru_cache(maxsize=_NAME_CACHE)
def python_identifier(name: str) -> str:
    """A valid, non-keyword Python identifier close to `name` (case preserved)."""
    ident = _UNDERSCORES.sub("_", ascii_fold(name.lstrip("@"))) or "_"
    if ident[0].isdigit():
        ident = "_" + ident
    if keyword.iskeyword(ident) or keyword.issoftkeyword(ident):
        ident += "_"
    return ident


def python_class_name(name: str) -> str:
    """The Python class for a C# type: its name, made safe and kept off the module's imports."""
    ident = python_identifier(name)
    # A leading underscore would make pydantic treat references oddly and ruff flag privates.
    if ident.startswith("_"):
        ident = "T" + ident
    return ident + "_" if ident in PYTHON_MODULE_RESERVED else ident


@functools.lru_cache(maxsize=_NAME_CACHE)
def python_field_name(name: str) -> str:
    """The snake_case field for a C# member; never a keyword, builtin we use, or BaseModel attr."""
    field = snake_case(name)
    if field[0].isdigit():
        field = "f_" + field
    if keyword.iskeyword(field) or keyword.issoftkeyword(field) or field in PYTHON_FIELD_RESERVED:
        field += "_"
    return field


def python_constant_name(name: str) -> str:
    """UPPER_SNAKE constant for an arbitrary string (index names: `tenant_id-index`)."""
    const = snake_case(name).upper()
    return "N_" + const if const[0].isdigit() else const


def python_enum_member(name: str) -> str:
    """Enum members keep their C# spelling (`OnHold`), made a safe identifier."""
    ident = python_identifier(name)
    # Enum treats `_sunder_`/`__dunder__` names specially and rejects `mro`; keep clear of them.
    if ident.startswith("_") or ident in {"mro", "name", "value"}:
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


def unique_name(name: str, taken: Collection[str]) -> str:
    """`name`, or the first of `name_2`, `name_3`, ... not in `taken` (left unchanged): for one
    name at a time, without copying `taken` as `unique_names` must."""
    candidate, counter = name, 2
    while candidate in taken:
        candidate, counter = f"{name}_{counter}", counter + 1
    return candidate


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
