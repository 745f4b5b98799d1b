from __future__ import annotations

from datetime import datetime, timezone

from acme_models.session_data_model import SessionDataModel
from app.sessions import session

START = datetime(2026, 1, 1, 9, 30, tzinfo=timezone.utc)


def test_session_key_is_goal_and_start() -> None:
    stored = session("g-1", START, minutes=25)
    assert stored.key() == {"goal_id": {"S": "g-1"}, "started_at": {"S": "2026-01-01T09:30:00.000Z"}}
    assert SessionDataModel.from_item(stored.to_item()) == stored
