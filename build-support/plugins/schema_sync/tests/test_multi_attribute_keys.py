"""Multi-attribute GSI keys: up to four partition and four sort key attributes per index, ordered
by `Order = n` on the GSI attributes. Several attributes of one role without distinct orders stay
an error. Checked from C# through the IR, CloudFormation (cfn-lint, and a real deploy and query on
moto's server), the generated INDEXES metadata and `Model.query_request`."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

from dynamo_test_server import client, deploy_stack, moto_server
from schema_sync.emit.cloudformation import emit_cloudformation
from schema_sync.emit.python import emit_python
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx
from schema_sync.tests.snippets import messages, schema_of, table

SCORES = table(
    """
    [DynamoDBGlobalSecondaryIndexHashKey("by-place", Order = 2)] public string Region { get; set; } = "";
    [DynamoDBGlobalSecondaryIndexHashKey("by-place", Order = 1)] public string Tenant { get; set; } = "";
    [DynamoDBGlobalSecondaryIndexRangeKey("by-place", Order = 1)] public int Rank { get; set; }
    [DynamoDBGlobalSecondaryIndexRangeKey("by-place", Order = 2)] public string Player { get; set; } = "";
    [DynamoDBGlobalSecondaryIndexHashKey("by-player")] public string Nick { get; set; } = "";
    """,
    name="Score",
    table_name="scores",
)


def _gsi_messages(body: str) -> list[str]:
    return messages(schema_of(table(body)))


def test_order_gives_each_attribute_its_place_in_the_key() -> None:
    model = schema_of(SCORES).model("Score")
    assert [a.name for a in model.gsi_key_attributes("by-place", "hash")] == ["Tenant", "Region"]
    assert [a.name for a in model.gsi_key_attributes("by-place", "range")] == ["Rank", "Player"]
    assert [a.name for a in model.gsi_key_attributes("by-player", "hash")] == ["Nick"]


@pytest.mark.parametrize(
    "body, expected",
    [
        ('[DynamoDBGlobalSecondaryIndexHashKey("g")] public string A { get; set; } = "";'
         '[DynamoDBGlobalSecondaryIndexHashKey("g")] public string B { get; set; } = "";',
         "global secondary index 'g' has several hash keys: A, B"),
        ('[DynamoDBGlobalSecondaryIndexHashKey("g", Order = 1)] public string A { get; set; } = "";'
         '[DynamoDBGlobalSecondaryIndexHashKey("g", Order = 1)] public string B { get; set; } = "";',
         "global secondary index 'g' has several hash keys: A, B"),
        ('[DynamoDBGlobalSecondaryIndexHashKey("g", Order = 5)] public string A { get; set; } = "";',
         "Order = 5: a key has at most 4 attributes"),
    ],
)
def test_conflicting_or_out_of_range_orders_are_errors(body: str, expected: str) -> None:
    assert any(expected in message for message in _gsi_messages(body)), _gsi_messages(body)


def test_five_attributes_cannot_have_distinct_orders() -> None:
    body = "".join(
        f'[DynamoDBGlobalSecondaryIndexRangeKey("g", Order = {min(i, 4)})] public string R{i} {{ get; set; }} = "";'
        for i in range(1, 6)
    ) + '[DynamoDBGlobalSecondaryIndexHashKey("g")] public string H { get; set; } = "";'
    assert any("'g' has several range keys: R1, R2, R3, R4, R5" in m for m in _gsi_messages(body))


def test_cloudformation_lists_every_key_attribute_in_order() -> None:
    template = emit_cloudformation(schema_of(SCORES), Options())["scores-table.yaml"]
    properties = fx.load_cloudformation(template)["Resources"]["ScoresTable"]["Properties"]
    by_place = next(i for i in properties["GlobalSecondaryIndexes"] if i["IndexName"] == "by-place")
    assert [(k["AttributeName"], k["KeyType"]) for k in by_place["KeySchema"]] == [
        ("Tenant", "HASH"), ("Region", "HASH"), ("Rank", "RANGE"), ("Player", "RANGE"),
    ]
    assert {d["AttributeName"]: d["AttributeType"] for d in properties["AttributeDefinitions"]} == {
        "id": "S", "Tenant": "S", "Region": "S", "Rank": "N", "Player": "S", "Nick": "S",
    }
    from cfnlint.api import ManualArgs, lint

    assert [str(m) for m in lint(template, config=ManualArgs(regions=["us-east-1"]))] == []


@pytest.fixture(scope="module")
def score(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root: Path = tmp_path_factory.mktemp("multi_keys")
    fx.write_files(root, emit_python(schema_of(SCORES), Options(python_package="multi_keys")))
    return fx.import_generated(root, "multi_keys.file0").Score


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with moto_server() as url:
        deploy_stack(url, "scores", emit_cloudformation(schema_of(SCORES), Options())["scores-table.yaml"])
        yield url


def test_indexes_metadata_keeps_the_order(score: Any) -> None:
    keys = score.INDEXES["by-place"]
    assert (keys.hash_keys, keys.range_keys, keys.local) == (("Tenant", "Region"), ("Rank", "Player"), False)
    assert score.INDEXES["by-player"].hash_key == "Nick"
    with pytest.raises(ValueError, match="use hash_keys"):
        _ = keys.hash_key


def test_query_request_needs_the_whole_partition_key_and_a_sort_key_prefix(score: Any) -> None:
    request = score.query_request("by-place", "t1", "eu", range_values=(3,))
    assert request["KeyConditionExpression"] == "#k0 = :v0 AND #k1 = :v1 AND #k2 = :v2"
    assert request["ExpressionAttributeNames"] == {"#k0": "Tenant", "#k1": "Region", "#k2": "Rank"}
    assert request["ExpressionAttributeValues"] == {":v0": {"S": "t1"}, ":v1": {"S": "eu"}, ":v2": {"N": "3"}}
    with pytest.raises(ValueError, match="needs 2 value"):
        score.query_request("by-place", "t1")
    with pytest.raises(KeyError, match="no index 'nope'"):
        score.query_request("nope", "x")


def test_a_multi_attribute_index_is_queried_on_a_real_server(score: Any, endpoint: str) -> None:
    dynamodb = client("dynamodb", endpoint)
    rows = [("s1", "t1", "eu", 1, "ann"), ("s2", "t1", "eu", 2, "bob"), ("s3", "t1", "us", 1, "cid")]
    for id_, tenant, region, rank, player in rows:
        item = score(id=id_, tenant=tenant, region=region, rank=rank, player=player, nick=player)
        dynamodb.put_item(TableName=score.physical_table_name("test"), Item=item.to_item())
    found = dynamodb.query(TableName=score.physical_table_name("test"), **score.query_request("by-place", "t1", "eu"))
    assert sorted(score.from_item(i).id for i in found["Items"]) == ["s1", "s2"]
    ranked = dynamodb.query(
        TableName=score.physical_table_name("test"), **score.query_request("by-place", "t1", "eu", range_values=(2,))
    )
    assert [score.from_item(i).player for i in ranked["Items"]] == ["bob"]
