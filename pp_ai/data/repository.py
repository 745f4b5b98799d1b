"""`Repository[M]`: one DynamoDB table through its generated model class, as .NET's DynamoDBContext.

Everything table-specific comes from the generated class: the deployed name
(`physical_table_name(stage)`), `HASH_KEY`/`RANGE_KEY`, `INDEXES`, `VERSION_ATTRIBUTE`, and the item
codec (`key()`, `save_request()`, `from_item()`). So this code is written once for every table and a
model edit in pp_api reaches it through the generated module, never through a copy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Dict, Generic, Iterator, List, Mapping, Optional, Sequence, Tuple, Type, TypeVar

from pp_api_models._runtime import DynamoModel

from pp_ai.data.decoding import decode_item
from pp_ai.data.errors import VersionConflict

Item = Dict[str, Any]
M = TypeVar("M", bound=DynamoModel)

# Every DynamoDB API a Repository calls, as IAM actions: the stack's role grants exactly these.
# Writes inside `transact_write_items` are authorised per item as PutItem.
IAM_ACTIONS: Tuple[str, ...] = (
    "dynamodb:BatchGetItem",
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
)
BATCH_GET_LIMIT = 100  # keys per BatchGetItem request (DynamoDB's limit)
_BATCH_RETRIES = 8


@dataclass(frozen=True)
class RangeCondition:
    """A sort-key condition of a query: `op` is one of = < <= > >= between begins_with."""

    op: str
    value: Any
    upper: Any = None  # the upper bound for "between"

    _OPERATORS = ("=", "<", "<=", ">", ">=", "between", "begins_with")

    def __post_init__(self) -> None:
        if self.op not in self._OPERATORS:
            raise ValueError(f"unknown range operator {self.op!r}; use one of {self._OPERATORS}")

    def expression(self) -> str:
        """The condition over `#r` with values `:r` (and `:r2`)."""
        if self.op == "between":
            return "#r BETWEEN :r AND :r2"
        if self.op == "begins_with":
            return "begins_with(#r, :r)"
        return f"#r {self.op} :r"


@dataclass(frozen=True)
class Page(Generic[M]):
    """One page of a query; `next_key` is DynamoDB's `LastEvaluatedKey` (None on the last page)."""

    items: List[M]
    next_key: Optional[Item]


