"""CloudFormation's update of an `AWS::DynamoDB::Table`, which moto's server lacks, for tests that deploy in steps.

moto (5.x) has no update for a DynamoDB table resource: `update_stack` reports UPDATE_COMPLETE and
the table keeps its indexes. `install()` gives it the behaviour AWS documents for the resource's
properties ("Update requires"), in the server's own process (`moto_server(extensions=[__name__])`):

- `GlobalSecondaryIndexes`: one index created or deleted per update, without interruption. More
  than one, or an index whose key schema changes (a delete and a create of one name), fails the
  update with CloudFormation's message;
- `AttributeDefinitions` follow the indexes; `BillingMode` is updated in place;
- `TableName`, `KeySchema` and `LocalSecondaryIndexes` require a replacement, which this does not
  emulate: such an update fails, saying so.

Indexes are ACTIVE as soon as they are created (moto does not backfill).
"""

from __future__ import annotations

from typing import Any, Dict, List

ONE_INDEX_PER_UPDATE = "Cannot perform more than one GSI creation or deletion in a single update"


def _key_schema(index: Dict[str, Any]) -> List[Dict[str, str]]:
    return [{"AttributeName": k["AttributeName"], "KeyType": k["KeyType"]} for k in index["KeySchema"]]


def index_updates(deployed: Dict[str, List[Dict[str, str]]], wanted: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The `GlobalSecondaryIndexUpdates` from `deployed` (index -> key schema) to the template's indexes;
    ValueError when CloudFormation refuses them in one update."""
    by_name = {index["IndexName"]: index for index in wanted}
    changed = [name for name in by_name.keys() & deployed.keys() if _key_schema(by_name[name]) != deployed[name]]
    deletes = sorted(deployed.keys() - by_name.keys()) + changed
    creates = sorted(by_name.keys() - deployed.keys()) + changed
    if len(deletes) + len(creates) > 1:
        raise ValueError(f"{ONE_INDEX_PER_UPDATE} (deletes {deletes}, creates {creates})")
    return [{"Delete": {"IndexName": name}} for name in deletes] + [{"Create": by_name[name]} for name in creates]


def _update_table(
    cls: Any, original_resource: Any, new_resource_name: str, cloudformation_json: Dict[str, Any],
    account_id: str, region_name: str,
) -> Any:
    from moto.cloudformation.exceptions import ValidationError
    from moto.dynamodb.models import dynamodb_backends

    table = original_resource
    properties = cloudformation_json["Properties"]
    replaced = [name for name, now, was in (
        ("TableName", new_resource_name, table.name),
        ("KeySchema", properties["KeySchema"], table.schema),
        ("LocalSecondaryIndexes", properties.get("LocalSecondaryIndexes", []), [i.describe() for i in table.indexes]),
    ) if now != was]
    if replaced:
        raise ValidationError(message=f"{', '.join(replaced)}: Update requires Replacement (not emulated)")
    try:
        updates = index_updates({i.name: i.schema for i in table.global_indexes},
                                properties.get("GlobalSecondaryIndexes", []))
    except ValueError as error:
        raise ValidationError(message=str(error)) from None
    return dynamodb_backends[account_id][region_name].update_table(
        name=table.name, attr_definitions=properties["AttributeDefinitions"], global_index=updates,
        throughput={}, billing_mode=properties.get("BillingMode", "PROVISIONED"), stream_spec={},
        deletion_protection_enabled=None, warm_throughput=None,
    )  # empty: unchanged


def install() -> None:
    """Give moto's DynamoDB table resource its CloudFormation update (in the server's process)."""
    from moto.dynamodb.models.table import Table

    Table.update_from_cloudformation_json = classmethod(_update_table)  # type: ignore[assignment]
