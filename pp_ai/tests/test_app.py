"""The packaged command line, end to end: goals written through the generated models into tables
deployed from the generated CloudFormation (moto, own process), read back by `pp_ai nudge`."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from pp_api_models.goal_data_model import GoalDataModel
from pp_api_models.kpi_data_model import KpiDataModel
from pp_api_models.kpi_target import KpiTarget

from dynamo_test_server import client
from pp_ai.app import main
from pp_ai.coaching.goals import GoalStore

TEMPLATES = [Path("pp_api/cloudformation/goals-table.yaml"), Path("pp_api/cloudformation/kpis-table.yaml")]


def test_nudge_reads_the_goal_and_its_kpis(endpoint: str, capsys: pytest.CaptureFixture[str]) -> None:
    now = datetime.now(timezone.utc)
    store = GoalStore(client("dynamodb", endpoint), stage="test")
    store.save_goal(
        GoalDataModel(goal_id="g-1", tenant_id="t", title="Ship v2", created_at=now - timedelta(days=90),
                      target_date=now + timedelta(days=10))
    )
    store.save_kpi(KpiDataModel(kpi_id="k-1", tenant_id="t", goal_id="g-1", name="done",
                                current_value=Decimal("30"), target=KpiTarget(value=Decimal("100"))))
    assert main(["nudge", "g-1", "--stage", "test"], client=client("dynamodb", endpoint)) == 0
    assert capsys.readouterr().out == "'Ship v2' is 30% done and behind schedule: which action unblocks it?\n"


def test_unknown_goal_is_an_error(endpoint: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nudge", "nope", "--stage", "test"], client=client("dynamodb", endpoint)) == 1
    assert "no goal 'nope'" in capsys.readouterr().err


def test_assess_works_offline(capsys: pytest.CaptureFixture[str]) -> None:
    goal = '{"title": "G", "start": "2020-01-01T00:00:00+00:00", "due": "2021-01-01T00:00:00+00:00", ' \
           '"kpis": [{"name": "k", "baseline": 0, "target": 10, "current": 10}]}'
    assert main(["assess", goal]) == 0
    assert capsys.readouterr().out == "'G' is 100% done and on track.\n"
