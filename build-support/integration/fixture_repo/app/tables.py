"""`pants run app/tables.py -- STAGE`: the deployed name of each table the app uses."""

from __future__ import annotations

import sys

from acme_models.goal_data_model import GoalDataModel
from acme_models.session_data_model import SessionDataModel

if __name__ == "__main__":
    for model in (GoalDataModel, SessionDataModel):
        print(model.physical_table_name(sys.argv[1]))
