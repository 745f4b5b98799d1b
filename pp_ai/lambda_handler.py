"""pp_ai as an AWS Lambda function: `handler(event, context)`, deployed by pp_ai's stack.

Events: `{"action": "nudge", "goal_id": "..."}` -> `{"goal_id", "message"}` (or `{"error"}`), and
`{"action": "record_measurement", "measurement": {<MeasurementDataModel fields>}}` -> `{"goal_id",
"progress"}`. The stage (`STAGE`, set by the stack) picks the tables, as in the CLI.
"""

from __future__ import annotations

import os
from typing import Any, Dict

from pp_api_models.measurement_data_model import MeasurementDataModel

from pp_ai.app import nudge_from_tables
from pp_ai.coaching.measurements import record_measurement
from pp_ai.data.tables import Tables


def _client() -> Any:
    import boto3  # The Lambda runtime provides boto3; the deployment package does not carry it.

    return boto3.client("dynamodb")


def handle(event: Dict[str, Any], client: Any, stage: str) -> Dict[str, Any]:
    """The function's work for one event, over `client` in `stage`."""
    action = event.get("action", "nudge")
    if action == "nudge":
        goal_id = str(event["goal_id"])
        message = nudge_from_tables(client, goal_id, stage)
        return {"goal_id": goal_id, "message": message} if message else {"error": f"no goal {goal_id!r}"}
    if action == "record_measurement":
        measurement = MeasurementDataModel.model_validate(event["measurement"])
        goal = record_measurement(Tables(client, stage), measurement)
        return {"goal_id": goal.goal_id if goal else None, "progress": str(goal.progress) if goal else None}
    return {"error": f"unknown action {action!r}"}


def handler(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
    """The Lambda entry point."""
    return handle(event, _client(), os.environ["STAGE"])
