"""The Lambda handler over the generated tables it uses (moto, own process): `handler(event, context)`
in the environment the stack gives the function, and its one error convention (bad events, unknown
actions and missing goals or KPIs are all `{"error": {"type", "message"}}`)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict

import pytest
from pp_api_models.goal_data_model import GoalDataModel
from pp_api_models.kpi_data_model import KpiDataModel
from pp_api_models.kpi_target import KpiTarget

from dynamo_test_server import REGION, client, load_template, resources_of_type
from pp_ai import lambda_handler
from pp_ai.data.repository import Repository
from pp_ai.lambda_handler import handle

STAGE = "test"
FUNCTION = Path("pp_ai/stack/function.yaml")  # where the stack defines the function
TEMPLATES = [Path(f"pp_api/cloudformation/{table}-table.yaml") for table in ("goals", "kpis", "kpi_measurements")]


@pytest.fixture(scope="module")
def dynamodb(endpoint: str) -> Any:
    return client("dynamodb", endpoint)


def _error(result: Dict[str, Any]) -> str:
    assert set(result) == {"error"} and set(result["error"]) == {"type", "message"}, result
    return str(result["error"]["type"])


@pytest.mark.parametrize(
    "event",
    [
        [],  # not an object
        {"action": "nudge"},  # no goal_id
        {"action": "nudge", "goal_id": 7},
        {"action": "record_measurement"},  # no measurement
        {"action": "record_measurement", "measurement": {"kpi_id": "k", "value": "lots"}},  # not a decimal
        {"action": "record_measurement", "measurement": {"kpi_id": "k", "measured_at": "yesterday"}},
    ],
)
def test_a_bad_event_is_a_bad_event_error(event: Any, dynamodb: Any) -> None:
    assert _error(handle(event, dynamodb, STAGE)) == "bad_event"


def test_an_unknown_action_is_named(dynamodb: Any) -> None:
    result = handle({"action": "delete_everything"}, dynamodb, STAGE)
    assert _error(result) == "unknown_action" and "delete_everything" in result["error"]["message"]


def test_a_missing_goal_or_kpi_is_not_found(dynamodb: Any) -> None:
    missing_goal = handle({"action": "nudge", "goal_id": "nope"}, dynamodb, STAGE)
    assert _error(missing_goal) == "not_found" and "nope" in missing_goal["error"]["message"]
    measurement = {"kpi_id": "no-such-kpi", "measured_at": "2026-01-01T00:00:00Z", "value": "1"}
    missing_kpi = handle({"action": "record_measurement", "measurement": measurement}, dynamodb, STAGE)
    assert _error(missing_kpi) == "not_found" and "no-such-kpi" in missing_kpi["error"]["message"]


def _stack_environment(stage: str) -> Dict[str, str]:
    """The function's environment variables as the stack defines them, its `Stage` parameter given
    (pp_ai/stack/deploy_test.py shows CloudFormation resolves them to the same)."""
    [function] = resources_of_type(load_template(FUNCTION.read_text()), "AWS::Lambda::Function").values()
    parameters = {"Stage": stage}
    return {name: parameters[value["Ref"]] if isinstance(value, dict) else str(value)
            for name, value in function["Properties"]["Environment"]["Variables"].items()}


def test_the_handler_works_in_the_environment_the_stack_gives_it(
    endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`handler(event, context)` in-process, as Lambda calls it: the stack's environment, and boto3's
    own variables pointing its client at the server; one client for every event of a container."""
    for name, value in {**_stack_environment(STAGE), "AWS_ENDPOINT_URL_DYNAMODB": endpoint,
                        "AWS_DEFAULT_REGION": REGION, "AWS_ACCESS_KEY_ID": "testing",
                        "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        monkeypatch.setenv(name, value)
    lambda_handler._client.cache_clear()
    dynamodb = client("dynamodb", endpoint)
    now = datetime.now(timezone.utc)
    Repository(dynamodb, GoalDataModel, STAGE).put(GoalDataModel(
        goal_id="g-stack", tenant_id="t", title="Ship", created_at=now - timedelta(days=10),
        target_date=now + timedelta(days=10)))
    Repository(dynamodb, KpiDataModel, STAGE).put(KpiDataModel(
        kpi_id="k-stack", goal_id="g-stack", name="done", target=KpiTarget(value=Decimal(100))))
    measured = {"kpi_id": "k-stack", "measured_at": now.isoformat(), "value": "50", "created_at": now.isoformat()}
    try:
        recorded = lambda_handler.handler({"action": "record_measurement", "measurement": measured}, None)
        assert recorded == {"goal_id": "g-stack", "progress": "50.00"}
        nudged = lambda_handler.handler({"action": "nudge", "goal_id": "g-stack"}, None)
        assert nudged["goal_id"] == "g-stack" and "'Ship' is 50% done" in nudged["message"]
        assert lambda_handler._client() is lambda_handler._client()
    finally:
        lambda_handler._client.cache_clear()  # not to leak this server's client into later tests
