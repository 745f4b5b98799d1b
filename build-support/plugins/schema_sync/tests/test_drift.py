"""`python -m schema_sync drift` against a real DynamoDB API (moto's server): the fixture tree's generated
template deployed, no drift; then model edits and changes made in the account, each reported, exit 1."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Iterator, Tuple

import pytest

from dynamo_test_server import REGION, client, deploy_stack, moto_server
from schema_sync.cli import main
from schema_sync.emit.cloudformation import COMBINED_TEMPLATE, emit_cloudformation
from schema_sync.options import Options
from schema_sync.tests.model_fixtures import DATA_DIR, FIXTURES, fixture_ir

STAGE = "drift"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with moto_server() as url:
        deploy_stack(url, "tables", emit_cloudformation(fixture_ir(), Options())[COMBINED_TEMPLATE], STAGE)
        yield url


@pytest.fixture(scope="module")
def pitr_enabled(endpoint: str) -> str:
    """moto's CloudFormation ignores PointInTimeRecoverySpecification, so drift sees it off until it is
    enabled the way an operator would fix it."""
    dynamodb = client("dynamodb", endpoint)
    tables = [t for t in dynamodb.list_tables()["TableNames"] if t.endswith(f"-{STAGE}")]
    assert len(tables) == 9
    for table in tables:
        dynamodb.update_continuous_backups(
            TableName=table, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
        )
    return endpoint


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / DATA_DIR, tmp_path / DATA_DIR)
    monkeypatch.chdir(tmp_path)
    # boto3's usual credential chain, as in production: here the environment.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    return tmp_path


def run_drift(endpoint: str, stage: str = STAGE) -> Tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["drift", "--endpoint-url", endpoint, "--stage", stage, DATA_DIR], stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def edit(tree: Path, path: str, old: str, new: str) -> None:
    file = tree / path
    text = file.read_text()
    assert old in text, f"{path} no longer contains {old!r}"
    file.write_text(text.replace(old, new, 1))


def test_point_in_time_recovery_off_is_drift(endpoint: str, tree: Path) -> None:
    code, out, err = run_drift(endpoint)
    assert (code, out) == (1, f"9 difference(s) between stage {STAGE!r} and the schema\n")
    assert f"purposepath-goals-{STAGE}: drift: point-in-time recovery: deployed disabled, schema enabled\n" in err


def test_deployed_stack_has_no_drift(pitr_enabled: str, tree: Path) -> None:
    assert run_drift(pitr_enabled) == (0, f"no drift: the 9 tables of stage {STAGE!r} match the schema\n", "")


def test_missing_stage_reports_every_table(endpoint: str, tree: Path) -> None:
    code, out, err = run_drift(endpoint, stage="prod")
    assert code == 1 and "9 difference(s)" in out
    assert "purposepath-goals-prod: drift: table is missing\n" in err


def test_model_edits_show_as_drift(pitr_enabled: str, tree: Path) -> None:
    edit(tree, "Data/GoalDataModel.cs", '[DynamoDBProperty("title")]',
         '[DynamoDBGlobalSecondaryIndexHashKey("title-index")]\n    [DynamoDBProperty("title")]')
    # A new hash key (the old key attribute's line is commented out after its attribute).
    edit(tree, "Data/SessionDataModel.cs", "[DynamoDBHashKey",
         "[DynamoDBHashKey]\n    public string Sid { get; set; }\n    //")
    code, out, err = run_drift(pitr_enabled)
    assert (code, out) == (1, f"2 difference(s) between stage {STAGE!r} and the schema\n"), err
    lines = err.splitlines()
    assert f"purposepath-goals-{STAGE}: drift: GSI 'title-index' is missing" in lines
    session_drift = [line for line in lines if line.startswith(f"purposepath-sessions-{STAGE}: drift: key schema")]
    assert len(session_drift) == 1 and "schema Sid HASH S" in session_drift[0]


def test_changes_made_in_the_account_show_as_drift(pitr_enabled: str, tree: Path) -> None:
    endpoint = pitr_enabled
    dynamodb = client("dynamodb", endpoint)
    table = f"purposepath-users-{STAGE}"
    dynamodb.update_time_to_live(TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "ttl"})
    dynamodb.update_table(TableName=table, BillingMode="PROVISIONED",
                          ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})
    try:
        code, _, err = run_drift(endpoint)
        assert code == 1
        assert f"{table}: drift: TTL attribute: deployed ttl, schema disabled" in err.splitlines()
        assert f"{table}: drift: billing mode: deployed PROVISIONED, schema PAY_PER_REQUEST" in err.splitlines()
    finally:
        dynamodb.update_time_to_live(TableName=table,
                                     TimeToLiveSpecification={"Enabled": False, "AttributeName": "ttl"})
        dynamodb.update_table(TableName=table, BillingMode="PAY_PER_REQUEST")
    assert run_drift(endpoint)[0] == 0
