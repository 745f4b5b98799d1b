"""CloudFormation templates: structure, cfn-lint, and strings that try to inject YAML."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from schema_sync.emit.cloudformation import dump_yaml, emit_cloudformation, template_data
from schema_sync.emit.errors import EmitError
from schema_sync.ir import Attribute, IndexRole, SchemaIR
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx


def _lint(text: str) -> list[str]:
    from cfnlint.api import ManualArgs, lint

    return [str(match) for match in lint(text, config=ManualArgs(regions=["us-east-1"]))]


def test_one_template_per_table_and_a_combined_one() -> None:
    out = emit_cloudformation(fx.kitchen_sink(), Options())
    assert sorted(out) == ["everything-table.yaml", "tables.yaml"]
    template = fx.load_cloudformation(out["everything-table.yaml"])
    table = template["Resources"]["EverythingTable"]
    assert template["Parameters"]["Stage"]["Type"] == "String"
    assert (table["DeletionPolicy"], table["UpdateReplacePolicy"]) == ("Retain", "Retain")
    props = table["Properties"]
    assert props["TableName"] == {"!Sub": "purposepath-everything-${Stage}"}
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert props["SSESpecification"] == {"SSEEnabled": True}
    # Exactly the key attributes of the table and its indexes, with .NET's storage types.
    assert props["AttributeDefinitions"] == [
        {"AttributeName": "category", "AttributeType": "S"},
        {"AttributeName": "id", "AttributeType": "S"},
        {"AttributeName": "sort", "AttributeType": "N"},
        {"AttributeName": "when", "AttributeType": "S"},
    ]
    assert props["KeySchema"] == [
        {"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "sort", "KeyType": "RANGE"}
    ]
    assert props["GlobalSecondaryIndexes"] == [{
        "IndexName": "by-category",
        "KeySchema": [{"AttributeName": "category", "KeyType": "HASH"}, {"AttributeName": "sort", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "ALL"},
    }]
    assert props["LocalSecondaryIndexes"][0]["KeySchema"][0] == {"AttributeName": "id", "KeyType": "HASH"}
    assert template["Outputs"]["EverythingTableArn"]["Value"] == {"!GetAtt": "EverythingTable.Arn"}
    assert template["Outputs"]["EverythingTableName"]["Export"]["Name"] == {
        "!Sub": "${AWS::StackName}-EverythingTableName"
    }


def test_header_names_sources_and_hash() -> None:
    text = emit_cloudformation(fx.kitchen_sink(), Options())["everything-table.yaml"]
    lines = text.splitlines()
    assert lines[1] == f"# source: {fx.MAIN_FILE}" and lines[-1] != ""
    assert any(line.startswith("# inputs sha256: ") for line in lines[:8])


def test_table_name_template_is_configurable() -> None:
    out = emit_cloudformation(fx.kitchen_sink(), Options(table_name_template="{table}-${Stage}-x"))
    props = fx.load_cloudformation(out["tables.yaml"])["Resources"]["EverythingTable"]["Properties"]
    assert props["TableName"] == {"!Sub": "everything-${Stage}-x"}


def test_templates_pass_cfn_lint() -> None:
    for name, text in emit_cloudformation(fx.kitchen_sink(), Options()).items():
        assert _lint(text) == [], name


def test_deterministic() -> None:
    assert emit_cloudformation(fx.kitchen_sink(), Options()) == emit_cloudformation(fx.kitchen_sink(), Options())


def _without_header(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("# "))


@pytest.mark.parametrize("name", ["Category", "x" * 255, "a long name " * 15, "Größe: 'x' \"y\"", "x\n  - y: z",
                                  "a long ${Stage} name " * 12])
def test_templates_are_the_yaml_of_their_data(name: str) -> None:
    """Entries are written once and shared between templates; the text must still be exactly
    PyYAML's dump of the whole template (line folding of long strings included)."""
    ir = _with_attribute(fx.kitchen_sink(), "Category", name=name)
    options = Options(table_name_template="a-very-long-prefix-without-spaces." * 5 + "{table}-${Stage}")
    out = emit_cloudformation(ir, options)
    expected = dump_yaml(template_data(ir, options))
    assert _without_header(out["tables.yaml"]) == expected
    assert _without_header(out["everything-table.yaml"]) == expected  # one table: the same template


def _with_attribute(ir: SchemaIR, prop: str, **changes: Any) -> SchemaIR:
    model = ir.model("Everything")
    attributes = tuple(dataclasses.replace(a, **changes) if a.property == prop else a for a in model.attributes)
    return SchemaIR((dataclasses.replace(model, attributes=attributes), *ir.models[1:]), ir.enums, ())


def test_hostile_key_names_are_yaml_data_not_structure() -> None:
    evil = "x\n  Injected: !Ref AWS::AccountId\n# '\"{}[]&*!|>%@`"
    ir = _with_attribute(fx.kitchen_sink(), "Category", name=evil)
    text = emit_cloudformation(ir, Options())["everything-table.yaml"]
    props = fx.load_cloudformation(text)["Resources"]["EverythingTable"]["Properties"]
    assert {"AttributeName": evil, "AttributeType": "S"} in props["AttributeDefinitions"]
    assert "Injected" not in fx.load_cloudformation(text)["Resources"]["EverythingTable"]
    assert _lint(text) == []


@pytest.mark.parametrize("table", ["t'; rm -rf / #", "x${AWS::AccountId}", "ab", "a\nb: c"])
def test_invalid_table_names_are_errors(table: str) -> None:
    ir = fx.kitchen_sink()
    bad = SchemaIR((dataclasses.replace(ir.model("Everything"), table=table), *ir.models[1:]), ir.enums, ())
    with pytest.raises(EmitError, match="table name .* is not a valid DynamoDB name"):
        emit_cloudformation(bad, Options())


def test_key_that_is_not_a_primitive_is_an_error() -> None:
    ir = _with_attribute(fx.kitchen_sink(), "Category", storage="ANY", converter="SomeConverter")
    with pytest.raises(EmitError, match="must be S, N or B"):
        emit_cloudformation(ir, Options())


def test_index_with_range_but_no_hash_is_an_error() -> None:
    ir = _with_attribute(fx.kitchen_sink(), "Category", gsi=(IndexRole("only-range", "range"),))
    ir = _with_attribute(ir, "Sort", gsi=())
    with pytest.raises(EmitError, match="no hash key"):
        emit_cloudformation(ir, Options())


def test_models_sharing_a_table_must_agree() -> None:
    ir = fx.kitchen_sink()
    everything = ir.model("Everything")
    other_key: Attribute = dataclasses.replace(everything.attributes[2], name="other_id")
    twin = dataclasses.replace(everything, name="Twin", attributes=(other_key,))
    with pytest.raises(EmitError, match="disagree"):
        emit_cloudformation(SchemaIR((*ir.models, twin), ir.enums, ()), Options())


def test_no_tables_no_templates() -> None:
    ir = fx.kitchen_sink()
    assert emit_cloudformation(SchemaIR(tuple(m for m in ir.models if not m.table), ir.enums, ()), Options()) == {}
