"""Coaching sessions and their conversation turns, stored in DynamoDB.

Hand-written item shapes: this is exactly the code that drifts from pp_api's C# models, and that
the generated `pp_api_models` package replaces table by table.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Dict, List

SESSIONS_TABLE = "sessions"
CONVERSATIONS_TABLE = "conversations"


@dataclass(frozen=True)
class Turn:
    session_id: str
    sequence: int
    role: str
    text: str
    created_at: datetime


def _iso_millis(moment: datetime) -> str:
    # The format .NET's DynamoDBContext writes for DateTime (UTC, truncated milliseconds).
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


class SessionStore:
    """Reads and writes sessions/conversations through a boto3 low-level DynamoDB client."""

    def __init__(self, client: Any, stage: str) -> None:
        self._client = client
        self._sessions = f"purposepath-{SESSIONS_TABLE}-{stage}"
        self._conversations = f"purposepath-{CONVERSATIONS_TABLE}-{stage}"

    def start_session(self, user_id: str, goal_id: str, now: datetime) -> str:
        session_id = str(uuid.uuid4())
        item: Dict[str, Dict[str, str]] = {
            "session_id": {"S": session_id},
            "user_id": {"S": user_id},
            "goal_id": {"S": goal_id},
            "started_at": {"S": _iso_millis(now)},
        }
        self._client.put_item(TableName=self._sessions, Item=item)
        return session_id

    def add_turn(self, turn: Turn) -> None:
        self._client.put_item(
            TableName=self._conversations,
            Item={
                "session_id": {"S": turn.session_id},
                "sequence": {"N": str(turn.sequence)},
                "role": {"S": turn.role},
                "text": {"S": turn.text},
                "created_at": {"S": _iso_millis(turn.created_at)},
            },
        )

    def turns(self, session_id: str) -> List[Turn]:
        response = self._client.query(
            TableName=self._conversations,
            KeyConditionExpression="session_id = :s",
            ExpressionAttributeValues={":s": {"S": session_id}},
            ScanIndexForward=True,
        )
        return [_turn_from_item(item) for item in response["Items"]]


def _turn_from_item(item: Dict[str, Dict[str, str]]) -> Turn:
    return Turn(
        session_id=item["session_id"]["S"],
        sequence=int(item["sequence"]["N"]),
        role=item["role"]["S"],
        text=item["text"]["S"],
        created_at=datetime.fromisoformat(item["created_at"]["S"].replace("Z", "+00:00")),
    )
