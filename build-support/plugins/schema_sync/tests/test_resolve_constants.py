"""resolve: const strings across classes and files (concatenation, nameof), and enum values."""

from __future__ import annotations

from schema_sync.tests.snippets import attribute, messages, schema_of

CONSTANTS = """
namespace App.Data.Constants;
public static class TableNames
{
    public const string Prefix = "kpi_";
    public const string Goals = "goals";
    public const string Measurements = Prefix + "measurements";
}
public static class AttributeNames
{
    public const string TenantId = "tenant_id";
    public const string Owner = nameof(Owner) + "_" + Suffix;
    private const string Suffix = "id";
}
public static class IndexNames
{
    public const string ByTenant = AttributeNames.TenantId + "-index";
}
"""


def test_constants_across_files_with_concatenation_and_nameof() -> None:
    schema = schema_of(
        CONSTANTS,
        """
        using App.Data.Constants;
        namespace App.Data;
        [DynamoDBTable(TableNames.Measurements)]
        public class M
        {
            [DynamoDBHashKey(AttributeNames.TenantId)]
            [DynamoDBGlobalSecondaryIndexHashKey(IndexNames.ByTenant)]
            public string TenantId { get; set; }
            [DynamoDBProperty(AttributeNames.Owner)] public string Owner { get; set; }
            [DynamoDBProperty(nameof(Label))] public string Label { get; set; }
            [DynamoDBProperty(Local + "x")] public string X { get; set; }
            private const string Local = "local_";
        }
        """,
    )
    m = schema.model("M")
    assert m.table == "kpi_measurements"
    assert [a.name for a in m.attributes] == ["tenant_id", "Owner_id", "Label", "local_x"]
    assert m.gsi_names() == ("tenant_id-index",)
    assert messages(schema) == []


def test_constants_through_aliases_static_usings_full_names_and_base_classes() -> None:
    schema = schema_of(
        CONSTANTS,
        """
        using T = App.Data.Constants.TableNames;
        using static App.Data.Constants.AttributeNames;
        namespace App.Data;
        public class Base { protected const string Inherited = "inherited"; }
        [DynamoDBTable(T.Goals)]
        public class G : Base
        {
            [DynamoDBHashKey(TenantId)] public string Id { get; set; }
            [DynamoDBProperty(Inherited)] public string I { get; set; }
            [DynamoDBProperty(App.Data.Constants.TableNames.Prefix)] public string P { get; set; }
        }
        """,
    )
    assert schema.model("G").table == "goals"
    assert [a.name for a in schema.model("G").attributes] == ["tenant_id", "inherited", "kpi_"]


def test_unresolvable_constants_are_errors_at_the_attribute() -> None:
    schema = schema_of(
        """
        namespace App;
        [DynamoDBTable(Missing.Name)]
        public class A
        {
            [DynamoDBHashKey(Loop1)] public string Id { get; set; }
            const string Loop1 = Loop2;
            const string Loop2 = Loop1;
            [DynamoDBProperty(NotHere)] public string P { get; set; }
        }
        """
    )
    errors = [d for d in schema.errors if "cannot resolve attribute argument" in d.message]
    assert {(d.line, d.col) for d in errors} == {(3, 2), (6, 6), (9, 6)}
    assert any("Missing` is not declared" in d.message for d in errors)
    assert any("refers to itself" in d.message for d in errors)
    assert all(d.hint for d in errors)


def test_enum_values_underlying_types_and_flags() -> None:
    schema = schema_of(
        """
        namespace App;
        [DynamoDBTable("t")]
        public class A
        {
            [DynamoDBHashKey] public string Id { get; set; }
            public Plain P { get; set; }
            public Small S { get; set; }
            public Perms F { get; set; }
        }
        /// <summary>Plain enum.</summary>
        public enum Plain { Zero, Five = 5, Six, Neg = -1, Again }
        public enum Small : byte { A = 0x0A, B }
        [Flags]
        public enum Perms : long { None = 0, Read = 1 << 0, Write = 1 << 1, All = Read | Write, Hex = 0x100 }
        """
    )
    enums = {e.name: e for e in schema.enums}
    assert [(m.name, m.value) for m in enums["Plain"].members] == [
        ("Zero", 0),
        ("Five", 5),
        ("Six", 6),
        ("Neg", -1),
        ("Again", 0),
    ]
    assert (enums["Plain"].underlying, enums["Plain"].doc, enums["Plain"].flags) == ("int32", "Plain enum.", False)
    assert (enums["Small"].underlying, [m.value for m in enums["Small"].members]) == ("uint8", [10, 11])
    assert enums["Perms"].flags and enums["Perms"].underlying == "int64"
    assert [m.value for m in enums["Perms"].members] == [0, 1, 2, 3, 256]
    assert attribute(schema, "A", "P").type.ref == "App.Plain"


def test_enum_with_unevaluable_value_is_an_error() -> None:
    schema = schema_of(
        """
        namespace App;
        [DynamoDBTable("t")]
        public class A { [DynamoDBHashKey] public string Id { get; set; } public E V { get; set; } }
        public enum E { X = Other.Value }
        """
    )
    assert any("enum E:" in m for m in messages(schema))


def test_an_enum_that_fails_midway_is_reported_once_and_never_half_used() -> None:
    schema = schema_of(
        """
        namespace App;
        [DynamoDBTable("t")]
        public class A
        {
            [DynamoDBHashKey] public string Id { get; set; }
            public Channels C { get; set; } = Channels.Email | Channels.Sms;
            public const int Broken = (int)Channels.Sms;
        }
        public enum Channels { None = 0, Email = 1, Sms = Unknown.Value, Push = Email << 2 }
        """
    )
    assert [e.name for e in schema.enums] == []
    assert any("enum Channels:" in m for m in messages(schema))
    assert attribute(schema, "A", "C").default is not None


def test_casts_in_constants_and_enum_values() -> None:
    schema = schema_of(
        """
        namespace App;
        [DynamoDBTable("t" + (string)Suffix)]
        public class A
        {
            const string Suffix = "_x";
            [DynamoDBHashKey] public string Id { get; set; }
            public Big B { get; set; } = (Big)2;
        }
        public enum Big : long { One = (long)1 << 40, Two = (int)Small.Y + One, Three = (long)2.9 }
        public enum Small { X, Y }
        """
    )
    assert schema.model("A").table == "t_x"
    big = next(e for e in schema.enums if e.name == "Big")
    assert [m.value for m in big.members] == [1 << 40, 1 + (1 << 40), 2]
    assert messages(schema) == []
