"""Coaching sessions through the generated model of the sessions table."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from acme_models.session_data_model import SessionDataModel


def session(goal_id: str, started_at: datetime, minutes: Optional[int] = None) -> SessionDataModel:
    return SessionDataModel(goal_id=goal_id, started_at=started_at, minutes=minutes, created_at=started_at,
                            created_by="app")
