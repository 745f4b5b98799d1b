"""Queries shared by the stores of pp_api's tables (their deployed names come from the generated
models: `GoalDataModel.physical_table_name(stage)`)."""

from __future__ import annotations

from typing import Any, Dict, List


def items_with_index_key(client: Any, table: str, index: str, attribute: str, value: str) -> List[Dict[str, Any]]:
    """Items whose string attribute `attribute` (the hash key of `index`) equals `value`."""
    response = client.query(
        TableName=table,
        IndexName=index,
        KeyConditionExpression=f"{attribute} = :value",
        ExpressionAttributeValues={":value": {"S": value}},
    )
    items: List[Dict[str, Any]] = response["Items"]
    return items
