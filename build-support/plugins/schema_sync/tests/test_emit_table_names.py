"""The deployed table name reaches Python from the same template as CloudFormation's `TableName`,
so a change of `[schema-sync].table_name_template` changes both (no name mirrored by hand)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from schema_sync.emit.cloudformation import emit_cloudformation
from schema_sync.emit.python import emit_python
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx
from schema_sync.tests.snippets import schema_of, table

TEMPLATE = "acme-{table}-${AWS::Region}-${!Literal}-${Stage}"
DEPLOYABLE = "acme-{table}-${AWS::Region}-${Stage}"  # `${!Literal}` is a `$` DynamoDB refuses in a name
PLAIN = """
using Amazon.DynamoDBv2.DataModel;
namespace App.Data;
public class Plain { [DynamoDBProperty("n")] public int N { get; set; } }
"""
SOURCES = (table("", table_name="goals"), PLAIN)


@pytest.fixture(scope="module")
def module(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    root = tmp_path_factory.mktemp("names")
    options = Options(python_package="names", table_name_template=TEMPLATE)
    fx.write_files(root, emit_python(schema_of(*SOURCES), options))
    return fx.import_generated(root, "names.file0")


def test_physical_name_is_the_cloudformation_table_name(tmp_path: Path) -> None:
    options = Options(python_package="deployable", table_name_template=DEPLOYABLE)
    template = emit_cloudformation(schema_of(*SOURCES), options)["goals-table.yaml"]
    resource = next(iter(fx.load_cloudformation(template)["Resources"].values()))
    fx.write_files(tmp_path, emit_python(schema_of(*SOURCES), options))
    physical = "acme-goals-${AWS::Region}-${Stage}"
    assert resource["Properties"]["TableName"] == {"!Sub": physical}
    assert fx.import_generated(tmp_path, "deployable.file0").Item.PHYSICAL_TABLE_NAME == physical


def test_physical_name_resolves_like_sub(module: ModuleType) -> None:
    name = module.Item.physical_table_name("prod", **{"AWS::Region": "eu-west-1"})
    assert name == "acme-goals-eu-west-1-${Literal}-prod"


def test_a_variable_without_a_value_is_an_error(module: ModuleType) -> None:
    with pytest.raises(ValueError, match=r"needs a value for AWS::Region"):
        module.Item.physical_table_name("prod")


def test_a_model_without_a_table_has_no_physical_name(tmp_path: Path) -> None:
    fx.write_files(tmp_path, emit_python(schema_of(*SOURCES[1:]), Options(python_package="plain")))
    plain = fx.import_generated(tmp_path, "plain.file0").Plain
    with pytest.raises(TypeError, match="no \\[DynamoDBTable\\]"):
        plain.physical_table_name("prod")
