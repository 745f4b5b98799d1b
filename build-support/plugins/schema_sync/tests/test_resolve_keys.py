"""resolve: table keys, global and local secondary indexes, and what DynamoDB accepts as a key."""

from __future__ import annotations

from schema_sync.ir import IndexRole
from schema_sync.tests.snippets import attribute, messages, schema_of, table


def test_hash_and_range_keys() -> None:
    schema = schema_of(table("[DynamoDBRangeKey] public long Sort { get; set; }"))
    item = schema.model("Item")
    assert item.key_attribute("hash") is not None and item.key_attribute("hash").name == "id"  # type: ignore[union-attr]
    assert attribute(schema, "Item", "Sort").key == "range"
    assert attribute(schema, "Item", "Sort").storage == "N"


def test_gsi_with_several_names_positional_and_named() -> None:
    schema = schema_of(
        table(
            """
            [DynamoDBGlobalSecondaryIndexHashKey("by-tenant", "by-tenant-status")]
            public string TenantId { get; set; }
            [DynamoDBGlobalSecondaryIndexRangeKey(IndexNames = new[] { "by-tenant-status" })]
            public string Status { get; set; }
            [DynamoDBGlobalSecondaryIndexHashKey(new string[] { "by-owner", "by-owner" })]
            public string Owner { get; set; }
            """
        )
    )
    assert attribute(schema, "Item", "TenantId").gsi == (
        IndexRole("by-tenant", "hash"),
        IndexRole("by-tenant-status", "hash"),
    )
    assert attribute(schema, "Item", "Status").gsi == (IndexRole("by-tenant-status", "range"),)
    assert attribute(schema, "Item", "Owner").gsi == (IndexRole("by-owner", "hash"),)  # de-duplicated
    assert schema.model("Item").gsi_names() == ("by-owner", "by-tenant", "by-tenant-status")
    assert messages(schema) == []


def test_range_key_can_also_be_a_gsi_key() -> None:
    schema = schema_of(
        table('[DynamoDBRangeKey][DynamoDBGlobalSecondaryIndexHashKey("idx")] public string Sort { get; set; }')
    )
    sort = attribute(schema, "Item", "Sort")
    assert (sort.key, sort.gsi) == ("range", (IndexRole("idx", "hash"),))
    assert messages(schema) == []


def test_lsi_needs_a_table_range_key() -> None:
    ok = schema_of(
        table(
            """
            [DynamoDBRangeKey] public string Sort { get; set; }
            [DynamoDBLocalSecondaryIndexRangeKey("by-created", "by-created-2")] public DateTime Created { get; set; }
            """
        )
    )
    assert attribute(ok, "Item", "Created").lsi == ("by-created", "by-created-2")
    assert ok.model("Item").lsi_names() == ("by-created", "by-created-2")
    assert messages(ok) == []
    bad = schema_of(table('[DynamoDBLocalSecondaryIndexRangeKey("lsi")] public string Created { get; set; }'))
    assert any("no table range key" in m for m in messages(bad))


def test_gsi_consistency_errors() -> None:
    schema = schema_of(
        table(
            """
            [DynamoDBGlobalSecondaryIndexRangeKey("orphan")] public string A { get; set; }
            [DynamoDBGlobalSecondaryIndexHashKey("twice")] public string B { get; set; }
            [DynamoDBGlobalSecondaryIndexHashKey("twice")] public string C { get; set; }
            [DynamoDBGlobalSecondaryIndexHashKey("")] public string D { get; set; }
            """
        )
    )
    errors = messages(schema)
    assert any("'orphan' has a range key but no hash key" in m for m in errors)
    assert any("'twice' has several hash keys: B, C" in m for m in errors)
    assert any("empty index name" in m for m in errors)


def test_key_types() -> None:
    source = table(
        """
        [DynamoDBRangeKey] public bool Flag { get; set; }
        [DynamoDBGlobalSecondaryIndexHashKey("e")] public Status State { get; set; }
        [DynamoDBGlobalSecondaryIndexHashKey("g")] public Guid G { get; set; }
        [DynamoDBGlobalSecondaryIndexHashKey("b")] public byte[] Raw { get; set; }
        """
    )
    enum = "namespace App.Data; public enum Status { A }"
    v1 = schema_of(source, enum)
    assert messages(v1) == []
    assert [attribute(v1, "Item", p).storage for p in ("Flag", "State", "G", "Raw")] == ["N", "N", "S", "B"]
    v2 = schema_of(source, enum, conversion="V2")
    assert any("key Flag of type bool is stored as BOOL" in m for m in messages(v2))


def test_keys_that_cannot_be_keys() -> None:
    schema = schema_of(
        table(
            """
            [DynamoDBRangeKey] public List<string> Tags { get; set; }
            [DynamoDBGlobalSecondaryIndexHashKey("c", Converter = typeof(MyConverter))]
            public Money Amount { get; set; }
            """
        )
    )
    errors = messages(schema)
    assert any("key Tags of type List<string> is stored as SS; DynamoDB keys must be S, N or B" in m for m in errors)
    assert any("key Amount uses converter MyConverter" in m for m in errors)
    diagnostic = next(d for d in schema.diagnostics if "key Tags" in d.message)
    assert (diagnostic.file, diagnostic.line) == ("src/File0.cs", 9)
    assert diagnostic.hint


def test_one_member_cannot_be_hash_and_range() -> None:
    schema = schema_of(table("[DynamoDBRangeKey][DynamoDBHashKey] public string Both { get; set; }"))
    assert any("both the table hash key and range key" in m for m in messages(schema))


def test_table_without_hash_key_is_a_warning() -> None:
    schema = schema_of('[DynamoDBTable("t")] public class T { public string Name { get; set; } }')
    assert schema.model("T").table == "t"
    assert any("has no [DynamoDBHashKey]" in m for m in messages(schema, "warning"))
    assert messages(schema) == []


def test_empty_table_name_is_an_error() -> None:
    schema = schema_of('[DynamoDBTable("")] public class T { [DynamoDBHashKey] public string Id { get; set; } }')
    assert any("table name is empty" in m for m in messages(schema))
