"""Recording KPI measurements (`pp_ai.coaching.measurements`) over the measurements, KPIs and goals
tables (moto, own process, boto3 over HTTP): one write for the measurement, its KPI and its goal's
progress, nothing written when a goal or a sibling KPI changed meanwhile, and only the DynamoDB actions
the stack's role allows."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, Set

import pytest
from pp_api_models.goal_data_model import GoalDataModel
from pp_api_models.kpi_data_model import KpiDataModel
from pp_api_models.kpi_target import KpiTarget
from pp_api_models.measurement_data_model import MeasurementDataModel

from dynamo_test_server import client
from pp_ai.coaching.measurements import MeasurementTables, record_measurement
from pp_ai.data.errors import VersionConflict
from pp_ai.data.repository import IAM_ACTIONS

NOW = datetime(2026, 3, 4, 5, 6, 7, 891000, tzinfo=timezone.utc)
STAGE = "test"
TEMPLATES = [Path(f"pp_api/cloudformation/{table}-table.yaml") for table in ("goals", "kpis", "kpi_measurements")]


@pytest.fixture()
def tables(endpoint: str) -> MeasurementTables:
    return MeasurementTables.of(client("dynamodb", endpoint), STAGE)


def goal(goal_id: str, **fields: Any) -> GoalDataModel:
    values: Dict[str, Any] = {"tenant_id": "t-1", "owner_id": "u-1", "created_at": NOW, "updated_at": NOW, **fields}
    return GoalDataModel(goal_id=goal_id, title=goal_id, **values)


def measurement(kpi_id: str, measured_at: datetime, value: int, **fields: Any) -> MeasurementDataModel:
    return MeasurementDataModel(kpi_id=kpi_id, measured_at=measured_at, tenant_id="t-1", value=Decimal(value),
                                created_at=NOW, updated_at=NOW, **fields)


def test_recording_a_measurement_updates_kpi_and_goal_progress_in_one_write(tables: MeasurementTables) -> None:
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


def test_a_measurement_racing_a_goal_edit_writes_nothing(
    tables: MeasurementTables, monkeypatch: pytest.MonkeyPatch
) -> None:
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


def test_the_repositories_call_only_what_the_stack_role_allows(tables: MeasurementTables) -> None:
    recording = _Recording(tables.client)
    recorded = MeasurementTables.of(recording, STAGE)  # type: ignore[arg-type]  # a stand-in client
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


def test_a_measurement_racing_a_sibling_kpi_edit_writes_nothing(
    tables: MeasurementTables, monkeypatch: pytest.MonkeyPatch
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
