"""The tables pp_ai uses, each a `Repository` over its generated model: no per-table code.

`TABLE_MODELS` is also what the stack assembler reads (`pp_ai/stack`): a model added here gets its
generated table and its IAM grant in pp_ai's CloudFormation stack with no other step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Tuple, Type

from pp_api_models._runtime import DynamoModel
from pp_api_models.action_data_model import ActionDataModel
from pp_api_models.conversation_data_model import ConversationDataModel
from pp_api_models.goal_data_model import GoalDataModel
from pp_api_models.kpi_data_model import KpiDataModel
from pp_api_models.measurement_data_model import MeasurementDataModel
from pp_api_models.session_data_model import SessionDataModel

from pp_ai.coaching import converters
from pp_ai.data.repository import Repository

if TYPE_CHECKING:  # types only: the Lambda runtime's boto3 is untyped at run time
    from mypy_boto3_dynamodb import DynamoDBClient

converters.register()  # SessionDataModel.last_activity_at uses the C# DateTimeOffsetConverter.

TABLE_MODELS: Tuple[Type[DynamoModel], ...] = (
    ActionDataModel,
    ConversationDataModel,
    GoalDataModel,
    KpiDataModel,
    MeasurementDataModel,
    SessionDataModel,
)


class Tables:
    """The repositories of every table pp_ai uses, in one stage, over one boto3 DynamoDB client."""

    def __init__(self, client: DynamoDBClient, stage: str) -> None:
        self.client = client
        self.stage = stage
        self.actions = Repository(client, ActionDataModel, stage)
        self.conversations = Repository(client, ConversationDataModel, stage)
        self.goals = Repository(client, GoalDataModel, stage)
        self.kpis = Repository(client, KpiDataModel, stage)
        self.measurements = Repository(client, MeasurementDataModel, stage)
        self.sessions = Repository(client, SessionDataModel, stage)
