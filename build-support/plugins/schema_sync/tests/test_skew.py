"""Skew between deploys: every row of the schema lock's rules table (docs/schema-lock.md), run for
real. Two services are never deployed at the same instant, so for a while one runs the old models
and the other the new ones. For each change, the old and the new models are generated from two
copies of one C# tree and talk to one table on a DynamoDB API server (moto, its own process):

- a change the lock calls `info` must be safe both ways: the old models write, the new ones read
  and save, the old ones read again, and the other way round; nothing stored is lost, nothing
  fails, and the first writer reads back what it wrote;
- a change the lock calls breaking shows the failure the rules table documents.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Tuple

import pydantic
import pytest

from dynamo_test_server import client, deploy_stack, moto_server
from schema_sync.breaking import compare
from schema_sync.emit.cloudformation import emit_cloudformation, logical_id
from schema_sync.emit.python import emit_python
from schema_sync.extract import extract
from schema_sync.ir import SchemaIR
from schema_sync.lock import SchemaLock, lock_of
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx

HEADER = "using System;\nusing System.Collections.Generic;\nusing Amazon.DynamoDBv2.DataModel;\nnamespace Skew.Data;\n"
ITEM = HEADER + """
[DynamoDBTable("items")]
public class ItemDataModel
{
    [DynamoDBHashKey("item_id")] public string ItemId { get; set; }
    [DynamoDBRangeKey("rev")] public int Rev { get; set; }
    [DynamoDBGlobalSecondaryIndexHashKey("by-owner")]
    [DynamoDBProperty("owner")] public string Owner { get; set; }
    [DynamoDBProperty("title")] public string Title { get; set; }
    [DynamoDBProperty("count")] public int Count { get; set; }
    [DynamoDBProperty("score")] public int? Score { get; set; }
    [DynamoDBProperty("stage")] public Stage Stage { get; set; }
    [DynamoDBProperty("labels")] public List<string> Labels { get; set; }
    [DynamoDBVersion] public long? Version { get; set; }
}
"""
STAGE = HEADER + "public enum Stage { Draft = 0, Live = 1, Done = 2 }\n"
EXTRA = HEADER + """
[DynamoDBTable("extras")]
public class ExtraDataModel
{
    [DynamoDBHashKey("extra_id")] public string ExtraId { get; set; }
}
"""
BASE = {"src/Item.cs": ITEM, "src/Stage.cs": STAGE, "src/Extra.cs": EXTRA}
# What each model writes: stored name -> value (a model takes those it has).
VALUES: Dict[str, Any] = {
    "item_id": "i", "rev": 1, "owner": "o-1", "title": "hello", "count": 3, "score": 7, "stage": 1,
    "labels": ["a", "b"],
}


@dataclass(frozen=True)
class Change:
    row: str  # the rules table row (docs/schema-lock.md) it exercises
    kind: str  # what the lock must call it
    edits: Tuple[Tuple[str, Optional[str]], ...]  # (old text, new text) in BASE; (path, None) deletes a file
    new_files: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Any] = field(default_factory=dict)  # what the new models write beyond VALUES
    failure: Optional[Callable[[Skew], None]] = None  # breaking: the documented failure, shown
    # table -> the logical ID an older generator (which renumbered clashing IDs) gave it: in the old
    # lock and the deployed stack
    old_logical_ids: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Skew:
    """The old and the new models of one change, and the DynamoDB server they share."""

    old_ir: SchemaIR
    new_ir: SchemaIR
    old: Any  # the generated `item` module of each side
    new: Any
    options: Options
    endpoint: str
    number: int  # tells this change's stacks and tables from the others' on the shared server
    new_values: Mapping[str, Any]  # what the new models write beyond VALUES
    old_logical_ids: Mapping[str, str]  # Change.old_logical_ids

    def template(self, ir: SchemaIR) -> str:
        """The combined template of `ir`, with the old logical IDs for the old IR."""
        text = emit_cloudformation(ir, self.options)["tables.yaml"]
        for table, old_id in self.old_logical_ids.items() if ir is self.old_ir else ():
            text = text.replace(logical_id(table), old_id)
        return text

    def old_lock(self) -> SchemaLock:
        lock = lock_of(self.old_ir, self.options)
        ids = self.old_logical_ids
        return replace(lock, tables=tuple(replace(t, logical_id=ids.get(t.name, t.logical_id)) for t in lock.tables))

    @property
    def dynamodb(self) -> Any:
        return client("dynamodb", self.endpoint)

    def deploy(self, ir: SchemaIR, name: str) -> None:
        deploy_stack(self.endpoint, f"skew{self.number}-{name}", self.template(ir))

    def update(self, ir: SchemaIR, name: str) -> str:
        """Update the stack `name` to `ir`'s template: the stack's status after (a refused update,
        as `UPDATE_FAILED`)."""
        stack = f"skew{self.number}-{name}"
        cloudformation = client("cloudformation", self.endpoint)
        try:
            cloudformation.update_stack(StackName=stack, TemplateBody=self.template(ir),
                                        Parameters=[{"ParameterKey": "Stage", "ParameterValue": "test"}])
        except cloudformation.exceptions.ClientError:
            return "UPDATE_FAILED"
        return str(cloudformation.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"])

    def save(self, model: Any) -> Any:
        request = model.save_request()
        response = self.dynamodb.update_item(TableName=self.table(type(model)), **request.arguments)
        return model.saved(request, response)

    def stored(self, model: Any) -> Dict[str, Any]:
        item = self.dynamodb.get_item(TableName=self.table(type(model)), Key=model.key(), ConsistentRead=True)
        return dict(item["Item"])

    @staticmethod
    def build(module: Any, values: Mapping[str, Any]) -> Any:
        cls = module.ItemDataModel
        known = {spec.attribute for spec in cls.ATTRIBUTES}
        return cls.model_validate({name: value for name, value in values.items() if name in known})

    @staticmethod
    def table(cls: Any) -> str:
        return str(cls.physical_table_name("test"))


def _edited(change: Change) -> Dict[str, bytes]:
    files = dict(BASE)
    for old, new in change.edits:
        if new is None:
            del files[old]
            continue
        holders = [path for path, text in files.items() if old in text]
        assert len(holders) == 1, f"{old!r} is in {holders}"
        files[holders[0]] = files[holders[0]].replace(old, new, 1)
    files.update(change.new_files)
    return {path: text.encode() for path, text in files.items()}


_counter = itertools.count()


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with moto_server() as url:
        yield url


def _skew(change: Change, endpoint: str, root: Path) -> Skew:
    number = next(_counter)
    options = Options(table_name_template=f"skew{number}-{{table}}-${{Stage}}")
    old_ir = extract({path: text.encode() for path, text in BASE.items()}, options)
    new_ir = extract(_edited(change), options)
    assert not old_ir.errors and not new_ir.errors, (old_ir.errors, new_ir.errors)
    modules = []
    for side, ir in (("old", old_ir), ("new", new_ir)):
        package = f"skew{number}_{side}"
        fx.write_files(root, emit_python(ir, replace(options, python_package=package)))
        modules.append(fx.import_generated(root, f"{package}.item"))
    return Skew(old_ir, new_ir, modules[0], modules[1], options, endpoint, number, change.values,
                change.old_logical_ids)


def _lock_kind(skew: Skew) -> str:
    findings = compare(skew.old_lock(), lock_of(skew.new_ir, skew.options))
    assert findings, "the lock reports no change"
    return findings[0].kind  # the most severe first


def _comparable(item: Mapping[str, Any]) -> Dict[str, Any]:
    """A stored item without its version (every save bumps it), sets as sorted lists."""
    return {name: {tag: sorted(raw) if tag in ("SS", "NS", "BS") else raw for tag, raw in value.items()}
            for name, value in item.items() if name != "Version"}


def _round_trip(skew: Skew, writer: Any, reader: Any, values: Mapping[str, Any]) -> None:
    """`writer` saves an item; `reader` reads it and saves it back; nothing stored is lost or
    changed (the reader may add what its model defaults), and `writer` reads back what it wrote."""
    written = skew.save(Skew.build(writer, values))
    before = skew.stored(written)
    loaded = reader.ItemDataModel.from_item(before)
    skew.save(loaded)
    after = skew.stored(written)
    kept = _comparable(after)
    assert {name: kept.get(name) for name in _comparable(before)} == _comparable(before)
    assert int(after["Version"]["N"]) == int(before["Version"]["N"]) + 1
    assert writer.ItemDataModel.from_item(after) == written.model_copy(update={"version": written.version + 1})


def _safe_both_ways(skew: Skew, change: Change) -> None:
    skew.deploy(skew.new_ir, "after")  # a deploy that is safe leaves no reader behind
    _round_trip(skew, skew.old, skew.new, {**VALUES, "item_id": "old-first"})
    _round_trip(skew, skew.new, skew.old, {**VALUES, **change.values, "item_id": "new-first"})


# -- the documented failures ------------------------------------------------------------------------


def _query_fails_for_lack_of(index: str, model: Any, skew: Skew) -> None:
    """DynamoDB answers a query on an index the table lacks with a ValidationException; moto's server
    with a ResourceNotFoundException (`Invalid index`). Either way the query fails, naming the index."""
    request = model.ItemDataModel.query_request(index, *(["i"] if index == "by-count" else ["o-1"]))
    dynamodb = skew.dynamodb
    with pytest.raises(dynamodb.exceptions.ClientError) as raised:
        dynamodb.query(TableName=Skew.table(model.ItemDataModel), **request)
    assert raised.value.response["Error"]["Code"] in ("ValidationException", "ResourceNotFoundException")
    assert index in raised.value.response["Error"]["Message"]


def _new_table_is_empty(skew: Skew) -> None:
    """Replacement: the deployed table keeps the old schema, so the new models cannot reach what the
    old ones stored there (and the table CloudFormation creates for them starts empty)."""
    skew.deploy(skew.old_ir, "before")
    skew.save(Skew.build(skew.old, VALUES))
    new_model = Skew.build(skew.new, {**VALUES, **skew.new_values})
    dynamodb = skew.dynamodb
    try:
        response = dynamodb.get_item(TableName=Skew.table(skew.new.ItemDataModel), Key=new_model.key())
    except dynamodb.exceptions.ClientError as error:  # no such table, or a key that does not match the table's schema
        assert error.response["Error"]["Code"] in ("ResourceNotFoundException", "ValidationException")
    else:  # moto does not check a key's type against the schema (DynamoDB does): nothing is found
        assert "Item" not in response


def _lsi_missing(skew: Skew) -> None:
    """An LSI exists only from table creation: the deployed table has none to query."""
    skew.deploy(skew.old_ir, "before")
    _query_fails_for_lack_of("by-count", skew.new, skew)


def _gsi_changes(skew: Skew) -> Tuple[List[str], List[str]]:
    """Indexes CloudFormation would create and delete between the two templates, a changed key being both."""
    old = {name: keys for name, keys in skew.old.ItemDataModel.INDEXES.items() if not keys.local}
    new = {name: keys for name, keys in skew.new.ItemDataModel.INDEXES.items() if not keys.local}
    changed = [name for name in old.keys() & new.keys() if old[name] != new[name]]
    return sorted(new.keys() - old.keys()) + changed, sorted(old.keys() - new.keys()) + changed


def _more_than_one_gsi_change(skew: Skew) -> None:
    """CloudFormation creates or deletes one GSI per update; moto does not enforce it, so the test
    counts what the deploy would ask."""
    created, deleted = _gsi_changes(skew)
    assert len(created) + len(deleted) > 1, (created, deleted)


def _gsi_query_fails_for_old_readers(skew: Skew) -> None:
    skew.deploy(skew.new_ir, "after")
    _query_fails_for_lack_of("by-owner", skew.old, skew)


def _title_not_found(skew: Skew) -> None:
    """Renamed or removed: each side's readers miss what the other side stored."""
    skew.deploy(skew.new_ir, "after")
    old_written = skew.save(Skew.build(skew.old, {**VALUES, "item_id": "old"}))
    assert getattr(skew.new.ItemDataModel.from_item(skew.stored(old_written)), "title", None) is None
    new_written = skew.save(Skew.build(skew.new, {**VALUES, "name": "renamed", "item_id": "new"}))
    assert skew.old.ItemDataModel.from_item(skew.stored(new_written)).title is None


