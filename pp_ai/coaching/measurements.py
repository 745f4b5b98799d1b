"""Recording a KPI measurement: the measurement, the KPI's current value and its goal's progress
are written together in one transaction, the goal under its `[DynamoDBVersion]` condition and the
goal's other KPIs under the condition that they still hold what the progress was computed from."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, List, Optional, Sequence

from pp_api_models.goal_data_model import GoalDataModel
from pp_api_models.kpi_data_model import KpiDataModel
from pp_api_models.measurement_data_model import MeasurementDataModel

from pp_ai.coaching.goals import kpi_snapshot
from pp_ai.data.repository import Repository, Unchanged, Write, put_all

if TYPE_CHECKING:  # types only: the Lambda runtime's boto3 is untyped at run time
    from mypy_boto3_dynamodb import DynamoDBClient


@dataclass(frozen=True)
class MeasurementTables:
    """The tables recording a measurement writes: measurements, their KPIs and the KPIs' goals (and
    only these, so code and tests that record measurements depend on these models alone)."""

    client: DynamoDBClient
    measurements: Repository[MeasurementDataModel]
    kpis: Repository[KpiDataModel]
    goals: Repository[GoalDataModel]

    @classmethod
    def of(cls, client: DynamoDBClient, stage: str) -> MeasurementTables:
        return cls(client, Repository(client, MeasurementDataModel, stage), Repository(client, KpiDataModel, stage),
                   Repository(client, GoalDataModel, stage))


def goal_progress_percent(kpis: Sequence[KpiDataModel]) -> Decimal:
    """Weighted mean completion of the KPIs that have a reading, in percent (0-100, 2 decimals)."""
    readings = [(kpi_snapshot(k).completion(), Decimal(str(k.weight))) for k in kpis]
    weighted = [(completion, weight) for completion, weight in readings if completion is not None]
    total_weight = sum((weight for _, weight in weighted), Decimal(0))
    if total_weight == 0:
        return Decimal(0)
    share = sum((completion * weight for completion, weight in weighted), Decimal(0)) / total_weight
    return (share * 100).quantize(Decimal("0.01"))


# The KPI fields a goal's progress is computed from (`goal_progress_percent`).
_PROGRESS_INPUTS = ("baseline", "current_value", "target", "weight")


def record_measurement(tables: MeasurementTables, measurement: MeasurementDataModel) -> Optional[GoalDataModel]:
    """Store `measurement`, make it its KPI's current value and recompute the KPI's goal's progress.

    Returns the goal as saved (None when the KPI has no goal). A missing KPI is a `LookupError`.
    The goal's other KPIs are found through the goal index (eventually consistent), re-read
    consistently, and the write is conditional on each of them still holding what the progress
    was computed from: a goal or a KPI changed by someone else since it was read is a
    `VersionConflict`, and then nothing is written.
    """
    kpi = tables.kpis.get(measurement.kpi_id)
    if kpi is None:
        raise LookupError(f"no KPI {measurement.kpi_id!r}")
    kpi = kpi.model_copy(update={"current_value": measurement.value, "updated_at": measurement.created_at})
    writes: List[Write] = [(tables.measurements, measurement), (tables.kpis, kpi)]
    unchanged: List[Unchanged] = []
    goal = tables.goals.get(kpi.goal_id) if kpi.goal_id else None
    if goal is not None:
        siblings = _other_kpis(tables, kpi)
        progress = goal_progress_percent([kpi, *siblings])
        goal = goal.model_copy(update={"progress": progress, "updated_at": measurement.created_at})
        writes.append((tables.goals, goal))
        inputs = tuple(spec.attribute for spec in KpiDataModel.ATTRIBUTES if spec.field in _PROGRESS_INPUTS)
        unchanged = [Unchanged(tables.kpis, sibling, inputs) for sibling in siblings]
    saved = put_all(tables.client, writes, unchanged)[-1]
    return saved if isinstance(saved, GoalDataModel) else None


def _other_kpis(tables: MeasurementTables, kpi: KpiDataModel) -> List[KpiDataModel]:
    """The goal's other KPIs as stored now: found through the goal index, read by key consistently."""
    linked = tables.kpis.query(kpi.goal_id, index=KpiDataModel.INDEX_GOAL_ID_INDEX)
    keys = [other.key() for other in linked if other.kpi_id != kpi.kpi_id]
    return sorted(tables.kpis.batch_get(keys), key=lambda other: other.kpi_id)
