"""Goals through the generated models, against tables deployed from the generated CloudFormation
on a real DynamoDB-API server (moto, own process, boto3 over HTTP)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from pp_api_models.goal_data_model import GoalDataModel
from pp_api_models.goal_status import GoalStatus
from pp_api_models.kpi_data_model import KpiDataModel
from pp_api_models.kpi_target import KpiTarget

from dynamo_test_server import client
from pp_ai.coaching.goals import GoalStore, goal_progress
from pp_ai.coaching.progress import Trend

TEMPLATES = [Path("pp_api/cloudformation/goals-table.yaml"), Path("pp_api/cloudformation/kpis-table.yaml")]
START = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def store(endpoint: str) -> GoalStore:
    return GoalStore(client("dynamodb", endpoint), stage="test")


def goal(goal_id: str, tenant_id: str = "tenant-1") -> GoalDataModel:
    return GoalDataModel(
        goal_id=goal_id,
        tenant_id=tenant_id,
        owner_id="user-1",
        title=f"Goal {goal_id}",
        status=GoalStatus.Active,
        target_date=START + timedelta(days=100),
        created_at=START,
        updated_at=START,
        created_by="user-1",
        tags=["growth", "q1"],
    )


def test_goal_round_trips_through_the_generated_table(store: GoalStore) -> None:
    saved = store.save_goal(goal("g-1"))
    assert saved.version == 0  # The first save of a [DynamoDBVersion] model writes version 0.
    loaded = store.goal("g-1")
    assert loaded == saved
    assert loaded is not None and loaded.goal_type == "personal"  # The C# initialiser's default.
    assert store.goal("missing") is None


def test_tenant_index_returns_only_that_tenants_goals(store: GoalStore) -> None:
    store.save_goal(goal("g-2", tenant_id="tenant-2"))
    store.save_goal(goal("g-3", tenant_id="tenant-2"))
    store.save_goal(goal("g-4", tenant_id="tenant-3"))
    assert sorted(g.goal_id for g in store.goals_of_tenant("tenant-2")) == ["g-2", "g-3"]


def test_progress_comes_from_the_goals_kpis(store: GoalStore) -> None:
    store.save_goal(goal("g-5"))
    for kpi_id, current in [("k-1", "80"), ("k-2", "60")]:
        store.save_kpi(
            KpiDataModel(
                kpi_id=kpi_id,
                tenant_id="tenant-1",
                goal_id="g-5",
                name=kpi_id,
                baseline=0.0,
                current_value=Decimal(current),
                target=KpiTarget(value=Decimal("100")),
            )
        )
    loaded = store.goal("g-5")
    assert loaded is not None
    progress = goal_progress(loaded, store.kpis_of_goal("g-5"), now=START + timedelta(days=50))
    assert progress.completion == Decimal("0.7")
    assert progress.trend is Trend.AHEAD
