from __future__ import annotations

from app.payments import payment
from billing_models.payment_data_model import PaymentDataModel


def test_payment_items_are_stored_as_the_billing_service_stores_them() -> None:
    stored = payment("p-1", ["card"], note="paid by card")
    item = stored.to_item()
    assert item["settled"] == {"BOOL": True}  # conversion V2: bool as BOOL, not N 1/0
    assert item["labels"] == {"L": [{"S": "card"}]}  # V2: List<string> as a list, not a string set
    assert PaymentDataModel.from_item(item) == stored
    assert "note" not in payment("p-2", []).to_item()  # nullable_context disable: `string` may hold null
    assert PaymentDataModel.physical_table_name("dev") == "billing-payments-dev"
