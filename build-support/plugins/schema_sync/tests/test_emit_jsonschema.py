"""JSON Schema documents validate exactly the items `to_item()` (and .NET) write."""

from __future__ import annotations

import ast
import base64
import json
from pathlib import Path
from typing import Any, Dict

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from schema_sync.emit.jsonschema import emit_jsonschema
from schema_sync.emit.python import emit_python
from schema_sync.ir import Model, SchemaIR
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx
from schema_sync.tests.test_emit_python import V1_ITEM, V2_ITEM, _everything_strategy


def _as_json(value: Any) -> Any:
    """The item as DynamoDB's JSON wire format spells it: bytes as base64 text."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def _validator(conversion: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(emit_jsonschema(fx.kitchen_sink(conversion), Options())["everything.Everything.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("conversion, item", [("V1", V1_ITEM), ("V2", V2_ITEM)])
def test_dotnet_items_validate(conversion: str, item: Dict[str, Any]) -> None:
    _validator(conversion).validate(_as_json(item))


def test_other_schema_forms_are_rejected() -> None:
    v1, v2 = _validator("V1"), _validator("V2")
    assert not v1.is_valid(_as_json(V2_ITEM))  # BOOL and L where V1 writes N and sets
    assert not v2.is_valid(_as_json(V1_ITEM))
    broken = {**V1_ITEM, "when": {"S": "2024-07-03T01:31:47Z"}}  # .NET always writes milliseconds
    assert not v1.is_valid(_as_json(broken))
    assert not v1.is_valid(_as_json({k: v for k, v in V1_ITEM.items() if k != "id"}))  # the hash key
    assert not v1.is_valid(_as_json({**V1_ITEM, "Color": {"N": "red"}}))  # not a number
    assert v1.is_valid(_as_json({**V1_ITEM, "Color": {"N": "7"}}))  # a member a newer model added: C# enums are open


@pytest.mark.parametrize("conversion", ["V1", "V2"])
def test_every_to_item_output_validates(tmp_path_factory: pytest.TempPathFactory, conversion: str) -> None:
    root: Path = tmp_path_factory.mktemp("js")
    package = f"js_{conversion.lower()}"
    fx.write_files(root, emit_python(fx.kitchen_sink(conversion), Options(python_package=package)))
    module = fx.import_generated(root, f"{package}.everything")
    runtime = fx.import_generated(root, f"{package}._runtime")
    runtime.register_converter("DateTimeOffsetConverter", runtime.datetimeoffset_to_attr,
                               runtime.datetimeoffset_from_attr)
    validator = _validator(conversion)

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_everything_strategy(module))
    def check(instance: Any) -> None:
        validator.validate(_as_json(instance.to_item()))

    check()


def test_one_document_per_model_with_provenance() -> None:
    out = emit_jsonschema(fx.kitchen_sink(), Options())
    assert sorted(out) == [
        "address.Address.schema.json", "base_thing.BaseThing.schema.json", "everything.Everything.schema.json",
    ]
    document = json.loads(out["everything.Everything.schema.json"])
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert f"source: {fx.MAIN_FILE}" in document["$comment"] and "inputs sha256: " in document["$comment"]
    assert document["properties"]["Home"]["properties"]["M"] == {"$ref": "#/$defs/address.Address"}


def test_hostile_strings_are_json_data() -> None:
    for text in emit_jsonschema(fx.hostile(), Options()).values():
        document = json.loads(text)
        jsonschema.Draft202012Validator.check_schema(document)
        assert "from-attr.with dots" in document.get("properties", {}) or document["title"] == "str"


def test_each_document_is_named_after_the_python_class_it_describes() -> None:
    """Also where the class name had to change (a name the Python module uses, one that folds into
    another): the documents and the modules read one naming rule (`emit.python_names`)."""
    names = ("Field", "ATTRIBUTES", "Optional", "Über", "Uber")
    models = tuple(
        Model(name=name, namespace=fx.NS, file=fx.MAIN_FILE, line=line, col=1, base=None, table=None,
              attributes=(fx.attr("Id", fx.t("string"), declared_in=name),))
        for line, name in enumerate(names, 1)
    )
    ir = SchemaIR(models=models, enums=(), diagnostics=(), sources=(fx.source(fx.MAIN_FILE),))
    module = ast.parse(emit_python(ir, Options())["pp_api_models/everything.py"])
    classes = [node.name for node in module.body if isinstance(node, ast.ClassDef)]
    assert classes == ["Field_", "ATTRIBUTES_", "Optional_", "Uber", "Uber_2"]
    assert sorted(emit_jsonschema(ir, Options())) == sorted(f"everything.{name}.schema.json" for name in classes)
