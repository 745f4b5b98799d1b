"""Payments through the generated model of the billing service's payments table."""

from __future__ import annotations

from typing import List, Optional

from billing_models.payment_data_model import PaymentDataModel


def payment(payment_id: str, labels: List[str], note: Optional[str] = None) -> PaymentDataModel:
    return PaymentDataModel(payment_id=payment_id, settled=True, labels=list(labels), note=note)
