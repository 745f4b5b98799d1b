"""resolve: which members are persisted, their stored names, nullability, defaults, docs."""

from __future__ import annotations

from schema_sync.ir import Default
from schema_sync.tests.snippets import attribute, messages, properties, schema_of, table


def test_persisted_members_follow_the_sdk() -> None:
    schema = schema_of(
        table(
            """
            public string Public { get; set; }
            private string Private { get; set; }
            protected string Protected { get; set; }
            public string PrivateSet { get; private set; }
            public string InitOnly { get; init; }
            public string GetOnly { get; }
            public string Computed => Id;
            public static string Static { get; set; }
            public string PublicField;
            private string privateField;
            public readonly string ReadonlyField;
            public const string Const = "c";
            [DynamoDBIgnore] public string Ignored { get; set; }
            """
        )
    )
    assert properties(schema, "Item") == [
        "Id",
        "Public",
        "Private",
        "Protected",
        "PrivateSet",
        "InitOnly",
        "PublicField",
    ]
    assert messages(schema) == []


def test_attributes_on_members_the_sdk_skips_are_flagged() -> None:
    schema = schema_of(
        table(
            """
            [DynamoDBProperty("g")] public string GetOnly { get; }
            [DynamoDBProperty("f")] private string field;
            """
        )
    )
    assert properties(schema, "Item") == ["Id"]
    warnings = messages(schema, "warning")
    assert any("GetOnly has DynamoDB attributes but is get-only" in w for w in warnings)
    assert any("field has DynamoDB attributes but is not a public, writable field" in w for w in warnings)


def test_read_write_indexer_is_an_error_unless_ignored() -> None:
    schema = schema_of(
        table(
            """
            public string this[int i] { get => ""; set { } }
            public string this[string key] => key;
            """
        )
    )
    assert properties(schema, "Item") == ["Id"]
    assert [m for m in messages(schema) if "indexer" in m] == [
        "a read-write indexer is a member named `Item` to the SDK, which cannot store it"
    ]
    ignored = schema_of(table('[DynamoDBIgnore] public string this[int i] { get => ""; set { } }'))
    assert messages(ignored) == []


def test_explicit_interface_implementation_is_an_error() -> None:
    schema = schema_of(table("string IThing.Name { get; set; }"))
    assert any("explicit interface implementation" in m for m in messages(schema))


def test_stored_names() -> None:
    schema = schema_of(
        table(
            """
            [DynamoDBProperty("title")] public string Title { get; set; }
            [DynamoDBProperty(AttributeName = "named")] public string Named { get; set; }
            [DynamoDBRangeKey("sk")] public string Sort { get; set; }
            public string Plain { get; set; }
            [DynamoDBGlobalSecondaryIndexHashKey("idx", AttributeName = "gsi_name")] public string G { get; set; }
            """
        )
    )
    names = {a.property: a.name for a in schema.model("Item").attributes}
    assert names == {"Id": "id", "Title": "title", "Named": "named", "Sort": "sk", "Plain": "Plain", "G": "gsi_name"}


def test_an_empty_name_is_no_name() -> None:
    """The SDK ignores an empty attribute name (`string.IsNullOrEmpty`): the member's name is used."""
    schema = schema_of(
        table(
            """
            [DynamoDBProperty("")] public string Title { get; set; }
            [DynamoDBProperty(AttributeName = "")] public string Named { get; set; }
            [DynamoDBRangeKey(Empty)] public string Sort { get; set; }
            [DynamoDBProperty("", typeof(Conv))] public string Converted { get; set; }
            [DynamoDBAtomicCounter("")] public long? Counter { get; set; }
            const string Empty = "";
            """
        )
    )
    names = {a.property: a.name for a in schema.model("Item").attributes}
    assert names == {
        "Id": "id", "Title": "Title", "Named": "Named", "Sort": "Sort", "Converted": "Converted", "Counter": "Counter"
    }
    assert messages(schema) == []


def test_verbatim_identifiers_are_stored_without_the_at_sign() -> None:
    schema = schema_of(
        table(
            """
            public string @class { get; set; }
            public string @event;
            [DynamoDBProperty(nameof(@default))] public string @default { get; set; }
            """
        )
    )
    assert [(a.property, a.name) for a in schema.model("Item").attributes] == [
        ("Id", "id"),
        ("class", "class"),
        ("event", "event"),
        ("default", "default"),
    ]


def test_lower_camel_case_changes_only_the_first_character_including_explicit_names() -> None:
    schema = schema_of(
        table(
            """
            public string ID { get; set; }
            public string URLPath { get; set; }
            [DynamoDBProperty("Explicit")] public string E { get; set; }
            public Nested Child { get; set; }
            """,
            extra=", LowerCamelCaseProperties = true",
        ),
        "namespace App.Data; public class Nested { public string InnerName { get; set; } }",
    )
    names = [a.name for a in schema.model("Item").attributes]
    assert names == ["id", "iD", "uRLPath", "explicit", "child"]
    assert schema.model("Item").lower_camel_case
    # Nested POCOs keep their own casing.
    assert [a.name for a in schema.model("Nested").attributes] == ["InnerName"]


def test_lower_camel_case_as_positional_argument() -> None:
    schema = schema_of(table("public string Name { get; set; }", extra=", true"))
    assert attribute(schema, "Item", "Name").name == "name"


