"""Recording a KPI measurement: the measurement, the KPI's current value and its goal's progress
are written together in one transaction, the goal under its `[DynamoDBVersion]` condition."""

from __future__ import annotations

from decimal import Decimal
from typing import List, Optional, Sequence

from pp_api_models.goal_data_model import GoalDataModel
from pp_api_models.kpi_data_model import KpiDataModel
from pp_api_models.measurement_data_model import MeasurementDataModel

from pp_ai.coaching.goals import kpi_snapshot
from pp_ai.data.repository import Write, put_all
from pp_ai.data.tables import Tables


def goal_progress_percent(kpis: Sequence[KpiDataModel]) -> Decimal:
    """Weighted mean completion of the KPIs that have a reading, in percent (0-100, 2 decimals)."""
    readings = [(kpi_snapshot(k).completion(), Decimal(str(k.weight))) for k in kpis]
    weighted = [(completion, weight) for completion, weight in readings if completion is not None]
    total_weight = sum((weight for _, weight in weighted), Decimal(0))
    if total_weight == 0:
        return Decimal(0)
    share = sum((completion * weight for completion, weight in weighted), Decimal(0)) / total_weight
    return (share * 100).quantize(Decimal("0.01"))


def record_measurement(tables: Tables, measurement: MeasurementDataModel) -> Optional[GoalDataModel]:
    """Store `measurement`, make it its KPI's current value and recompute the KPI's goal's progress.

    Returns the goal as saved (None when the KPI has no goal). A missing KPI is a `LookupError`; a
    goal changed by someone else since it was read is a `VersionConflict`, and then nothing is written.
    """
    kpi = tables.kpis.get(measurement.kpi_id)
    if kpi is None:
        raise LookupError(f"no KPI {measurement.kpi_id!r}")
    kpi = kpi.model_copy(update={"current_value": measurement.value, "updated_at": measurement.created_at})
    writes: List[Write] = [(tables.measurements, measurement), (tables.kpis, kpi)]
    goal = tables.goals.get(kpi.goal_id) if kpi.goal_id else None
    if goal is not None:
        linked = tables.kpis.query(kpi.goal_id, index=KpiDataModel.INDEX_GOAL_ID_INDEX)
        siblings = [k for k in linked if k.kpi_id != kpi.kpi_id]
        progress = goal_progress_percent([kpi, *siblings])
        goal = goal.model_copy(update={"progress": progress, "updated_at": measurement.created_at})
        writes.append((tables.goals, goal))
    saved = put_all(tables.client, writes)[-1]
    return saved if isinstance(saved, GoalDataModel) else None
