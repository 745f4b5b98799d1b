"""Sessions and conversations through the generated models, on tables deployed from the generated
CloudFormation to a real DynamoDB-API server (moto, own process, boto3 over HTTP)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from dynamo_test_server import client
from pp_ai.coaching.sessions import SessionStore

TEMPLATES = [Path("pp_api/cloudformation/sessions-table.yaml"), Path("pp_api/cloudformation/conversations-table.yaml")]
NOW = datetime(2026, 3, 4, 5, 6, 7, 891234, tzinfo=timezone.utc)


@pytest.fixture()
def store(endpoint: str) -> SessionStore:
    return SessionStore(client("dynamodb", endpoint), stage="test")


def test_session_is_stored_the_way_dotnet_stores_it(store: SessionStore, endpoint: str) -> None:
    offset = timezone(timedelta(hours=2))
    session = store.start_session("user-1", "tenant-1", NOW.astimezone(offset))
    raw = client("dynamodb", endpoint).get_item(
        TableName="purposepath-sessions-test", Key={"session_id": {"S": session.session_id}}
    )["Item"]
    # DateTime: UTC, milliseconds truncated. DateTimeOffset through the C# converter: "o" format.
    assert raw["started_at"] == {"S": "2026-03-04T05:06:07.891Z"}
    assert raw["last_activity_at"] == {"S": "2026-03-04T07:06:07.8912340+02:00"}
    assert raw["state"]["N"].isdigit()  # Enums are stored as their underlying number.


def test_sessions_of_a_user_come_newest_first_from_the_index(store: SessionStore) -> None:
    first = store.start_session("user-2", "tenant-1", NOW)
    second = store.start_session("user-2", "tenant-1", NOW + timedelta(hours=1))
    store.start_session("user-3", "tenant-1", NOW + timedelta(hours=2))
    found = store.sessions_of_user_since("user-2", NOW - timedelta(minutes=1))
    assert [s.session_id for s in found] == [second.session_id, first.session_id]
    assert store.sessions_of_user_since("user-2", NOW + timedelta(minutes=30))[0].session_id == second.session_id


def test_conversations_are_found_by_session(store: SessionStore) -> None:
    session = store.start_session("user-4", "tenant-1", NOW)
    other = store.start_session("user-4", "tenant-1", NOW)
    opened = [store.open_conversation(session, topic, NOW) for topic in ("goals", "kpis")]
    store.open_conversation(other, "other", NOW)
    found = store.conversations_of_session(session.session_id)
    assert sorted(c.topic for c in found) == ["goals", "kpis"]
    assert {c.conversation_id for c in found} == {c.conversation_id for c in opened}