def _both_sides_fail_to_read(skew: Skew) -> None:
    skew.deploy(skew.new_ir, "after")
    old_written = skew.save(Skew.build(skew.old, {**VALUES, "item_id": "old"}))
    with pytest.raises(TypeError):
        skew.new.ItemDataModel.from_item(skew.stored(old_written))
    new_written = skew.save(Skew.build(skew.new, {**VALUES, "count": "three", "item_id": "new"}))
    with pytest.raises(TypeError):
        skew.old.ItemDataModel.from_item(skew.stored(new_written))


def _old_items_fail_to_read(skew: Skew) -> None:
    skew.deploy(skew.new_ir, "after")
    old_written = skew.save(Skew.build(skew.old, VALUES))
    with pytest.raises(pydantic.ValidationError):
        skew.new.ItemDataModel.from_item(skew.stored(old_written))


def _old_keys_fail_to_read(skew: Skew) -> None:
    """The key schema is unchanged (S), so the deploy changes nothing, but an old key is no GUID."""
    skew.deploy(skew.new_ir, "after")
    old_written = skew.save(Skew.build(skew.old, VALUES))
    with pytest.raises(ValueError, match="UUID"):
        skew.new.ItemDataModel.from_item(skew.stored(old_written))


def _stage_reads_as(expected: str) -> Callable[[Skew], None]:
    """An enum change: an item the old models stored with Stage 2 reads as `expected` in the new."""

    def check(skew: Skew) -> None:
        skew.deploy(skew.new_ir, "after")
        written = skew.save(Skew.build(skew.old, {**VALUES, "stage": 2}))
        stage = skew.new.ItemDataModel.from_item(skew.stored(written)).stage
        assert (stage.name, int(stage)) == (expected, 2)

    return check


