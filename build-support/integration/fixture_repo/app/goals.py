"""Goals through the generated model of the goals table."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict

from acme_models.goal_data_model import GoalDataModel
from acme_models.goal_status import GoalStatus


def new_goal(goal_id: str, tenant_id: str, title: str, created_at: datetime) -> GoalDataModel:
    return GoalDataModel(
        goal_id=goal_id,
        tenant_id=tenant_id,
        title=title,
        status=GoalStatus.Active,
        created_at=created_at,
        created_by="app",
        tags=["q1"],
    )


def save_arguments(goal: GoalDataModel, stage: str) -> Dict[str, Any]:
    """boto3 `update_item` arguments: .NET's Save, with its optimistic locking on the version attribute."""
    return {"TableName": GoalDataModel.physical_table_name(stage), **goal.save_request().arguments}
