"""Coaching sessions and conversations, through the generated models of pp_api's tables.

This module used to hand-write item dicts for a `conversations` table keyed by session and turn
number, a shape pp_api never stored: the drift the generated models make impossible.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, List

from pp_api_models import _runtime
from pp_api_models.conversation_channel import ConversationChannel
from pp_api_models.conversation_data_model import ConversationDataModel
from pp_api_models.session_data_model import SessionDataModel

from pp_ai.coaching import converters
from pp_ai.coaching.tables import items_with_index_key

converters.register()  # SessionDataModel.last_activity_at uses the C# DateTimeOffsetConverter.


class SessionStore:
    """Reads and writes sessions and conversations through a boto3 low-level DynamoDB client."""

    def __init__(self, client: Any, stage: str) -> None:
        self._client = client
        self._sessions = SessionDataModel.physical_table_name(stage)
        self._conversations = ConversationDataModel.physical_table_name(stage)

    def start_session(self, user_id: str, tenant_id: str, now: datetime) -> SessionDataModel:
        session = SessionDataModel(
            session_id=str(uuid.uuid4()),
            user_id=user_id,
            tenant_id=tenant_id,
            started_at=now,
            last_activity_at=now,
            created_at=now,
            updated_at=now,
            created_by=user_id,
        )
        self._client.put_item(TableName=self._sessions, Item=session.to_item())
        return session

    def open_conversation(self, session: SessionDataModel, topic: str, now: datetime) -> ConversationDataModel:
        conversation = ConversationDataModel(
            user_id=session.user_id,
            conversation_id=str(uuid.uuid4()),
            session_id=session.session_id,
            tenant_id=session.tenant_id,
            topic=topic,
            channel=ConversationChannel.Web,
            created_at=now,
            updated_at=now,
        )
        self._client.put_item(TableName=self._conversations, Item=conversation.to_item())
        return conversation

    def conversations_of_session(self, session_id: str) -> List[ConversationDataModel]:
        items = items_with_index_key(
            self._client, self._conversations, ConversationDataModel.INDEX_SESSION_ID_INDEX, "session_id", session_id
        )
        return [ConversationDataModel.from_item(item) for item in items]

    def sessions_of_user_since(self, user_id: str, since: datetime) -> List[SessionDataModel]:
        """Newest first; .NET's DateTime strings sort chronologically, so the range key compares."""
        response = self._client.query(
            TableName=self._sessions,
            IndexName=SessionDataModel.INDEX_USER_ID_STARTED_AT_INDEX,
            KeyConditionExpression="user_id = :user AND started_at >= :since",
            ExpressionAttributeValues={
                ":user": {"S": user_id},
                ":since": {"S": _runtime.format_datetime(since)},
            },
            ScanIndexForward=False,
        )
        return [SessionDataModel.from_item(item) for item in response["Items"]]
