"""Deploy plans applied for real: the locked models' stack deployed with CloudFormation on moto's
server, then each step of the plan applied with `update_stack`. After each step `DescribeTable`
shows exactly one index created or deleted, every index ACTIVE; after the last, `drift` finds
nothing. moto has no CloudFormation update for a DynamoDB table at all, so the server runs
`moto_table_updates`: AWS's documented update of the resource, which refuses more than one index
created or deleted per update; the test counts the changes itself as well.
"""

from __future__ import annotations

from typing import Any, Iterator, List, Set, Tuple

import moto_table_updates
import pytest

from dynamo_test_server import client, deploy_stack, moto_server
from schema_sync.drift import drift
from schema_sync.emit.cloudformation import COMBINED_TEMPLATE, emit_cloudformation
from schema_sync.tests.test_plan import SCENARIOS, Planned, options_for, planned

STAGE = "test"
# The scenarios of the issue that asked for plans: two new GSIs; one GSI's key changed; one removed
# and one added; three GSIs on three tables.
DEPLOYED = [s for s in SCENARIOS if s.name in (
    "two new GSIs", "one GSI's key changed", "one GSI removed and one added", "three GSIs on three tables",
)]

Index = Tuple[str, str, Tuple[Tuple[str, str], ...], str]  # (table, index, key schema, status)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with moto_server([moto_table_updates.__name__]) as url:
        yield url


def tables_of(endpoint: str, stack: str) -> List[str]:
    return sorted(r["PhysicalResourceId"] for r in client("cloudformation", endpoint).describe_stack_resources(
        StackName=stack)["StackResources"] if r["ResourceType"] == "AWS::DynamoDB::Table")


def deployed_indexes(endpoint: str, tables: List[str]) -> Set[Index]:
    dynamodb = client("dynamodb", endpoint)
    return {
        (table, i["IndexName"], tuple((k["AttributeName"], k["KeyType"]) for k in i["KeySchema"]), i["IndexStatus"])
        for table in tables
        for i in dynamodb.describe_table(TableName=table)["Table"].get("GlobalSecondaryIndexes", [])
    }


def deploy_locked(endpoint: str, stack: str, result: Planned) -> List[str]:
    """The stack of what the lock records, with point-in-time recovery on as the templates ask (moto's
    CloudFormation ignores PointInTimeRecoverySpecification, which drift compares)."""
    deploy_stack(endpoint, stack, emit_cloudformation(result.deployed, result.options)[COMBINED_TEMPLATE], STAGE)
    tables = tables_of(endpoint, stack)
    for table in tables:
        client("dynamodb", endpoint).update_continuous_backups(
            TableName=table, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    return tables


def update(endpoint: str, stack: str, template: str) -> Any:
    cloudformation = client("cloudformation", endpoint)
    cloudformation.update_stack(StackName=stack, TemplateBody=template,
                                Parameters=[{"ParameterKey": "Stage", "ParameterValue": STAGE}])
    return cloudformation.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]


@pytest.mark.parametrize("number", range(len(DEPLOYED)), ids=[s.name for s in DEPLOYED])
def test_each_step_changes_one_index_and_the_last_leaves_no_drift(endpoint: str, number: int) -> None:
    result = planned(DEPLOYED[number].sources(), options_for(number))
    stack = f"plan{number}"
    tables = deploy_locked(endpoint, stack, result)
    before = deployed_indexes(endpoint, tables)
    for step, templates in zip(result.plan.steps, result.templates):
        assert update(endpoint, stack, templates[COMBINED_TEMPLATE]) == "UPDATE_COMPLETE", step.heading
        after = deployed_indexes(endpoint, tables)
        assert len(before ^ after) == 1, (step.heading, before ^ after)
        assert {status for *_, status in after} <= {"ACTIVE"}
        before = after
    assert drift(result.current, result.options, STAGE, client("dynamodb", endpoint)) == []


def test_without_a_plan_the_update_is_refused(endpoint: str) -> None:
    """What the plan avoids: the final template in one update creates two indexes, which CloudFormation
    (and the emulated update) refuses; the table keeps its indexes."""
    number = len(DEPLOYED)
    result = planned(DEPLOYED[0].sources(), options_for(number))
    stack = f"plan{number}"
    tables = deploy_locked(endpoint, stack, result)
    before = deployed_indexes(endpoint, tables)
    cloudformation = client("cloudformation", endpoint)
    with pytest.raises(cloudformation.exceptions.ClientError, match=moto_table_updates.ONE_INDEX_PER_UPDATE):
        update(endpoint, stack, emit_cloudformation(result.current, result.options)[COMBINED_TEMPLATE])
    assert deployed_indexes(endpoint, tables) == before
