"""SessionStore against a real DynamoDB-API server (moto, own process) over HTTP."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from dynamo_test_server import client, moto_server
from pp_ai.coaching.sessions import SessionStore, Turn

TEMPLATE = Path("pp_ai/coaching/template.yaml")


class _CfnLoader(yaml.SafeLoader):
    """Reads `!Sub` and friends as plain values: enough to check the template's contents."""


_CfnLoader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node))


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with moto_server() as url:
        cfn = client("cloudformation", url)
        cfn.create_stack(
            StackName="pp-ai-test",
            TemplateBody=TEMPLATE.read_text(),
            Parameters=[{"ParameterKey": "Stage", "ParameterValue": "test"}],
        )
        yield url


@pytest.fixture()
def store(endpoint: str) -> SessionStore:
    return SessionStore(client("dynamodb", endpoint), stage="test")


def test_template_declares_the_tables_the_store_uses() -> None:
    template: Any = yaml.load(TEMPLATE.read_text(), Loader=_CfnLoader)
    names = {r["Properties"]["TableName"] for r in template["Resources"].values()}
    assert names == {"purposepath-conversations-${Stage}", "purposepath-sessions-${Stage}"}


def test_turns_come_back_in_sequence_order(store: SessionStore) -> None:
    now = datetime(2026, 3, 4, 5, 6, 7, 891234, tzinfo=timezone.utc)
    session_id = store.start_session("user-1", "goal-1", now)
    for sequence, role in [(2, "coach"), (1, "user"), (3, "user")]:
        store.add_turn(Turn(session_id, sequence, role, f"turn {sequence}", now))
    turns = store.turns(session_id)
    assert [t.sequence for t in turns] == [1, 2, 3]
    assert [t.role for t in turns] == ["user", "coach", "user"]
    # Stored with millisecond precision, the way .NET writes DateTime.
    assert turns[0].created_at == now.replace(microsecond=891000)


def test_sessions_do_not_see_each_others_turns(store: SessionStore) -> None:
    now = datetime(2026, 3, 4, tzinfo=timezone.utc)
    first = store.start_session("user-1", "goal-1", now)
    second = store.start_session("user-2", "goal-2", now)
    store.add_turn(Turn(first, 1, "user", "hello", now))
    assert store.turns(second) == []