class Repository(Generic[M]):
    """get/put/delete by key, index queries with pagination, batch reads and versioned writes."""

    def __init__(self, client: Any, model: Type[M], stage: str) -> None:
        if model.HASH_KEY is None or model.TABLE_NAME is None:
            raise TypeError(f"{model.__name__} is not a table model (no [DynamoDBTable]/[DynamoDBHashKey])")
        self.client = client
        self.model = model
        self.table = model.physical_table_name(stage)

    # --- keys and values -------------------------------------------------------------------------

    def attribute_value(self, attribute: str, value: Any) -> Item:
        """`value` encoded as the model stores attribute `attribute` (e.g. a key in a condition)."""
        encoded = self.model.model_validate({attribute: value}).to_item().get(attribute)
        if encoded is None:
            raise ValueError(f"{self.model.__name__}.{attribute} = {value!r} is not stored (null or empty)")
        return encoded

    def key(self, hash_value: Any, range_value: Any = None) -> Item:
        """The primary key item for the given key values (Python values, encoded by the model)."""
        values = {self._hash_key: hash_value}
        if self.model.RANGE_KEY is not None:
            if range_value is None:
                raise ValueError(f"{self.model.__name__} has a range key ({self.model.RANGE_KEY}): pass its value")
            values[self.model.RANGE_KEY] = range_value
        return self.model.model_validate(values).key()

    @property
    def _hash_key(self) -> str:
        assert self.model.HASH_KEY is not None  # checked in __init__
        return self.model.HASH_KEY

    def decode(self, item: Mapping[str, Any]) -> M:
        """`from_item`, with a stored item that does not fit the model as an `ItemMismatch`."""
        return decode_item(self.model, item)

    # --- single items ----------------------------------------------------------------------------

    def get(self, hash_value: Any, range_value: Any = None, consistent: bool = True) -> Optional[M]:
        """The item with this key, or None."""
        response = self.client.get_item(
            TableName=self.table, Key=self.key(hash_value, range_value), ConsistentRead=consistent
        )
        item = response.get("Item")
        return self.decode(item) if item else None

    def put_request(self, model: M) -> Dict[str, Any]:
        """`put_item` arguments with .NET's `[DynamoDBVersion]` condition (see `save_request`)."""
        return {"TableName": self.table, **model.save_request()}

    def saved(self, model: M, request: Mapping[str, Any]) -> M:
        """`model` as it is after `request` was written: .NET's Save sets the new version on the object."""
        if self.model.VERSION_ATTRIBUTE is None:
            return model
        version = int(request["Item"][self.model.VERSION_ATTRIBUTE]["N"])
        return model.model_copy(update={self._version_field: version})

    @property
    def _version_field(self) -> str:
        for spec in self.model.ATTRIBUTES:
            if spec.attribute == self.model.VERSION_ATTRIBUTE:
                return spec.field
        raise LookupError(f"{self.model.__name__} has no field for {self.model.VERSION_ATTRIBUTE}")

    def put(self, model: M) -> M:
        """Save `model`: version 0 on the first save, loaded version + 1 after; `VersionConflict`
        (and nothing written) when the stored version differs. Returns the model as saved."""
        request = self.put_request(model)
        try:
            self.client.put_item(**request)
        except self.client.exceptions.ConditionalCheckFailedException:
            raise self.conflict(model) from None
        return self.saved(model, request)

    def conflict(self, model: M) -> VersionConflict:
        """The `VersionConflict` for a failed conditional write of `model`."""
        expected = getattr(model, self._version_field) if self.model.VERSION_ATTRIBUTE else None
        return VersionConflict(self.table, model.key(), expected)

    def delete(self, model: M) -> None:
        """Delete `model`'s item; for a versioned model only if the stored version is the loaded one
        (.NET's `DeleteAsync(object)`), else `VersionConflict`."""
        arguments: Dict[str, Any] = {"TableName": self.table, "Key": model.key()}
        if self.model.VERSION_ATTRIBUTE is not None:
            version = model.to_item().get(self.model.VERSION_ATTRIBUTE)
            arguments["ExpressionAttributeNames"] = {"#v": self.model.VERSION_ATTRIBUTE}
            if version is None:
                arguments["ConditionExpression"] = "attribute_not_exists(#v)"
            else:
                arguments["ConditionExpression"] = "#v = :v"
                arguments["ExpressionAttributeValues"] = {":v": version}
        try:
            self.client.delete_item(**arguments)
        except self.client.exceptions.ConditionalCheckFailedException:
            raise self.conflict(model) from None

    def delete_key(self, hash_value: Any, range_value: Any = None) -> None:
        """Delete by key, unconditionally (.NET's `DeleteAsync<T>(hashKey, rangeKey)`)."""
        self.client.delete_item(TableName=self.table, Key=self.key(hash_value, range_value))

    # --- queries ---------------------------------------------------------------------------------

    def query_page(
        self,
        hash_value: Any,
        index: Optional[str] = None,
        where: Optional[RangeCondition] = None,
        limit: Optional[int] = None,
        start_key: Optional[Item] = None,
        newest_first: bool = False,
    ) -> Page[M]:
        """One page of items whose hash key (of the table, or of `index`) is `hash_value`."""
        hash_key, range_key = self._index_keys(index)
        names = {"#h": hash_key}
        values = {":h": self.attribute_value(hash_key, hash_value)}
        condition = "#h = :h"
        if where is not None:
            if range_key is None:
                raise ValueError(f"{index or self.table} has no range key to compare")
            names["#r"] = range_key
            values[":r"] = self.attribute_value(range_key, where.value)
            if where.op == "between":
                values[":r2"] = self.attribute_value(range_key, where.upper)
            condition += " AND " + where.expression()
        arguments: Dict[str, Any] = {
            "TableName": self.table,
            "KeyConditionExpression": condition,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": values,
            "ScanIndexForward": not newest_first,
        }
        arguments.update(_optional(IndexName=index, Limit=limit, ExclusiveStartKey=start_key))
        response = self.client.query(**arguments)
        return Page([self.decode(item) for item in response["Items"]], response.get("LastEvaluatedKey"))

    def query(
        self,
        hash_value: Any,
        index: Optional[str] = None,
        where: Optional[RangeCondition] = None,
        page_size: Optional[int] = None,
        newest_first: bool = False,
    ) -> Iterator[M]:
        """Every matching item, following `LastEvaluatedKey` page by page."""
        start_key: Optional[Item] = None
        while True:
            page = self.query_page(hash_value, index, where, page_size, start_key, newest_first)
            yield from page.items
            if page.next_key is None:
                return
            start_key = page.next_key

    def _index_keys(self, index: Optional[str]) -> Tuple[str, Optional[str]]:
        if index is None:
            return self._hash_key, self.model.RANGE_KEY
        try:
            keys = self.model.INDEXES[index]
        except KeyError:
            raise ValueError(f"{self.model.__name__} has no index {index!r}: {sorted(self.model.INDEXES)}") from None
        return keys.hash_key, keys.range_key

    # --- batches ---------------------------------------------------------------------------------

    def batch_get(self, keys: Sequence[Item]) -> List[M]:
        """The items with these primary keys (from `key()`), in no particular order; missing ones
        are left out. 100 keys per request; `UnprocessedKeys` are retried with back-off."""
        found: List[M] = []
        for start in range(0, len(keys), BATCH_GET_LIMIT):
            found.extend(self.decode(item) for item in self._batch_get_chunk(keys[start : start + BATCH_GET_LIMIT]))
        return found

    def _batch_get_chunk(self, keys: Sequence[Item]) -> List[Item]:
        items: List[Item] = []
        request: Dict[str, Any] = {self.table: {"Keys": list(keys), "ConsistentRead": True}}
        for attempt in range(_BATCH_RETRIES):
            response = self.client.batch_get_item(RequestItems=request)
            items.extend(response.get("Responses", {}).get(self.table, []))
            request = response.get("UnprocessedKeys") or {}
            if not request:
                return items
            time.sleep(min(0.05 * 2**attempt, 1.0))
        raise RuntimeError(f"{self.table}: keys still unprocessed after {_BATCH_RETRIES} BatchGetItem attempts")


def _optional(**arguments: Any) -> Dict[str, Any]:
    """The keyword arguments that are not None (boto3 rejects explicit None values)."""
    return {name: value for name, value in arguments.items() if value is not None}


Write = Tuple["Repository[Any]", DynamoModel]


def put_all(client: Any, writes: Sequence[Write]) -> List[DynamoModel]:
    """Save several models in one `transact_write_items`: all written or none. A lost version
    condition is a `VersionConflict` for that model. Returns the models as saved, in order."""
    requests = [repository.put_request(model) for repository, model in writes]
    try:
        client.transact_write_items(TransactItems=[{"Put": request} for request in requests])
    except client.exceptions.TransactionCanceledException as error:
        reasons = error.response.get("CancellationReasons") or []
        for (repository, model), reason in zip(writes, reasons):
            if reason.get("Code") == "ConditionalCheckFailed":
                raise repository.conflict(model) from None
        raise
    return [repository.saved(model, request) for (repository, model), request in zip(writes, requests)]
