"""The repositories over the generated tables they use (moto, own process, boto3 over HTTP): keys,
GSI/LSI queries with paging, .NET's version checks, batch reads, bad items, items written exactly as
.NET's DynamoDBContext (V1) stores them, and saves that keep what a newer pp_api stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Set

import pytest
from pp_api_models.action_data_model import ActionDataModel
from pp_api_models.action_status import ActionStatus
from pp_api_models.goal_data_model import GoalDataModel
from pp_api_models.goal_status import GoalStatus
from pp_api_models.kpi_data_model import KpiDataModel
from pp_api_models.kpi_target import KpiTarget
from pp_api_models.measurement_data_model import MeasurementDataModel

from dynamo_test_server import client
from pp_ai.coaching.measurements import MeasurementTables, record_measurement
from pp_ai.data.errors import ItemMismatch, VersionConflict
from pp_ai.data.repository import IAM_ACTIONS, RangeCondition, Repository

NOW = datetime(2026, 3, 4, 5, 6, 7, 891000, tzinfo=timezone.utc)
STAGE = "test"
TABLES = ("actions", "goals", "kpis", "kpi_measurements")
TEMPLATES = [Path(f"pp_api/cloudformation/{table}-table.yaml") for table in TABLES]


@dataclass(frozen=True)
class Tables(MeasurementTables):
    """The tables these tests use: those recording a measurement writes, and actions."""

    actions: Repository[ActionDataModel]

    @classmethod
    def over(cls, dynamodb: Any) -> Tables:
        measured = MeasurementTables.of(dynamodb, STAGE)
        return cls(dynamodb, measured.measurements, measured.kpis, measured.goals,
                   Repository(dynamodb, ActionDataModel, STAGE))


@pytest.fixture()
def tables(endpoint: str) -> Tables:
    return Tables.over(client("dynamodb", endpoint))


def goal(goal_id: str, **fields: Any) -> GoalDataModel:
    values: Dict[str, Any] = {"tenant_id": "t-1", "owner_id": "u-1", "created_at": NOW, "updated_at": NOW, **fields}
    return GoalDataModel(goal_id=goal_id, title=goal_id, **values)


def measurement(kpi_id: str, measured_at: datetime, value: int, **fields: Any) -> MeasurementDataModel:
    return MeasurementDataModel(kpi_id=kpi_id, measured_at=measured_at, tenant_id="t-1", value=Decimal(value),
                                created_at=NOW, updated_at=NOW, **fields)


def action(goal_id: str, number: int) -> ActionDataModel:
    return ActionDataModel(goal_id=goal_id, action_id=f"a-{number:03d}", tenant_id="t-1", title=f"step {number}",
                           due_date=NOW + timedelta(days=number), created_at=NOW, updated_at=NOW)


def test_put_get_delete_by_hash_and_range_key(tables: Tables) -> None:
    saved = tables.actions.put(action("g-crud", 1))
    assert tables.actions.get("g-crud", "a-001") == saved
    assert tables.actions.get("g-crud", "a-002") is None
    tables.actions.delete_key("g-crud", "a-001")
    assert tables.actions.get("g-crud", "a-001") is None


def test_gsi_query_pages_through_last_evaluated_key(tables: Tables) -> None:
    for number in range(7):
        tables.goals.put(goal(f"g-page-{number}", tenant_id="t-paged"))
    first = tables.goals.query_page("t-paged", index=GoalDataModel.INDEX_TENANT_ID_INDEX, limit=3)
    assert len(first.items) == 3 and first.next_key is not None
    second = tables.goals.query_page("t-paged", index=GoalDataModel.INDEX_TENANT_ID_INDEX, limit=3,
                                     start_key=first.next_key)
    assert {g.goal_id for g in first.items}.isdisjoint(g.goal_id for g in second.items)
    every = list(tables.goals.query("t-paged", index=GoalDataModel.INDEX_TENANT_ID_INDEX, page_size=2))
    assert sorted(g.goal_id for g in every) == [f"g-page-{n}" for n in range(7)]


def test_gsi_range_key_condition_on_an_enum(tables: Tables) -> None:
    tables.goals.put(goal("g-active", owner_id="u-enum", status=GoalStatus.Active))
    tables.goals.put(goal("g-draft", owner_id="u-enum", status=GoalStatus.Draft))
    found = tables.goals.query("u-enum", index=GoalDataModel.INDEX_OWNER_ID_STATUS_INDEX,
                               where=RangeCondition("=", GoalStatus.Active))
    assert [g.goal_id for g in found] == ["g-active"]


def test_lsi_query_by_due_date_with_paging_and_order(tables: Tables) -> None:
    for number in (5, 1, 4, 2, 3):
        tables.actions.put(action("g-lsi", number))
    window = RangeCondition("between", NOW + timedelta(days=2), upper=NOW + timedelta(days=4))
    found = tables.actions.query("g-lsi", index=ActionDataModel.INDEX_BY_DUE_DATE_INDEX, where=window,
                                 page_size=1, newest_first=True)
    assert [a.action_id for a in found] == ["a-004", "a-003", "a-002"]


def test_versioned_save_increments_and_a_stale_save_conflicts_and_writes_nothing(tables: Tables) -> None:
    first = tables.goals.put(goal("g-version"))
    assert first.version == 0
    second = tables.goals.put(first.model_copy(update={"title": "renamed"}))
    assert second.version == 1
    with pytest.raises(VersionConflict) as conflict:
        tables.goals.put(first.model_copy(update={"title": "stale write"}))
    assert conflict.value.expected_version == 0
    with pytest.raises(VersionConflict):  # a second "first save" of an existing item
        tables.goals.put(goal("g-version"))
    assert tables.goals.get("g-version") == second


def test_a_stale_delete_conflicts(tables: Tables) -> None:
    first = tables.goals.put(goal("g-delete"))
    current = tables.goals.put(first)
    with pytest.raises(VersionConflict):
        tables.goals.delete(first)
    tables.goals.delete(current)
    assert tables.goals.get("g-delete") is None


def test_batch_get_reads_more_than_one_request_holds(tables: Tables) -> None:
    measurements = [measurement("k-batch", NOW + timedelta(minutes=n), n, sequence=n) for n in range(150)]
    for start in range(0, len(measurements), 25):  # set-up: BatchWriteItem's 25 puts per request
        puts: List[Any] = [{"PutRequest": {"Item": m.to_item()}} for m in measurements[start : start + 25]]
        tables.client.batch_write_item(RequestItems={tables.measurements.table: puts})
    keys = [m.key() for m in measurements] + [tables.measurements.key("k-batch", NOW - timedelta(days=1))]
    found = tables.measurements.batch_get(keys)
    assert sorted(found, key=lambda m: m.sequence) == measurements


def test_an_item_that_does_not_fit_its_model_names_the_attribute(tables: Tables) -> None:
    raw = tables.client
    raw.put_item(TableName=tables.actions.table, Item={"goal_id": {"S": "g-bad"}, "action_id": {"S": "a-1"},
                                                       "Priority": {"S": "high"}})
    with pytest.raises(ItemMismatch) as wrong_type:
        tables.actions.get("g-bad", "a-1")
    assert wrong_type.value.attribute == "Priority"
    raw.put_item(TableName=tables.actions.table, Item={"goal_id": {"S": "g-bad"}, "action_id": {"S": "a-2"},
                                                       "Priority": {"N": "99999999999"}})
    with pytest.raises(ItemMismatch) as out_of_range:  # an int32 in .NET
        tables.actions.get("g-bad", "a-2")
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


def test_an_item_dotnet_wrote_reads_back_equal_and_saves_identically(tables: Tables) -> None:
    tables.client.put_item(TableName=tables.actions.table, Item=DOTNET_ACTION)
    loaded = tables.actions.get("g-dotnet", "a-1")
    assert loaded == ActionDataModel(
        goal_id="g-dotnet", action_id="a-1", tenant_id="t-1", title="Call the customer", priority=2,
        status=ActionStatus(1), due_date=NOW + timedelta(days=7), estimated_hours=1.5, is_blocking=True,
        reminder_days={1, 3}, metadata={"jira": "PP-42"}, created_at=NOW, updated_at=NOW, created_by="u-1",
    )
    assert loaded is not None and loaded.to_item() == DOTNET_ACTION


def test_recording_a_measurement_updates_kpi_and_goal_progress_in_one_write(tables: Tables) -> None:
    tables.goals.put(goal("g-progress"))
    for kpi_id, weight in (("k-a", 3.0), ("k-b", 1.0)):
        tables.kpis.put(KpiDataModel(kpi_id=kpi_id, goal_id="g-progress", tenant_id="t-1", name=kpi_id, weight=weight,
                                     target=KpiTarget(value=Decimal(100)), current_value=Decimal(0)))
    recorded = measurement("k-a", NOW, 80)
    saved = record_measurement(tables, recorded)
    assert saved is not None and saved.progress == Decimal("60.00") and saved.version == 1
    assert tables.goals.get("g-progress") == saved
    kpi = tables.kpis.get("k-a")
    assert kpi is not None and kpi.current_value == Decimal(80)
    assert tables.measurements.get("k-a", NOW) == recorded


def test_a_measurement_racing_a_goal_edit_writes_nothing(tables: Tables, monkeypatch: pytest.MonkeyPatch) -> None:
    tables.goals.put(goal("g-race"))
    tables.kpis.put(KpiDataModel(kpi_id="k-race", goal_id="g-race", target=KpiTarget(value=Decimal(10))))
    read = tables.goals.get

    def read_then_edited_elsewhere(hash_value: Any, range_value: Any = None, consistent: bool = True) -> Any:
        loaded = read(hash_value, range_value, consistent)
        if hash_value == "g-race" and loaded is not None:
            tables.goals.put(loaded.model_copy(update={"title": "edited in pp_api"}))
        return loaded

    monkeypatch.setattr(tables.goals, "get", read_then_edited_elsewhere)
    with pytest.raises(VersionConflict):
        record_measurement(tables, measurement("k-race", NOW, 5))
    assert tables.measurements.get("k-race", NOW) is None
    kpi = tables.kpis.get("k-race")
    assert kpi is not None and kpi.current_value is None


class _Recording:
    """A boto3 client that records the operations called through it."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.calls: Set[str] = set()

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if callable(attribute) and not name.startswith("_"):
            self.calls.add(name)
        return attribute


