"""pp_ai's stack as `./pants package pp_ai::` writes it (`:template`), deployed through CloudFormation
to a real DynamoDB-API server (moto in its own process on loopback, boto3 over HTTP): the stack is
created, the function gets its handler, runtime and environment, every table its keys and indexes,
and the role exactly those tables.

This test depends on the built template alone, not on the models or pp_ai's code: after an edit
that leaves the template's bytes as they were (a new plain property), Pants reuses its result; one
that changes a table (a new index) re-runs it. pp_ai/tests/test_lambda_handler.py runs the handler
in the environment the stack gives it, over the same tables.
"""

from __future__ import annotations

import ast
import io
import zipfile
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from dynamo_test_server import client, deploy_stack, load_template, moto_server, resources_of_type

STACK = Path("pp_ai/pp_ai-stack.yaml")  # `:template`'s output, as `package` writes it under dist/
STACK_NAME = "pp-ai"
STAGE = "test"
CODE_BUCKET, CODE_KEY = "pp-ai-artifacts", "pp_ai/pp_ai-lambda.zip"


@pytest.fixture(scope="module")
def template() -> Dict[str, Any]:
    return load_template(STACK.read_text())


def _upload_code(endpoint: str) -> None:
    """A stand-in deployment package in S3, where the function's code is read from."""
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("lambda_function.py", "def handler(event, context):\n    return {}\n")
    s3 = client("s3", endpoint)
    s3.create_bucket(Bucket=CODE_BUCKET)
    s3.put_object(Bucket=CODE_BUCKET, Key=CODE_KEY, Body=package.getvalue())


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """A server with the stack deployed."""
    with moto_server() as url:
        _upload_code(url)
        deploy_stack(url, STACK_NAME, STACK.read_text(), STAGE, CodeBucket=CODE_BUCKET, CodeKey=CODE_KEY)
        yield url


def _policy_document(document: Any) -> Dict[str, Any]:
    """boto3 parses AWS's URL-encoded JSON; moto's CloudFormation stores a role's inline policy as
    Python's text of the document instead, which comes back as a string."""
    return dict(ast.literal_eval(document) if isinstance(document, str) else document)


def _physical_id(endpoint: str, logical_id: str) -> str:
    resource = client("cloudformation", endpoint).describe_stack_resource(
        StackName=STACK_NAME, LogicalResourceId=logical_id
    )
    return str(resource["StackResourceDetail"]["PhysicalResourceId"])


def test_the_stack_is_created(endpoint: str) -> None:
    [stack] = client("cloudformation", endpoint).describe_stacks(StackName=STACK_NAME)["Stacks"]
    assert stack["StackStatus"] == "CREATE_COMPLETE"


def test_the_function_gets_its_handler_runtime_and_environment(endpoint: str, template: Dict[str, Any]) -> None:
    [(logical_id, function)] = resources_of_type(template, "AWS::Lambda::Function").items()
    deployed = client("lambda", endpoint).get_function(FunctionName=_physical_id(endpoint, logical_id))
    configuration = deployed["Configuration"]
    assert configuration["FunctionName"] == f"purposepath-pp-ai-{STAGE}"
    assert configuration["Handler"] == function["Properties"]["Handler"] == "lambda_function.handler"
    assert configuration["Runtime"] == function["Properties"]["Runtime"]
    assert configuration["Environment"]["Variables"] == {"STAGE": STAGE}


def test_every_table_is_created_with_its_keys_and_indexes(endpoint: str, template: Dict[str, Any]) -> None:
    dynamodb = client("dynamodb", endpoint)
    tables = resources_of_type(template, "AWS::DynamoDB::Table")
    assert tables, "the stack has no tables"
    for logical_id, table in tables.items():
        expected = table["Properties"]
        described = dynamodb.describe_table(TableName=_physical_id(endpoint, logical_id))["Table"]
        assert described["TableName"] == expected["TableName"]["Fn::Sub"].replace("${Stage}", STAGE)
        assert described["KeySchema"] == expected["KeySchema"]
        indexes = described.get("GlobalSecondaryIndexes", [])
        assert sorted(i["IndexName"] for i in indexes) == sorted(
            i["IndexName"] for i in expected.get("GlobalSecondaryIndexes", [])
        )
    assert len(dynamodb.list_tables()["TableNames"]) == len(tables)


def test_the_role_may_use_exactly_the_stacks_tables_and_their_indexes(
    endpoint: str, template: Dict[str, Any]
) -> None:
    [role] = resources_of_type(template, "AWS::IAM::Role")
    policy = client("iam", endpoint).get_role_policy(
        RoleName=_physical_id(endpoint, role), PolicyName="pp-ai-table-access"
    )
    [statement] = _policy_document(policy["PolicyDocument"])["Statement"]
    dynamodb = client("dynamodb", endpoint)
    expected: List[str] = []
    for logical_id in resources_of_type(template, "AWS::DynamoDB::Table"):
        arn = dynamodb.describe_table(TableName=_physical_id(endpoint, logical_id))["Table"]["TableArn"]
        expected += [arn, f"{arn}/index/*"]
    assert statement["Resource"] == expected
