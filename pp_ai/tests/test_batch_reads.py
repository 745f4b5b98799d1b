"""Batch reads of more keys than one BatchGetItem request holds (100), over the measurements table
(moto, own process, boto3 over HTTP): every stored item comes back, keys with no item are left out."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, List

import pytest
from pp_api_models.measurement_data_model import MeasurementDataModel

from dynamo_test_server import client
from pp_ai.data.repository import Repository

NOW = datetime(2026, 3, 4, 5, 6, 7, 891000, tzinfo=timezone.utc)
TEMPLATES = [Path("pp_api/cloudformation/kpi_measurements-table.yaml")]
Measurements = Repository[MeasurementDataModel]


@pytest.fixture()
def measurements(endpoint: str) -> Measurements:
    return Repository(client("dynamodb", endpoint), MeasurementDataModel, "test")


def test_batch_get_reads_more_than_one_request_holds(measurements: Measurements) -> None:
    stored = [
        MeasurementDataModel(kpi_id="k-batch", measured_at=NOW + timedelta(minutes=n), tenant_id="t-1",
                             value=Decimal(n), created_at=NOW, updated_at=NOW, sequence=n)
        for n in range(150)
    ]
    for start in range(0, len(stored), 25):  # set-up: BatchWriteItem's 25 puts per request
        puts: List[Any] = [{"PutRequest": {"Item": m.to_item()}} for m in stored[start : start + 25]]
        measurements.client.batch_write_item(RequestItems={measurements.table: puts})
    keys = [m.key() for m in stored] + [measurements.key("k-batch", NOW - timedelta(days=1))]
    found = measurements.batch_get(keys)
    assert sorted(found, key=lambda m: m.sequence) == stored
