"""Coaching sessions and conversations, through the generated models of pp_api's tables.

This module used to hand-write item dicts for a `conversations` table keyed by session and turn
number, a shape pp_api never stored: the drift the generated models make impossible.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, List

from pp_api_models.conversation_channel import ConversationChannel
from pp_api_models.conversation_data_model import ConversationDataModel
from pp_api_models.session_data_model import SessionDataModel

from pp_ai.coaching import converters
from pp_ai.data.repository import RangeCondition, Repository

if TYPE_CHECKING:  # types only: the Lambda runtime's boto3 is untyped at run time
    from mypy_boto3_dynamodb import DynamoDBClient


class SessionStore:
    """Reads and writes sessions and conversations through a boto3 low-level DynamoDB client."""

    def __init__(self, client: DynamoDBClient, stage: str) -> None:
        converters.register()  # SessionDataModel.last_activity_at uses the C# DateTimeOffsetConverter
        self._sessions = Repository(client, SessionDataModel, stage)
        self._conversations = Repository(client, ConversationDataModel, stage)

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
        return self._sessions.put(session)

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
        return self._conversations.put(conversation)

    def conversations_of_session(self, session_id: str) -> List[ConversationDataModel]:
        return list(self._conversations.query(session_id, index=ConversationDataModel.INDEX_SESSION_ID_INDEX))

    def sessions_of_user_since(self, user_id: str, since: datetime) -> List[SessionDataModel]:
        """Newest first; .NET's DateTime strings sort chronologically, so the range key compares."""
        return list(
            self._sessions.query(
                user_id,
                index=SessionDataModel.INDEX_USER_ID_STARTED_AT_INDEX,
                where=RangeCondition(">=", since),
                newest_first=True,
            )
        )
