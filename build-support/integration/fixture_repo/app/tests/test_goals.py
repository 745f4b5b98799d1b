from __future__ import annotations

from datetime import datetime, timezone

from acme_models.goal_data_model import GoalDataModel
from app.goals import new_goal, save_arguments

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_goal_items_round_trip_as_dotnet_stores_them() -> None:
    goal = new_goal("g-1", "t-1", "Ship it", START)
    item = goal.to_item()
    assert item["goal_id"] == {"S": "g-1"}
    assert item["status"] == {"N": "1"}
    assert item["tags"] == {"SS": ["q1"]}  # V1 stores a List<string> as a string set
    assert GoalDataModel.from_item(item) == goal


def test_first_save_writes_version_zero_and_requires_a_new_item() -> None:
    request = save_arguments(new_goal("g-1", "t-1", "Ship it", START), "dev")
    assert request["TableName"] == "acme-goals-dev"
    version = next(p for p, name in request["ExpressionAttributeNames"].items() if name == "Version")
    assert f"{version} = " in request["UpdateExpression"]
    assert request["ConditionExpression"] == f"attribute_not_exists({version})"
    assert GoalDataModel.INDEXES["tenant_id-index"].hash_key == "tenant_id"
