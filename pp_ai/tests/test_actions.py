"""The repository over the actions table (moto, own process, boto3 over HTTP): a hash-and-range key,
its local secondary index, items written exactly as .NET's DynamoDBContext (V1) stores them, and
items that do not fit the model."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict

import pytest
from pp_api_models.action_data_model import ActionDataModel
from pp_api_models.action_status import ActionStatus

from dynamo_test_server import client
from pp_ai.data.errors import ItemMismatch
from pp_ai.data.repository import RangeCondition, Repository

NOW = datetime(2026, 3, 4, 5, 6, 7, 891000, tzinfo=timezone.utc)
TEMPLATES = [Path("pp_api/cloudformation/actions-table.yaml")]
Actions = Repository[ActionDataModel]


@pytest.fixture()
def actions(endpoint: str) -> Actions:
    return Repository(client("dynamodb", endpoint), ActionDataModel, "test")


def action(goal_id: str, number: int) -> ActionDataModel:
    return ActionDataModel(goal_id=goal_id, action_id=f"a-{number:03d}", tenant_id="t-1", title=f"step {number}",
                           due_date=NOW + timedelta(days=number), created_at=NOW, updated_at=NOW)


def test_put_get_delete_by_hash_and_range_key(actions: Actions) -> None:
    saved = actions.put(action("g-crud", 1))
    assert actions.get("g-crud", "a-001") == saved
    assert actions.get("g-crud", "a-002") is None
    actions.delete_key("g-crud", "a-001")
    assert actions.get("g-crud", "a-001") is None


def test_lsi_query_by_due_date_with_paging_and_order(actions: Actions) -> None:
    for number in (5, 1, 4, 2, 3):
        actions.put(action("g-lsi", number))
    window = RangeCondition("between", NOW + timedelta(days=2), upper=NOW + timedelta(days=4))
    found = actions.query("g-lsi", index=ActionDataModel.INDEX_BY_DUE_DATE_INDEX, where=window,
                                 page_size=1, newest_first=True)
    assert [a.action_id for a in found] == ["a-004", "a-003", "a-002"]


def test_an_item_that_does_not_fit_its_model_names_the_attribute(actions: Actions) -> None:
    raw = actions.client
    raw.put_item(TableName=actions.table, Item={"goal_id": {"S": "g-bad"}, "action_id": {"S": "a-1"},
                                                       "Priority": {"S": "high"}})
    with pytest.raises(ItemMismatch) as wrong_type:
        actions.get("g-bad", "a-1")
    assert wrong_type.value.attribute == "Priority"
    raw.put_item(TableName=actions.table, Item={"goal_id": {"S": "g-bad"}, "action_id": {"S": "a-2"},
                                                       "Priority": {"N": "99999999999"}})
    with pytest.raises(ItemMismatch) as out_of_range:  # an int32 in .NET
        actions.get("g-bad", "a-2")
    assert out_of_range.value.attribute == "Priority"


DOTNET_ACTION: Dict[str, Any] = {  # what DynamoDBContext.SaveAsync(ActionDataModel) stores under V1
    "goal_id": {"S": "g-dotnet"},
    "action_id": {"S": "a-1"},
    "tenant_id": {"S": "t-1"},
    "title": {"S": "Call the customer"},
    "Priority": {"N": "2"},
    "status": {"N": "1"},
    "due_date": {"S": "2026-03-11T05:06:07.891Z"},
    "estimated_hours": {"N": "1.5"},
    "is_blocking": {"N": "1"},
    "reminder_days": {"NS": ["1", "3"]},
    "metadata": {"M": {"jira": {"S": "PP-42"}}},
    "created_at": {"S": "2026-03-04T05:06:07.891Z"},
    "updated_at": {"S": "2026-03-04T05:06:07.891Z"},
    "created_by": {"S": "u-1"},
}


def test_an_item_dotnet_wrote_reads_back_equal_and_saves_identically(actions: Actions) -> None:
    actions.client.put_item(TableName=actions.table, Item=DOTNET_ACTION)
    loaded = actions.get("g-dotnet", "a-1")
    assert loaded == ActionDataModel(
        goal_id="g-dotnet", action_id="a-1", tenant_id="t-1", title="Call the customer", priority=2,
        status=ActionStatus(1), due_date=NOW + timedelta(days=7), estimated_hours=1.5, is_blocking=True,
        reminder_days={1, 3}, metadata={"jira": "PP-42"}, created_at=NOW, updated_at=NOW, created_by="u-1",
    )
    assert loaded is not None and loaded.to_item() == DOTNET_ACTION

