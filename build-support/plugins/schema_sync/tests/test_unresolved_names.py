"""A stored name whose constant lives outside the given sources: strict mode is an error with
`file:line:col`; lenient mode keeps the attribute, marks its name unresolved in the IR, and every
emitter refuses it rather than read and write the member's own name (which .NET never stores)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from schema_sync.cli import main
from schema_sync.emit.cloudformation import emit_cloudformation
from schema_sync.emit.errors import EmitError
from schema_sync.emit.jsonschema import emit_jsonschema
from schema_sync.emit.python import emit_python
from schema_sync.emit.typescript import emit_typescript
from schema_sync.ir import schema_from_json
from schema_sync.options import Options
from schema_sync.tests.snippets import attribute, messages, schema_of, table

ITEM = table('[DynamoDBProperty(AttributeNames.Owner)] public string OwnerId { get; set; } = "";')


def test_strict_extraction_reports_the_constant_with_its_position() -> None:
    schema = schema_of(ITEM)
    assert any("AttributeNames" in message for message in messages(schema))
    assert all(d.line > 0 and d.col > 0 for d in schema.errors)


def test_the_ir_marks_the_name_unresolved() -> None:
    owner = attribute(schema_of(ITEM), "Item", "OwnerId")
    assert owner.unresolved_name == "AttributeNames.Owner"
    assert attribute(schema_of(ITEM), "Item", "Id").unresolved_name is None


@pytest.mark.parametrize("emit", [emit_python, emit_typescript, emit_jsonschema, emit_cloudformation])
def test_every_emitter_refuses_an_unresolved_name(emit: Any) -> None:
    """Even when handed the IR directly, past the errors that `generate` refuses first."""
    expected = r"src/File0\.cs:8:60: Item\.OwnerId: the stored name `AttributeNames\.Owner`"
    with pytest.raises(EmitError, match=expected):
        emit(schema_of(ITEM), Options())


def test_lenient_extract_keeps_the_mark_and_generate_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "Item.cs"
    source.write_text(ITEM)
    out, err = io.StringIO(), io.StringIO()
    assert main(["extract", "--lenient", str(source)], out, err) == 0
    owner = next(a for a in schema_from_json(out.getvalue()).models[0].attributes if a.property == "OwnerId")
    assert owner.unresolved_name == "AttributeNames.Owner" and owner.name == "OwnerId"

    err = io.StringIO()
    assert main(["generate", "--out", str(tmp_path / "gen"), str(source)], io.StringIO(), err) == 1
    assert f"{source}:8:10: error: cannot resolve attribute argument" in err.getvalue()
    assert not (tmp_path / "gen").exists()
