"""The Lambda handler's one error convention, over the generated tables it uses (moto, own process):
bad events, unknown actions and missing goals or KPIs are all `{"error": {"type", "message"}}`."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import pytest

from dynamo_test_server import client
from pp_ai.lambda_handler import handle

STAGE = "test"
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
