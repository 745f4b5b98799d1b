"""Physical table names of pp_api's tables in a deployment stage."""

from __future__ import annotations

from typing import Any, Dict, List


def physical_table_name(table: str, stage: str) -> str:
    """Deployed table name; mirrors `[schema-sync].table_name_template` in pants.toml."""
    return f"purposepath-{table}-{stage}"


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
