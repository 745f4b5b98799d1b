"""Goals and their KPIs, read from the tables pp_api owns, through the generated models.

`GoalDataModel` and `KpiDataModel` are generated from pp_api's C# at build time, so this code
cannot drift from what .NET stores: a renamed attribute or changed key fails these imports' tests.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, List, Optional, Sequence

from pp_api_models.goal_data_model import GoalDataModel
from pp_api_models.kpi_data_model import KpiDataModel

from pp_ai.coaching.progress import GoalProgress, KpiSnapshot, assess
from pp_ai.data.repository import Repository

if TYPE_CHECKING:  # types only: the Lambda runtime's boto3 is untyped at run time
    from mypy_boto3_dynamodb import DynamoDBClient


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
    """Goals and KPIs of one stage, through their generated models' repositories."""

    def __init__(self, client: DynamoDBClient, stage: str) -> None:
        self._goals = Repository(client, GoalDataModel, stage)
        self._kpis = Repository(client, KpiDataModel, stage)

    def save_goal(self, goal: GoalDataModel) -> GoalDataModel:
        """Save with .NET's optimistic locking; returns the goal with its new version."""
        return self._goals.put(goal)

    def save_kpi(self, kpi: KpiDataModel) -> KpiDataModel:
        return self._kpis.put(kpi)

    def goal(self, goal_id: str) -> Optional[GoalDataModel]:
        return self._goals.get(goal_id)

    def goals_of_tenant(self, tenant_id: str) -> List[GoalDataModel]:
        return list(self._goals.query(tenant_id, index=GoalDataModel.INDEX_TENANT_ID_INDEX))

    def kpis_of_goal(self, goal_id: str) -> List[KpiDataModel]:
        return list(self._kpis.query(goal_id, index=KpiDataModel.INDEX_GOAL_ID_INDEX))
