"""The repository over the goals table (moto, own process, boto3 over HTTP): queries of its global
secondary indexes with paging and a range condition on an enum, .NET's `[DynamoDBVersion]` checks on
save and delete, and saves that keep what a newer pp_api stored."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict

import pytest
from pp_api_models.goal_data_model import GoalDataModel
from pp_api_models.goal_status import GoalStatus

from dynamo_test_server import client
from pp_ai.data.errors import VersionConflict
from pp_ai.data.repository import RangeCondition, Repository

NOW = datetime(2026, 3, 4, 5, 6, 7, 891000, tzinfo=timezone.utc)
TEMPLATES = [Path("pp_api/cloudformation/goals-table.yaml")]
Goals = Repository[GoalDataModel]


@pytest.fixture()
def goals(endpoint: str) -> Goals:
    return Repository(client("dynamodb", endpoint), GoalDataModel, "test")


def goal(goal_id: str, **fields: Any) -> GoalDataModel:
    values: Dict[str, Any] = {"tenant_id": "t-1", "owner_id": "u-1", "created_at": NOW, "updated_at": NOW, **fields}
    return GoalDataModel(goal_id=goal_id, title=goal_id, **values)


def test_gsi_query_pages_through_last_evaluated_key(goals: Goals) -> None:
    for number in range(7):
        goals.put(goal(f"g-page-{number}", tenant_id="t-paged"))
    first = goals.query_page("t-paged", index=GoalDataModel.INDEX_TENANT_ID_INDEX, limit=3)
    assert len(first.items) == 3 and first.next_key is not None
    second = goals.query_page("t-paged", index=GoalDataModel.INDEX_TENANT_ID_INDEX, limit=3,
                                     start_key=first.next_key)
    assert {g.goal_id for g in first.items}.isdisjoint(g.goal_id for g in second.items)
    every = list(goals.query("t-paged", index=GoalDataModel.INDEX_TENANT_ID_INDEX, page_size=2))
    assert sorted(g.goal_id for g in every) == [f"g-page-{n}" for n in range(7)]


def test_gsi_range_key_condition_on_an_enum(goals: Goals) -> None:
    goals.put(goal("g-active", owner_id="u-enum", status=GoalStatus.Active))
    goals.put(goal("g-draft", owner_id="u-enum", status=GoalStatus.Draft))
    found = goals.query("u-enum", index=GoalDataModel.INDEX_OWNER_ID_STATUS_INDEX,
                               where=RangeCondition("=", GoalStatus.Active))
    assert [g.goal_id for g in found] == ["g-active"]


def test_versioned_save_increments_and_a_stale_save_conflicts_and_writes_nothing(goals: Goals) -> None:
    first = goals.put(goal("g-version"))
    assert first.version == 0
    second = goals.put(first.model_copy(update={"title": "renamed"}))
    assert second.version == 1
    with pytest.raises(VersionConflict) as conflict:
        goals.put(first.model_copy(update={"title": "stale write"}))
    assert conflict.value.expected_version == 0
    with pytest.raises(VersionConflict):  # a second "first save" of an existing item
        goals.put(goal("g-version"))
    assert goals.get("g-version") == second


def test_a_stale_delete_conflicts(goals: Goals) -> None:
    first = goals.put(goal("g-delete"))
    current = goals.put(first)
    with pytest.raises(VersionConflict):
        goals.delete(first)
    goals.delete(current)
    assert goals.get("g-delete") is None


def test_a_save_keeps_what_a_newer_pp_api_stored_and_a_status_it_does_not_know(goals: Goals) -> None:
    saved = goals.put(goal("g-newer"))
    # pp_api deployed first: its model has a `note` and a GoalStatus member this one does not know.
    goals.client.update_item(
        TableName=goals.table, Key=saved.key(), UpdateExpression="SET note = :n, #s = :s",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":n": {"S": "from .NET"}, ":s": {"N": "9"}},
    )
    loaded = goals.get("g-newer")
    assert loaded is not None and int(loaded.status) == 9 and loaded.status.name == "9"
    goals.put(loaded.model_copy(update={"title": "edited by pp_ai"}))
    stored = goals.client.get_item(TableName=goals.table, Key=saved.key(), ConsistentRead=True)["Item"]
    assert stored["note"] == {"S": "from .NET"} and stored["status"] == {"N": "9"}
    assert stored["title"] == {"S": "edited by pp_ai"}