def _lost_update(skew: Skew) -> None:
    """The old models' save checks the version it loaded; the new models' save no longer bumps that
    attribute, so the old save goes through and overwrites what the new one wrote, unseen."""
    skew.deploy(skew.new_ir, "after")
    stored = skew.stored(skew.save(Skew.build(skew.old, VALUES)))
    old_copy = skew.old.ItemDataModel.from_item(stored)
    skew.save(skew.new.ItemDataModel.from_item(stored).model_copy(update={"title": "the new code's title"}))
    skew.save(old_copy.model_copy(update={"count": 4}))  # no ConditionalCheckFailedException
    after = skew.stored(old_copy)
    assert (after["title"], after["count"]) == ({"S": "hello"}, {"N": "4"})  # the new code's title is lost


def _redeploy_under_a_new_logical_id(skew: Skew) -> None:
    """A new logical ID is a new resource with the old one's TableName: CloudFormation's create fails
    ("already exists"). moto's instead replaces the table, dropping what was stored: either way the
    deploy does not keep the table."""
    skew.deploy(skew.old_ir, "ids")
    written = skew.save(Skew.build(skew.old, VALUES))
    status = skew.update(skew.new_ir, "ids")
    kept = "Item" in skew.dynamodb.get_item(TableName=Skew.table(skew.old.ItemDataModel), Key=written.key())
    assert status != "UPDATE_COMPLETE" or not kept, (status, kept)


