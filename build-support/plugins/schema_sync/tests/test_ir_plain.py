"""The IR is plain: frozen dataclasses built by keyword, closed vocabularies typed as Literals and
checked at run time here, and extraction keeps no state but the parser's one sharing store."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import json
import sys
import textwrap
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterator, List, Literal, Optional, Union, get_args, get_origin, get_type_hints

import pytest

import schema_sync
from schema_sync import ir
from schema_sync.csharp import parse, sharing
from schema_sync.extract import extract
from schema_sync.options import Options
from schema_sync.resolve import resolve
from schema_sync.tests import ir_fixtures as fx
from schema_sync.tests.model_fixtures import fixture_sources
from schema_sync.tests.test_ir_storage import TREES

PACKAGE = Path(schema_sync.__file__).parent
IR_CLASSES = sorted(ir._DATACLASSES, key=lambda cls: cls.__name__)
# Where IR objects are built: every construction there passes its fields by keyword.
BUILDERS = [
    PACKAGE / "ir.py", PACKAGE / "extract.py", *sorted((PACKAGE / "resolve").glob("*.py")),
    *sorted((PACKAGE / "csharp").glob("*.py")), PACKAGE / "tests" / "ir_fixtures.py",
]


@pytest.mark.parametrize("cls", IR_CLASSES, ids=lambda cls: cls.__name__)
def test_every_ir_class_is_a_plain_frozen_dataclass(cls: type) -> None:
    params = getattr(cls, "__dataclass_params__")  # noqa: B009 (mypy does not know the attribute)
    assert params.frozen and params.init and params.eq
    # The __init__ dataclasses generates, not a replacement: it names the class's own fields.
    assert list(inspect.signature(cls).parameters) == [f.name for f in dataclasses.fields(cls)]
    assert vars(cls)["__init__"].__qualname__ == f"{cls.__qualname__}.__init__"


def _called_name(call: ast.Call) -> Optional[str]:
    """`X` of a call `X(...)` or `ir.X(...)`."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "ir":
        return func.attr
    return None


@pytest.mark.parametrize("path", BUILDERS, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_ir_objects_are_built_by_keyword(path: Path) -> None:
    names = {cls.__name__ for cls in IR_CLASSES}
    calls = [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.Call)]
    positional = [f"{path.name}:{call.lineno}: {_called_name(call)}" for call in calls
                  if _called_name(call) in names and call.args]
    assert positional == []


def _literal_values(hint: Any) -> Optional[FrozenSet[Any]]:
    """The values a Literal field (or an Optional/Union of Literals) may hold; None for other fields."""
    if get_origin(hint) is Literal:
        return frozenset(get_args(hint))
    if get_origin(hint) is Union:
        parts = [_literal_values(arg) for arg in get_args(hint) if arg is not type(None)]
        if all(part is not None for part in parts):
            return frozenset(value for part in parts if part is not None for value in part)
    return None


def _closed_fields(cls: type) -> Dict[str, FrozenSet[Any]]:
    closed = {name: _literal_values(hint) for name, hint in get_type_hints(cls).items()}
    return {name: values for name, values in closed.items() if values is not None}


