"""`Repository[M]`: one DynamoDB table through its generated model class, as .NET's DynamoDBContext.

Everything table-specific comes from the generated class: the deployed name
(`physical_table_name(stage)`), `HASH_KEY`/`RANGE_KEY`, `INDEXES`, and the item codec (`key()`,
`encode_attribute()`, `save_request()`, `delete_request()`, `from_item()`). So this code is written
once for every table and a model edit in pp_api reaches it through the generated module, never
through a copy. Saves are .NET's: an UpdateItem that leaves attributes this model does not know
(a newer pp_api's) as they are.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Generic,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Type,
    TypeVar,
    cast,
)

from pp_api_models._runtime import DynamoModel, SaveRequest

from pp_ai.data.decoding import decode_item
from pp_ai.data.errors import VersionConflict

if TYPE_CHECKING:  # types only: the Lambda runtime's boto3 is untyped at run time
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

Item = Dict[str, Any]
M = TypeVar("M", bound=DynamoModel)

# Every DynamoDB API a Repository calls, as IAM actions: the stack's role grants exactly these.
# The entries of a `transact_write_items` are authorised one by one: Update as UpdateItem,
# ConditionCheck as ConditionCheckItem.
IAM_ACTIONS: Tuple[str, ...] = (
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:UpdateItem",
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

    def __init__(self, client: DynamoDBClient, model: Type[M], stage: str) -> None:
        if model.HASH_KEY is None or model.TABLE_NAME is None:
            raise TypeError(f"{model.__name__} is not a table model (no [DynamoDBTable]/[DynamoDBHashKey])")
        self.client = client
        self.model = model
        self.table = model.physical_table_name(stage)

    # --- keys and values -------------------------------------------------------------------------

    def attribute_value(self, attribute: str, value: Any) -> Item:
        """`value` encoded as the model stores attribute `attribute` (e.g. a key in a condition)."""
        return self.model.encode_attribute(attribute, value)

    def key(self, hash_value: Any, range_value: Any = None) -> Item:
        """The primary key item for the given key values (Python values, encoded by the model)."""
        key = {self._hash_key: self.attribute_value(self._hash_key, hash_value)}
        if self.model.RANGE_KEY is not None:
            if range_value is None:
                raise ValueError(f"{self.model.__name__} has a range key ({self.model.RANGE_KEY}): pass its value")
            key[self.model.RANGE_KEY] = self.attribute_value(self.model.RANGE_KEY, range_value)
        return key

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

    def put(self, model: M) -> M:
        """Save `model` as .NET's `DynamoDBContext.Save` does (one UpdateItem: attributes the model
        does not know stay as they are); `VersionConflict`, and nothing written, when the stored
        `[DynamoDBVersion]` is not the loaded one. Returns the model as stored (new version,
        counters, timestamps)."""
        request = model.save_request()
        try:
            response = self.client.update_item(TableName=self.table, **request.arguments)
        except self.client.exceptions.ConditionalCheckFailedException:
            raise self.conflict(model) from None
        return model.saved(request, response)

    def conflict(self, model: M) -> VersionConflict:
        """The `VersionConflict` for a failed conditional write of `model`."""
        version = self.model.VERSION_ATTRIBUTE
        loaded = getattr(model, self.model.spec_of(version).field) if version else None
        return VersionConflict(self.table, model.key(), loaded, versioned=version is not None)

    def delete(self, model: M) -> None:
        """Delete `model`'s item; for a versioned model only if the stored version is the loaded one
        (.NET's `DeleteAsync(object)`), else `VersionConflict`."""
        try:
            self.client.delete_item(TableName=self.table, **model.delete_request())
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


@dataclass(frozen=True)
class Unchanged:
    """A `ConditionCheck` of a transaction: the item of `model` still stores these attributes
    (stored names) as `model` has them, or still lacks them."""

    repository: "Repository[Any]"
    model: DynamoModel
    attributes: Tuple[str, ...]

    def transact_item(self) -> Dict[str, Any]:
        stored = self.model.to_item()
        names = {f"#c{i}": name for i, name in enumerate(self.attributes)}
        values = {f":c{i}": stored[name] for i, name in enumerate(self.attributes) if name in stored}
        tests = [f"#c{i} = :c{i}" if f":c{i}" in values else f"attribute_not_exists(#c{i})"
                 for i in range(len(self.attributes))]
        check: Dict[str, Any] = {"TableName": self.repository.table, "Key": self.model.key(),
                                 "ConditionExpression": " AND ".join(tests), "ExpressionAttributeNames": names}
        if values:
            check["ExpressionAttributeValues"] = values
        return {"ConditionCheck": check}


def put_all(client: DynamoDBClient, writes: Sequence[Write], unchanged: Sequence[Unchanged] = ()) -> List[DynamoModel]:
    """Save several models in one `transact_write_items`, each as `Repository.put` saves it, on
    condition that every `unchanged` item is as read: all written or none. A lost condition is a
    `VersionConflict` for that model. Returns the models as saved, in order (new versions and
    timestamps; a transaction returns no item, so counters are as they were read)."""
    requests: List[SaveRequest] = [model.save_request() for _, model in writes]
    entries = [request.transact_item(repository.table) for (repository, _), request in zip(writes, requests)]
    try:
        items = entries + [check.transact_item() for check in unchanged]
        client.transact_write_items(TransactItems=cast("List[TransactWriteItemTypeDef]", items))
    except client.exceptions.TransactionCanceledException as error:
        reasons = error.response.get("CancellationReasons") or []
        targets = [(repository, model) for repository, model in writes]
        targets += [(check.repository, check.model) for check in unchanged]
        for (repository, model), reason in zip(targets, reasons):
            if reason.get("Code") == "ConditionalCheckFailed":
                raise repository.conflict(model) from None
        raise
    return [model.saved(request) for (_, model), request in zip(writes, requests)]
