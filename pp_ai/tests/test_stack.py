"""pp_ai's stack template: least privilege, every table pp_ai uses, deployable, and its function's
handler working in the deployed stack's environment. The one test module that deploys the whole
stack (and so depends on every model pp_ai uses). cfn-lint checks the template in `./pants lint`
(pp_ai/stack:template is tagged `cfn-lint`)."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Dict, List

import pytest
from pp_api_models.goal_data_model import GoalDataModel
from pp_api_models.kpi_data_model import KpiDataModel
from pp_api_models.kpi_target import KpiTarget

from dynamo_test_server import REGION, client
from pp_ai import lambda_handler
from pp_ai.data.repository import IAM_ACTIONS, Repository
from pp_ai.data.tables import TABLE_MODELS
from pp_ai.stack.assemble import ROLE, assemble, load_template, table_resources
from pp_ai.tests.deployed_stack import STAGE, deploy, stack_template, upload_code


def prepare_server(url: str) -> None:
    """This module's own server (conftest's `prepared_server`, made while other modules run): pp_ai's
    whole assembled stack deployed through CloudFormation (tables, role, function)."""
    upload_code(url)
    deploy(url, stack_template())


@pytest.fixture(scope="module")
def stack_endpoint(prepared_server: str) -> str:
    return prepared_server


@pytest.fixture(scope="module")
def template() -> Dict[str, Any]:
    """The stack template, parsed: assembled once for the tests that only read it."""
    return load_template(stack_template())


def _table_access(template: Dict[str, Any]) -> Dict[str, Any]:
    policies = template["Resources"][ROLE]["Properties"]["Policies"]
    [statement] = next(p for p in policies if p["PolicyName"] == "pp-ai-table-access")["PolicyDocument"]["Statement"]
    return dict(statement)


def test_no_cfn_lint_check_is_silenced(template: Dict[str, Any]) -> None:
    """A finding (a deprecated runtime, E2533, say) is fixed, not ignored in the template's Metadata."""
    parts = {"(template)": template, **template["Resources"]}
    silenced = {name: part["Metadata"] for name, part in parts.items() if "cfn-lint" in part.get("Metadata", {})}
    assert silenced == {}


def test_the_function_runs_on_the_python_pp_ai_is_built_and_tested_for(template: Dict[str, Any]) -> None:
    """The deployment package's native wheels (pydantic-core) are built for the python-default
    resolve's interpreter, the one these tests run on: the Lambda runtime must be that Python."""
    resources = template["Resources"]
    runtimes = [r["Properties"]["Runtime"] for r in resources.values() if r["Type"] == "AWS::Lambda::Function"]
    assert runtimes == [f"python{sys.version_info.major}.{sys.version_info.minor}"]


def test_it_has_a_table_for_every_model_pp_ai_uses_and_no_other(template: Dict[str, Any]) -> None:
    names = sorted(template["Resources"][t]["Properties"]["TableName"]["Fn::Sub"] for t in table_resources(template))
    assert names == sorted(str(m.PHYSICAL_TABLE_NAME) for m in TABLE_MODELS)


def test_the_role_may_do_exactly_what_the_repository_does_on_exactly_those_tables(template: Dict[str, Any]) -> None:
    statement = _table_access(template)
    assert statement["Action"] == sorted(IAM_ACTIONS)
    tables = table_resources(template)
    expected: List[Any] = []
    for table in tables:
        expected += [{"Fn::GetAtt": [table, "Arn"]}, {"Fn::Sub": "${" + table + ".Arn}/index/*"}]
    assert statement["Resource"] == expected
    assert "*" not in str(statement["Action"])


def test_assembling_twice_gives_the_same_template() -> None:
    assert stack_template() == stack_template()


def test_a_table_defined_twice_differently_is_an_error(template: Dict[str, Any]) -> None:
    table = {"Resources": {"GoalsTable": {"Type": "AWS::DynamoDB::Table", "Properties": {}}}}
    try:
        assemble(template, {"other.yaml": table}, IAM_ACTIONS)
    except ValueError as error:
        assert "GoalsTable" in str(error)
    else:
        raise AssertionError("a conflicting table was merged")


def test_the_whole_stack_deploys_to_the_server(stack_endpoint: str) -> None:
    stack = client("cloudformation", stack_endpoint).describe_stacks(StackName="pp-ai")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    function = client("lambda", stack_endpoint).get_function(FunctionName=f"purposepath-pp-ai-{STAGE}")
    configuration = function["Configuration"]
    assert configuration["Handler"] == "lambda_function.handler"
    assert configuration["Environment"]["Variables"] == {"STAGE": STAGE}
    tables = client("dynamodb", stack_endpoint).list_tables()["TableNames"]
    assert GoalDataModel.physical_table_name(STAGE) in tables
    assert sorted(tables) == sorted(m.physical_table_name(STAGE) for m in TABLE_MODELS)


def test_the_handler_works_in_the_deployed_functions_environment(
    stack_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`handler(event, context)` in-process, with the environment the stack gives the function and
    boto3's own endpoint variable pointing its client at the server."""
    function = client("lambda", stack_endpoint).get_function(FunctionName=f"purposepath-pp-ai-{STAGE}")
    for name, value in function["Configuration"]["Environment"]["Variables"].items():
        monkeypatch.setenv(name, value)
    for name, value in {"AWS_ENDPOINT_URL_DYNAMODB": stack_endpoint, "AWS_DEFAULT_REGION": REGION,
                        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        monkeypatch.setenv(name, value)
    lambda_handler._client.cache_clear()
    dynamodb = client("dynamodb", stack_endpoint)
    now = datetime.now(timezone.utc)
    Repository(dynamodb, GoalDataModel, STAGE).put(GoalDataModel(
        goal_id="g-stack", tenant_id="t", title="Ship", created_at=now - timedelta(days=10),
        target_date=now + timedelta(days=10)))
    Repository(dynamodb, KpiDataModel, STAGE).put(KpiDataModel(
        kpi_id="k-stack", goal_id="g-stack", name="done", target=KpiTarget(value=Decimal(100))))
    measured = {"kpi_id": "k-stack", "measured_at": now.isoformat(), "value": "50", "created_at": now.isoformat()}
    recorded = lambda_handler.handler({"action": "record_measurement", "measurement": measured}, None)
    assert recorded == {"goal_id": "g-stack", "progress": "50.00"}
    nudged = lambda_handler.handler({"action": "nudge", "goal_id": "g-stack"}, None)
    assert nudged["goal_id"] == "g-stack" and "'Ship' is 50% done" in nudged["message"]
    assert lambda_handler._client() is lambda_handler._client()  # one client per container
    lambda_handler._client.cache_clear()