def test_conflicting_and_duplicate_names_are_errors() -> None:
    schema = schema_of(
        table(
            """
            [DynamoDBRangeKey("a")][DynamoDBGlobalSecondaryIndexHashKey("i", AttributeName = "b")]
            public string Both { get; set; }
            [DynamoDBProperty("dup")] public string One { get; set; }
            [DynamoDBProperty("dup")] public string Two { get; set; }
            """
        )
    )
    errors = messages(schema)
    assert any("conflicting attribute names: a, b" in m for m in errors)
    assert any("One and Two are both stored as 'dup'" in m for m in errors)


def test_version() -> None:
    ok = schema_of(table("[DynamoDBVersion] public long? Version { get; set; }"))
    assert attribute(ok, "Item", "Version").version and attribute(ok, "Item", "Version").storage == "N"
    assert messages(ok) == []
    bad = schema_of(
        table('[DynamoDBVersion] public int V1 { get; set; }\n[DynamoDBVersion("v2")] public int? V2 { get; set; }')
    )
    errors = messages(bad)
    assert any("must be a nullable integral type, got int" in m for m in errors)
    assert any("2 [DynamoDBVersion] members" in m for m in errors)
    assert attribute(bad, "Item", "V2").name == "v2"


def test_nullability_follows_question_marks_and_nullable_context() -> None:
    source = table(
        """
        public string Oblivious { get; set; }
        public int Value { get; set; }
        public int? NullableValue { get; set; }
        #nullable enable
        public string NotNull { get; set; }
        public string? MaybeNull { get; set; }
        public List<string> Items { get; set; }
        #nullable disable
        public string DisabledAgain { get; set; }
        """
    )
    schema = schema_of(source)
    nullable = {a.property: a.nullable for a in schema.model("Item").attributes}
    assert nullable == {
        "Id": True,
        "Oblivious": True,
        "Value": False,
        "NullableValue": True,
        "NotNull": False,
        "MaybeNull": True,
        "Items": False,
        "DisabledAgain": True,
    }
    assert attribute(schema, "Item", "MaybeNull").type.nullable
    enabled = schema_of(source, nullable="enable")
    assert not attribute(enabled, "Item", "Oblivious").nullable
    assert attribute(enabled, "Item", "DisabledAgain").nullable


def test_defaults_are_classified() -> None:
    schema = schema_of(
        table(
            """
            public string S { get; set; } = "x";
            public string Empty { get; set; } = string.Empty;
            public string FromConst { get; set; } = Prefix + "y";
            public int I { get; set; } = 0x10;
            public int Neg { get; set; } = -3;
            public long L { get; set; } = 5L;
            public decimal D { get; set; } = 1.50m;
            public decimal DInt { get; set; } = 2;
            public double F { get; set; } = 2.5;
            public bool B { get; set; } = true;
            public Status E { get; set; } = Status.Active;
            public string N { get; set; } = null;
            public int Dflt { get; set; } = default;
            public List<string> L1 { get; set; } = new();
            public List<string> L2 { get; set; } = new List<string>();
            public List<string> L3 { get; set; } = [];
            public string[] L4 { get; set; } = Array.Empty<string>();
            public List<string> L5 { get; set; } = new List<string> { "a" };
            public DateTime Now { get; set; } = DateTime.UtcNow;
            public string G { get; set; } = Guid.NewGuid().ToString();
            public Guid G2 { get; set; } = Guid.NewGuid();
            public string X { get; set; } = Compute();
            public const string Prefix = "p-";
            """
        ),
        "namespace App.Data; public enum Status { Draft, Active }",
    )
    defaults = {a.property: a.default for a in schema.model("Item").attributes}
    assert defaults["Id"] is None
    assert defaults["S"] == Default("string", "x")
    assert defaults["Empty"] == Default("string", "")
    assert defaults["FromConst"] == Default("string", "p-y")
    assert defaults["I"] == Default("int", "16")
    assert defaults["Neg"] == Default("int", "-3")
    assert defaults["L"] == Default("int", "5")
    assert defaults["D"] == Default("decimal", "1.50")
    assert defaults["DInt"] == Default("decimal", "2")
    assert defaults["F"] == Default("float", "2.5")
    assert defaults["B"] == Default("bool", "true")
    assert defaults["E"] == Default("enum", "Active")
    assert defaults["N"] == Default("null")
    assert defaults["Dflt"] == Default("int", "0")
    for name in ("L1", "L2", "L3", "L4"):
        assert defaults[name] == Default("empty"), name
    assert defaults["L5"] == Default("expression", 'new List<string> { "a" }')
    assert defaults["Now"] == Default("now")
    assert defaults["G"] == Default("new_guid") and defaults["G2"] == Default("new_guid")
    assert defaults["X"] == Default("expression", "Compute()")


def test_docs_and_locations() -> None:
    schema = schema_of(
        table(
            """
            /// <summary>The title.</summary>
            public string Title { get; set; }
            """
        )
    )
    title = attribute(schema, "Item", "Title")
    assert title.doc == "The title."
    assert (title.line, title.col) == (10, 23)
    item = schema.model("Item")
    assert (item.file, item.line, item.namespace, item.table) == ("src/File0.cs", 5, "App.Data", "items")
