"""The names in generated Python: what a module imports and uses, and what the IR's types become.

What a generated module binds or reads besides its own classes (typing and pydantic names, builtins,
the runtime's alias) is listed here once: the Python emitter writes those names, and no generated
class or field may take one (`reserved_names`). Every C# enum, model and member gets its Python name
here (`class_names_for_file`, `enum_member_names`, `field_names`), so every output that refers to a
generated class (the JSON Schema documents are named after them) agrees with the Python modules
without asking the Python emitter.
"""

from __future__ import annotations

import builtins
import functools
from typing import AbstractSet, Dict, FrozenSet, List, Tuple

from schema_sync.emit import naming
from schema_sync.emit.index import IRIndex
from schema_sync.ir import Enum, Model

# IR scalar kind -> (annotation, runtime codec expression).
SCALARS: Dict[str, Tuple[str, str]] = {
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
CONVERTER_ONLY = {"datetimeoffset": "AwareDatetime", "timespan": "timedelta"}
# Where each name a generated module may use comes from.
IMPORT_SOURCES: Dict[str, str] = {
    "Any": "typing", "ClassVar": "typing", "Dict": "typing", "List": "typing", "Mapping": "typing",
    "Optional": "typing", "Set": "typing", "Tuple": "typing",
    "Decimal": "decimal", "UUID": "uuid", "uuid4": "uuid",
    "date": "datetime", "time": "datetime", "timedelta": "datetime",
    "IntFlag": "enum",
    "AwareDatetime": "pydantic", "ConfigDict": "pydantic", "Field": "pydantic",
}
BUILTIN_CONTAINERS = {"List": "list", "Set": "set", "Dict": "dict"}  # typing name -> its factory
RUNTIME_ALIAS = "_rt"  # how every generated module imports the runtime: `from <package> import _runtime as _rt`
# Builtins generated code names: annotations (`str`, `bytes`, ...) and default factories (`list`, ...).
_BUILTINS_USED = frozenset(
    name
    for name in [*(annotation for annotation, _ in SCALARS.values()), *CONVERTER_ONLY.values(),
                 *BUILTIN_CONTAINERS.values()]
    if hasattr(builtins, name)
)
# Every name a generated module binds or reads besides its own classes: its imports, the builtins
# it uses and the runtime's alias. A class or field of one of these names would shadow it in the
# module or in a model's body (where defaults and ATTRIBUTES are evaluated).
_MODULE_NAMES = frozenset(IMPORT_SOURCES) | _BUILTINS_USED | {"annotations", RUNTIME_ALIAS}


@functools.cache
def reserved_names() -> FrozenSet[str]:
    """What no generated class, field or imported class may be called: the names a generated module
    uses (`_MODULE_NAMES`) and every attribute a model inherits (`naming.model_attributes`)."""
    return _MODULE_NAMES | naming.model_attributes()


def class_names_for_file(index: IRIndex, path: str) -> Dict[str, str]:
    """C# full name -> Python class name for every enum and model declared in `path` (do not
    modify: it is memoised)."""
    return naming.declared_type_names(index, path, "python", _class_name)


def _class_name(name: str) -> str:
    return naming.python_class_name(name, reserved_names())


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
