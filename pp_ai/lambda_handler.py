"""pp_ai as an AWS Lambda function: `handler(event, context)`, deployed by pp_ai's stack.

Events and results:
- `{"action": "nudge", "goal_id": "..."}` -> `{"goal_id", "message"}`;
- `{"action": "record_measurement", "measurement": {<MeasurementDataModel fields>}}` ->
  `{"goal_id", "progress"}` (both null when the KPI belongs to no goal).

Every failure the caller can act on is one shape, `{"error": {"type": ..., "message": ...}}`, with
`type` one of `bad_event` (missing or invalid fields), `unknown_action` and `not_found` (no such goal
or KPI); anything else is a bug and raises, so Lambda reports it. The stage (`STAGE`, set by the
stack) picks the tables, as in the CLI. The DynamoDB client is made once per container.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any, Callable, Dict, cast

import pydantic
from pp_api_models.measurement_data_model import MeasurementDataModel

from pp_ai.app import nudge_from_tables
from pp_ai.coaching.measurements import MeasurementTables, record_measurement

if TYPE_CHECKING:  # types only: the Lambda runtime's boto3 is untyped at run time
    from mypy_boto3_dynamodb import DynamoDBClient

Result = Dict[str, Any]


class EventError(Exception):
    """A failure reported to the caller as `{"error": {"type": kind, "message": ...}}`."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind

    def result(self) -> Result:
        return {"error": {"type": self.kind, "message": str(self)}}


@functools.cache
def _client() -> DynamoDBClient:
    """One client per container: Lambda reuses the process (and its connections) across events."""
    import boto3  # The Lambda runtime provides boto3; the deployment package does not carry it.

    return cast("DynamoDBClient", boto3.client("dynamodb"))


def _nudge(event: Dict[str, Any], client: DynamoDBClient, stage: str) -> Result:
    goal_id = _field(event, "goal_id", str)
    message = nudge_from_tables(client, goal_id, stage)
    if message is None:
        raise EventError("not_found", f"no goal {goal_id!r}")
    return {"goal_id": goal_id, "message": message}


def _record_measurement(event: Dict[str, Any], client: DynamoDBClient, stage: str) -> Result:
    try:
        measurement = MeasurementDataModel.model_validate(_field(event, "measurement", dict))
    except pydantic.ValidationError as error:
        raise EventError("bad_event", f"invalid measurement: {error.errors()[0]['msg']}") from None
    try:
        goal = record_measurement(MeasurementTables.of(client, stage), measurement)
    except LookupError as error:
        raise EventError("not_found", str(error)) from None
    return {"goal_id": goal.goal_id if goal else None, "progress": str(goal.progress) if goal else None}


_ACTIONS: Dict[str, Callable[[Dict[str, Any], "DynamoDBClient", str], Result]] = {
    "nudge": _nudge,
    "record_measurement": _record_measurement,
}


def _field(event: Dict[str, Any], name: str, kind: type) -> Any:
    value = event.get(name)
    if not isinstance(value, kind):
        raise EventError("bad_event", f"{name!r} must be a {kind.__name__}, got {type(value).__name__}")
    return value


def handle(event: Any, client: DynamoDBClient, stage: str) -> Result:
    """The function's work for one event, over `client` in `stage`."""
    try:
        if not isinstance(event, dict):
            raise EventError("bad_event", f"an event is a JSON object, got {type(event).__name__}")
        action = event.get("action", "nudge")
        if action not in _ACTIONS:
            raise EventError("unknown_action", f"unknown action {action!r}; known: {sorted(_ACTIONS)}")
        return _ACTIONS[action](event, client, stage)
    except EventError as error:
        return error.result()


def handler(event: Any, context: Any) -> Result:
    """The Lambda entry point."""
    return handle(event, _client(), os.environ["STAGE"])
