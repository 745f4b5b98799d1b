"""End to end over the real DynamoDB wire protocol: a moto server process, the generated
CloudFormation deployed with `create_stack`, and generated models written and read with boto3's
low-level client (the same `{"S": ...}` format .NET's SDK sends)."""

from __future__ import annotations

import datetime as dt
import decimal
import sys
from typing import Any, Iterator

import pytest

from dynamo_test_server import client, deploy_stack, moto_server
from schema_sync.emit.cloudformation import emit_cloudformation
from schema_sync.emit.python import emit_python
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx

UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with moto_server() as url:
        yield url


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("moto_gen")
    fx.write_files(root, emit_python(fx.kitchen_sink("V1"), Options(python_package="ks_moto")))
    runtime = fx.import_generated(root, "ks_moto._runtime")
    runtime.register_converter(
        "DateTimeOffsetConverter", runtime.datetimeoffset_to_attr, runtime.datetimeoffset_from_attr
    )
    return fx.import_generated(root, "ks_moto.everything")


def test_generated_stack_stores_what_the_models_write(endpoint: str, models: Any) -> None:
    template = emit_cloudformation(fx.kitchen_sink("V1"), Options())["everything-table.yaml"]
    deploy_stack(endpoint, "schema-sync", template)
    outputs = client("cloudformation", endpoint).describe_stacks(StackName="schema-sync")["Stacks"][0]["Outputs"]
    assert {o["OutputKey"]: o["OutputValue"] for o in outputs}["EverythingTableName"] == "purposepath-everything-test"

    dynamodb = client("dynamodb", endpoint)
    table = "purposepath-everything-test"
    description = dynamodb.describe_table(TableName=table)["Table"]
    assert [i["IndexName"] for i in description["GlobalSecondaryIndexes"]] == ["by-category"]
    assert [i["IndexName"] for i in description["LocalSecondaryIndexes"]] == ["by-when"]

    address = sys.modules["ks_moto.address"].Address
    item = models.Everything(
        id="e1", sort=7, category="tools", created_at=dt.datetime(2024, 7, 1, tzinfo=UTC),
        when=dt.datetime(2024, 7, 3, 1, 31, 47, 123000, tzinfo=UTC),
        flag=True, price=decimal.Decimal("9.5"), tags=["b", "a"], scores=[3, 1], maybe_ints=[1, None],
        home=address(street="Main", zip=1), attrs={"k": "v", "n": None}, matrix=[[1, 2]],
        offset=dt.datetime(2024, 7, 3, 3, 31, 47, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    )
    dynamodb.update_item(TableName=table, **item.save_request().arguments)
    stored = dynamodb.get_item(TableName=table, Key=item.key())["Item"]
    assert stored["Flag"] == {"N": "1"} and stored["Version"] == {"N": "0"}
    loaded = models.Everything.from_item(stored)
    assert sorted(loaded.tags) == ["a", "b"] and sorted(loaded.scores) == [1, 3]  # V1 sets: order is lost
    normalised = loaded.model_copy(update={"tags": item.tags, "scores": item.scores, "version": None,
                                           "matrix": [sorted(row) for row in loaded.matrix]})
    assert normalised.model_dump() == item.model_dump()

    by_category = dynamodb.query(
        TableName=table, IndexName=models.Everything.INDEX_BY_CATEGORY,
        KeyConditionExpression="category = :c", ExpressionAttributeValues={":c": {"S": "tools"}},
    )["Items"]
    assert [models.Everything.from_item(i).id for i in by_category] == ["e1"]
    by_when = dynamodb.query(
        TableName=table, IndexName=models.Everything.INDEX_BY_WHEN,
        KeyConditionExpression="id = :i AND #w >= :w", ExpressionAttributeNames={"#w": "when"},
        ExpressionAttributeValues={":i": {"S": "e1"}, ":w": {"S": "2024-01-01T00:00:00.000Z"}},
    )["Items"]
    assert len(by_when) == 1
