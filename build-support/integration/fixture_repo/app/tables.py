"""`pants run app/tables.py -- STAGE`: the deployed name of each table the app uses."""

from __future__ import annotations

import sys

from acme_models.goal_data_model import GoalDataModel
from acme_models.session_data_model import SessionDataModel
from billing_models.payment_data_model import PaymentDataModel

if __name__ == "__main__":
    for model in (GoalDataModel, SessionDataModel, PaymentDataModel):
        print(model.physical_table_name(sys.argv[1]))
