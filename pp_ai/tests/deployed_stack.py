"""Test helpers: pp_ai's assembled stack, deployed with CloudFormation to a real DynamoDB-API server
(moto in its own process on loopback, boto3 over HTTP): the template `./pants package pp_ai::` writes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from dynamo_test_server import client
from pp_ai.stack.assemble import build_stack

STAGE = "test"
PARTS = Path("pp_ai/stack/function.yaml")
TABLE_TEMPLATES = Path("pp_api/cloudformation")
CODE_BUCKET, CODE_KEY = "pp-ai-artifacts", "pp_ai/pp_ai-lambda.zip"


def stack_template() -> str:
    """The stack template, built by the function the package step runs."""
    return build_stack(PARTS, TABLE_TEMPLATES)


def upload_code(endpoint: str) -> None:
    """A stand-in deployment package in S3, where the stack's function reads its code from."""
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("lambda_function.py", "def handler(event, context):\n    return {}\n")
    s3 = client("s3", endpoint)
    s3.create_bucket(Bucket=CODE_BUCKET)
    s3.put_object(Bucket=CODE_BUCKET, Key=CODE_KEY, Body=package.getvalue())


def deploy(endpoint: str, template: str, name: str = "pp-ai") -> Any:
    """`create_stack` with the stack's parameters; returns the stack description."""
    cloudformation = client("cloudformation", endpoint)
    cloudformation.create_stack(
        StackName=name,
        TemplateBody=template,
        Parameters=[
            {"ParameterKey": "Stage", "ParameterValue": STAGE},
            {"ParameterKey": "CodeBucket", "ParameterValue": CODE_BUCKET},
            {"ParameterKey": "CodeKey", "ParameterValue": CODE_KEY},
        ],
        Capabilities=["CAPABILITY_IAM"],
    )
    return cloudformation.describe_stacks(StackName=name)["Stacks"][0]