def _table_gone(skew: Skew) -> None:
    """The deploy drops the table from the stack (DeletionPolicy: Retain keeps its data): the new
    models have no class for it and the new template no table."""
    assert "extras" not in emit_cloudformation(skew.new_ir, skew.options)["tables.yaml"]
    assert not any(m.name == "ExtraDataModel" for m in skew.new_ir.models)


ADDRESS = HEADER + "public class Address { public string City { get; set; } }\n"
LEVEL = HEADER + "public enum Level { Low = 1, High = 2 }\n"
OWNER_GSI = '[DynamoDBGlobalSecondaryIndexHashKey("by-owner")]\n'
SCORE = '[DynamoDBProperty("score")]'


def _indexed(index_attribute: str, stored: str) -> Tuple[str, str]:
    """The edit that puts an index attribute on the member stored as `stored`."""
    declared = f'[DynamoDBProperty("{stored}")]'
    return declared, f"[{index_attribute}]{declared}"


CHANGES = [
    # replacement
    Change("table name changed", "replacement", (('[DynamoDBTable("items")]', '[DynamoDBTable("things")]'),),
           failure=_new_table_is_empty),
    Change("hash key renamed", "replacement", (('[DynamoDBHashKey("item_id")]', '[DynamoDBHashKey("id")]'),),
           values={"id": "i"}, failure=_new_table_is_empty),
    Change("range key type changed", "replacement", (("public int Rev", "public string Rev"),),
           values={"rev": "1"}, failure=_new_table_is_empty),
    Change("logical ID changed", "replacement", (), old_logical_ids={"items": "ItemsTable2"},
           failure=_redeploy_under_a_new_logical_id),
    Change("LSI added", "replacement",
           (_indexed('DynamoDBLocalSecondaryIndexRangeKey("by-count")', "count"),),
           failure=_lsi_missing),
    # gsi-update
    Change("two GSIs created in one deploy", "gsi-update", (
        _indexed('DynamoDBGlobalSecondaryIndexHashKey("by-title")', "title"),
        _indexed('DynamoDBGlobalSecondaryIndexHashKey("by-count")', "count"),
    ), failure=_more_than_one_gsi_change),
    Change("a GSI's key changed", "gsi-update", (
        (OWNER_GSI, ""),
        _indexed('DynamoDBGlobalSecondaryIndexHashKey("by-owner")', "title"),
    ), failure=_more_than_one_gsi_change),
    # reader-break
    Change("a GSI removed", "reader-break", ((OWNER_GSI, ""),), failure=_gsi_query_fails_for_old_readers),
    Change("attribute renamed", "reader-break", (('[DynamoDBProperty("title")]', '[DynamoDBProperty("name")]'),),
           failure=_title_not_found),
    Change("attribute removed", "reader-break",
           (('[DynamoDBProperty("title")] public string Title { get; set; }', ""),), failure=_title_not_found),
    Change("stored type changed", "reader-break", (("public int Count", "public string Count"),),
           failure=_both_sides_fail_to_read),
    Change("new required attribute", "reader-break",
           ((SCORE, "public Level Level { get; set; }\n    " + SCORE),),
           new_files={"src/Level.cs": LEVEL}, failure=_old_items_fail_to_read),
    Change("enum member removed", "reader-break", ((", Done = 2", ""),), failure=_stage_reads_as("2")),
    Change("enum member renumbered", "reader-break", (("Live = 1, Done = 2", "Live = 2, Done = 1"),),
           failure=_stage_reads_as("Live")),
    Change("key format changed, DynamoDB type kept", "reader-break", (("public string ItemId", "public Guid ItemId"),),
           values={"item_id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"}, failure=_old_keys_fail_to_read),
    Change("[DynamoDBVersion] removed", "reader-break",
           (("[DynamoDBVersion] public long? Version", "public long? Version"),), failure=_lost_update),
    Change("[DynamoDBVersion] moved", "reader-break", (
        ("[DynamoDBVersion] public long? Version", "public long? Version"),
        (SCORE, "[DynamoDBVersion] public long? Revision { get; set; }\n    " + SCORE),
    ), failure=_lost_update),
    Change("table removed", "reader-break", (("src/Extra.cs", None),), failure=_table_gone),
    # info: safe both ways
    Change("new nullable attribute", "info",
           ((SCORE, "public string Note { get; set; }\n    " + SCORE),), values={"Note": "new"}),
    Change("new attribute with a default", "info",
           ((SCORE, "public int Priority { get; set; } = 3;\n    " + SCORE),),
           values={"Priority": 9}),
    Change("attribute now non-nullable", "info", (("public int? Score", "public int Score"),)),
    Change("new enum member", "info", (("Done = 2 }", "Done = 2, Archived = 3 }"),), values={"stage": 3}),
    Change("enum member renamed, value kept", "info", (("Live = 1", "Active = 1"),)),
    Change("same stored form, another C# spelling", "info",
           (("public List<string> Labels", "public HashSet<string> Labels"),)),
    Change("one new GSI", "info",
           (_indexed('DynamoDBGlobalSecondaryIndexHashKey("by-title")', "title"),)),
    Change("new table", "info", (),
           new_files={"src/Note.cs": EXTRA.replace("extras", "notes").replace("Extra", "Note")}),
    Change("new nested model", "info",
           ((SCORE, "public Address Home { get; set; }\n    " + SCORE),),
           new_files={"src/Address.cs": ADDRESS}, values={"Home": {"City": "Oslo"}}),
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.row for change in CHANGES])
def test_skew(change: Change, endpoint: str, tmp_path: Path) -> None:
    skew = _skew(change, endpoint, tmp_path)
    assert _lock_kind(skew) == change.kind
    if change.failure is None:
        assert change.kind == "info"
        _safe_both_ways(skew, change)
    else:
        assert change.kind != "info"
        change.failure(skew)
