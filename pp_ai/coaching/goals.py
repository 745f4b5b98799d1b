"""Goals and their KPIs, read from the tables pp_api owns, through the generated models.

`GoalDataModel` and `KpiDataModel` are generated from pp_api's C# at build time, so this code
cannot drift from what .NET stores: a renamed attribute or changed key fails these imports' tests.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, List, Optional, Sequence

from pp_api_models.goal_data_model import GoalDataModel
from pp_api_models.kpi_data_model import KpiDataModel

from pp_ai.coaching.progress import GoalProgress, KpiSnapshot, assess
from pp_ai.coaching.tables import items_with_index_key


def kpi_snapshot(kpi: KpiDataModel) -> KpiSnapshot:
    return KpiSnapshot(
        name=kpi.name,
        baseline=Decimal(str(kpi.baseline)),
        target=kpi.target.value,
        current=kpi.current_value,
    )


def goal_progress(goal: GoalDataModel, kpis: Sequence[KpiDataModel], now: datetime) -> GoalProgress:
    """Progress of a goal from its KPIs; the window runs from creation to the target date."""
    due = goal.target_date or now
    return assess([kpi_snapshot(k) for k in kpis], goal.created_at, due, now)


class GoalStore:
    """Goals and KPIs over a boto3 low-level DynamoDB client, in exactly .NET's item format."""

    def __init__(self, client: Any, stage: str) -> None:
        self._client = client
        self._goals = GoalDataModel.physical_table_name(stage)
        self._kpis = KpiDataModel.physical_table_name(stage)

    def save_goal(self, goal: GoalDataModel) -> None:
        self._client.put_item(TableName=self._goals, Item=goal.to_item())

    def save_kpi(self, kpi: KpiDataModel) -> None:
        self._client.put_item(TableName=self._kpis, Item=kpi.to_item())

    def goal(self, goal_id: str) -> Optional[GoalDataModel]:
        response = self._client.get_item(TableName=self._goals, Key=GoalDataModel(goal_id=goal_id).key())
        item = response.get("Item")
        return GoalDataModel.from_item(item) if item else None

    def goals_of_tenant(self, tenant_id: str) -> List[GoalDataModel]:
        items = items_with_index_key(
            self._client, self._goals, GoalDataModel.INDEX_TENANT_ID_INDEX, "tenant_id", tenant_id
        )
        return [GoalDataModel.from_item(item) for item in items]

    def kpis_of_goal(self, goal_id: str) -> List[KpiDataModel]:
        items = items_with_index_key(self._client, self._kpis, KpiDataModel.INDEX_GOAL_ID_INDEX, "goal_id", goal_id)
        return [KpiDataModel.from_item(item) for item in items]