# IAM authorises each entry of a TransactWriteItems as its own action (there is no Transact action).
_IAM_ACTIONS_OF = {"transact_write_items": {"dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"}}


def test_the_repositories_call_only_what_the_stack_role_allows(tables: Tables) -> None:
    recording = _Recording(tables.client)
    recorded = Tables.over(recording)
    saved = recorded.goals.put(goal("g-iam"))
    recorded.goals.get("g-iam")
    list(recorded.goals.query("t-1", index=GoalDataModel.INDEX_TENANT_ID_INDEX))
    recorded.goals.batch_get([saved.key()])
    for kpi_id in ("k-iam", "k-iam-sibling"):
        recorded.kpis.put(KpiDataModel(kpi_id=kpi_id, goal_id="g-iam", target=KpiTarget(value=Decimal(1))))
    record_measurement(recorded, measurement("k-iam", NOW, 1))
    recorded.goals.delete(recorded.goals.get("g-iam") or saved)
    recorded.goals.delete_key("g-iam")
    used = set().union(*(_IAM_ACTIONS_OF.get(call, {"dynamodb:" + call.title().replace("_", "")})
                         for call in recording.calls))
    assert used == set(IAM_ACTIONS)


def test_a_save_keeps_what_a_newer_pp_api_stored_and_a_status_it_does_not_know(tables: Tables) -> None:
    saved = tables.goals.put(goal("g-newer"))
    # pp_api deployed first: its model has a `note` and a GoalStatus member this one does not know.
    tables.client.update_item(
        TableName=tables.goals.table, Key=saved.key(), UpdateExpression="SET note = :n, #s = :s",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":n": {"S": "from .NET"}, ":s": {"N": "9"}},
    )
    loaded = tables.goals.get("g-newer")
    assert loaded is not None and int(loaded.status) == 9 and loaded.status.name == "9"
    tables.goals.put(loaded.model_copy(update={"title": "edited by pp_ai"}))
    stored = tables.client.get_item(TableName=tables.goals.table, Key=saved.key(), ConsistentRead=True)["Item"]
    assert stored["note"] == {"S": "from .NET"} and stored["status"] == {"N": "9"}
    assert stored["title"] == {"S": "edited by pp_ai"}


def test_a_measurement_racing_a_sibling_kpi_edit_writes_nothing(
    tables: Tables, monkeypatch: pytest.MonkeyPatch
) -> None:
    tables.goals.put(goal("g-sibling"))
    for kpi_id in ("k-mine", "k-other"):
        tables.kpis.put(KpiDataModel(kpi_id=kpi_id, goal_id="g-sibling", target=KpiTarget(value=Decimal(10)),
                                     current_value=Decimal(1)))
    read = tables.kpis.batch_get

    def read_then_edited_elsewhere(keys: Any) -> Any:
        loaded = read(keys)
        other = tables.kpis.get("k-other")
        assert other is not None
        tables.kpis.put(other.model_copy(update={"current_value": Decimal(7)}))  # pp_api recorded one too
        return loaded

    monkeypatch.setattr(tables.kpis, "batch_get", read_then_edited_elsewhere)
    with pytest.raises(VersionConflict, match="k-other"):
        record_measurement(tables, measurement("k-mine", NOW, 5))
    assert tables.measurements.get("k-mine", NOW) is None
    goal_now = tables.goals.get("g-sibling")
    assert goal_now is not None and goal_now.version == 0 and goal_now.progress == 0