def _ir_objects(value: Any) -> Iterator[Any]:
    if dataclasses.is_dataclass(value):
        yield value
        for field in dataclasses.fields(value):
            yield from _ir_objects(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _ir_objects(item)


def test_the_closed_vocabularies_are_their_literal_types() -> None:
    assert _closed_fields(ir.TypeRef)["kind"] == ir.SCALAR_KINDS | ir.COMPOSITE_KINDS
    assert _closed_fields(ir.TypeRef)["storage"] == ir.STORAGE_TYPES
    assert ir.NUMERIC_KINDS > ir.INTEGRAL_KINDS and ir.SCALAR_KINDS > ir.NUMERIC_KINDS
    assert ir.SET_STORAGE_TYPES < ir.STORAGE_TYPES and ir.COLLECTION_KINDS < ir.COMPOSITE_KINDS
    assert _closed_fields(ir.Model)["conversion"] == ir.CONVERSIONS
    fields = {(cls.__name__, name) for cls in IR_CLASSES for name in _closed_fields(cls)}
    assert fields == {
        ("Attribute", "epoch"), ("Attribute", "key"), ("Attribute", "storage"), ("Default", "kind"),
        ("Diagnostic", "severity"), ("Enum", "underlying"), ("IndexRole", "role"), ("Model", "conversion"),
        ("TypeRef", "kind"), ("TypeRef", "storage"),
    }


def _extracted_schemas() -> Iterator[ir.SchemaIR]:
    for tree in TREES.values():
        for conversion in ("V1", "V2"):
            yield extract(tree(), Options(conversion=conversion))
    yield from (fx.kitchen_sink("V1"), fx.kitchen_sink("V2"), fx.hostile())


def test_every_closed_field_holds_a_value_of_its_type() -> None:
    """Literal types are not checked at run time: what resolve (and the fixtures) build is, here."""
    closed = {cls: _closed_fields(cls) for cls in IR_CLASSES}
    wrong: List[str] = []
    for schema in _extracted_schemas():
        for item in _ir_objects(schema):
            for name, values in closed[type(item)].items():
                value = getattr(item, name)
                if value is not None and value not in values:
                    wrong.append(f"{type(item).__name__}.{name} = {value!r}")
    assert sorted(set(wrong)) == []


def test_a_member_without_converter_or_epoch_is_stored_as_its_type_says() -> None:
    for schema in _extracted_schemas():
        for model in schema.models:
            for attribute in model.attributes:
                if not attribute.converter and not attribute.epoch:
                    assert attribute.storage == attribute.type.storage, (model.name, attribute.property)


def test_json_round_trips_and_equals_asdict() -> None:
    schema = extract(TREES["matrix"](), Options())
    assert ir.schema_from_json(schema.to_json()) == schema
    as_dict = json.loads(json.dumps(dataclasses.asdict(schema)))  # tuples as lists
    assert json.loads(schema.to_json()) == schema.to_json_dict() == as_dict


def test_json_without_the_storage_of_a_type_is_refused() -> None:
    text = fx.kitchen_sink().to_json().replace('"nullable_elements": false', '"x": false', 1)
    with pytest.raises(KeyError):
        ir.schema_from_json(text)


def test_extraction_entry_points_take_only_their_inputs() -> None:
    """No parameter threads what a caller wants kept alive (a process exiting with os._exit)."""
    assert list(inspect.signature(extract).parameters) == ["files", "options", "processes"]
    assert list(inspect.signature(resolve).parameters) == ["files", "options", "sources", "catalog", "processes"]


def _module_dicts() -> Dict[str, int]:
    """Size of every dict held at module level by the core's modules."""
    return {
        f"{name}.{attribute}": len(value)
        for name, module in list(sys.modules.items())
        if name.startswith("schema_sync.") and not name.startswith("schema_sync.tests")
        for attribute, value in vars(module).items()
        if isinstance(value, dict) and not attribute.startswith("__")
    }


def test_parsing_keeps_state_only_in_the_one_sharing_store() -> None:
    extract(fixture_sources(), Options())  # imports everything, fills what fills once
    before = _module_dicts()
    source = textwrap.dedent(
        """
        using Other.Namespace;
        namespace Fresh.Space;
        [DynamoDBTable("fresh_table_x")]
        public class FreshModel
        {
            [DynamoDBHashKey("fresh_id")] public System.Guid FreshId { get; private set; }
            internal protected Dictionary<string, List<FreshValue?>> FreshValues { get; init; } = new();
        }
        """
    )
    parse.parse_file("fresh/FreshModel.cs", source.encode())
    grown = sorted(name for name, size in _module_dicts().items() if size != before.get(name))
    assert grown == ["schema_sync.csharp.sharing._shared"]


def test_the_sharing_store_is_bounded() -> None:
    for index in range(sharing._MAX_SHARED + 1):
        sharing.shared(("test value", index), int)
    assert len(sharing._shared) <= sharing._MAX_SHARED
    assert sharing.shared(("test value", -1), lambda: "built") == "built"


def test_no_core_module_builds_code_or_interns_strings() -> None:
    """Speed tricks live behind their named boundaries (`csharp/sharing.py`, `gc_pause.py`)."""
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "tests" not in path.parts and "shipped" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "exec(" in line or "sys.intern(" in line
    ]
    assert found == []
