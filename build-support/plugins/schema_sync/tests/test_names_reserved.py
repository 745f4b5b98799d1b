"""The names generated code keeps clear of come from what defines them, and stay complete.

The emitter runs where pydantic cannot be imported and on Python 3.9 to 3.13, so two lists are
kept in `naming`; these tests hold them to the installed pydantic and the running interpreter.
Everything else is read from the source that defines it: the runtime's classes (`ast`) and the
emitter's own tables of what a generated module imports.
"""

from __future__ import annotations

import ast
import enum
from pathlib import Path
from typing import Any, Dict, Iterator, Set

import pydantic
import pytest

from schema_sync.emit import naming
from schema_sync.emit.python import emit_python, runtime_module
from schema_sync.emit.python_names import reserved_names
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx
from schema_sync.tests.model_fixtures import fixture_ir


def _public(names: Set[str]) -> Set[str]:
    return {name for name in names if not name.startswith("_")}


def test_pydantic_attributes_are_all_listed() -> None:
    """Every attribute pydantic's warning looks for (`hasattr` on the model: the metaclass's too)."""
    attributes = set(dir(pydantic.BaseModel)) | set(dir(type(pydantic.BaseModel)))
    assert _public(attributes) <= naming.PYDANTIC_MODEL_ATTRIBUTES


def test_int_enum_attributes_are_all_listed() -> None:
    attributes = set(dir(int)) | set(dir(enum.IntEnum)) | set(dir(enum.IntFlag))
    assert _public(attributes) <= naming.INT_ENUM_ATTRIBUTES


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("runtime")
    fx.write_files(root, {"reserved_rt/__init__.py": "", "reserved_rt/_runtime.py": runtime_module(Options())})
    yield fx.import_generated(root, "reserved_rt._runtime")


def test_runtime_members_are_read_from_the_runtime(runtime: Any) -> None:
    """What the runtime's DynamoModel and OpenIntEnum add to their bases is what the emitter
    reserves, read from the runtime's source (so a method added there is reserved at once)."""
    dynamo_model = runtime.DynamoModel
    added = set(dir(dynamo_model)) - set(dir(pydantic.BaseModel))
    assert {name for name in added if not name.startswith("__")} <= naming.runtime_members("DynamoModel")
    assert {"save_request", "saved", "delete_request", "encode_attribute", "_decoded", "query_request",
            "physical_table_name", "ATTRIBUTES", "to_item", "from_item", "key"} <= naming.model_attributes()
    open_enum = runtime.OpenIntEnum
    added = set(vars(open_enum)) - set(vars(enum.IntEnum))
    assert {name for name in added if not name.startswith("__")} <= naming.enum_attributes()


def test_a_suffix_always_leaves_the_reserved_names() -> None:
    """A trailing `_` or `_2` is how a name dodges a reserved one, so none may end that way
    (generated names never start with `_`: fields are snake_case, classes get a `T`, members an `M`)."""
    reserved = {name for name in reserved_names() | naming.enum_attributes() if not name.startswith("_")}
    assert not [name for name in reserved if name.endswith("_") or name.rsplit("_", 1)[-1].isdigit()]


def test_names_do_not_depend_on_the_python_version() -> None:
    """Soft keywords are pinned (3.9 has none, 3.12 adds `type`): Pants (3.9) and the CLI agree."""
    names = ["Match", "Case", "Type", "Print", "Exec"]
    assert [naming.python_field_name(n) for n in names] == ["match_", "case_", "type", "print", "exec"]
    assert naming.python_class_name("match") == "Tmatch"


def _names_read(tree: ast.Module) -> Set[str]:
    """Every name a module reads (annotations are expressions too under `from __future__ import
    annotations`, and pydantic resolves them where a field of the same name would shadow them)."""
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}


def test_every_name_a_generated_module_reads_is_reserved(tmp_path: Path) -> None:
    """The emitter's list of the names generated modules use is complete: a module reads nothing
    but those and the classes it declares or imports from the package. A new import or builtin in
    generated code that is missing from it fails here (a field of that name would shadow it)."""
    outputs: Dict[str, str] = {}
    for package, ir in (("r_fixture", fixture_ir()), ("r_ks", fx.kitchen_sink("V2")), ("r_hostile", fx.hostile())):
        outputs.update(emit_python(ir, Options(python_package=package)))
    for path, text in outputs.items():
        if path.endswith("/_runtime.py"):
            continue
        tree = ast.parse(text)
        own_classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
        imported_classes = {
            alias.asname or alias.name
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[-1] != "_runtime"
            and node.module.split(".")[0] in ("r_fixture", "r_ks", "r_hostile") and node.level == 0
            for alias in node.names
            if alias.name != "_runtime"
        }
        unknown = _names_read(tree) - own_classes - imported_classes - reserved_names()
        assert not unknown, f"{path} reads {sorted(unknown)}, which generated fields and classes may shadow"
