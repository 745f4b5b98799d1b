"""resolve: inheritance across files and namespaces, generic bases, partial and nested types."""

from __future__ import annotations

from schema_sync.tests.snippets import attribute, messages, properties, schema_of

BASE = """
namespace App.Common
{
    public abstract class BaseDataModel
    {
        [DynamoDBProperty("created_at")] public DateTime CreatedAt { get; set; }
        public virtual string Note { get; set; }
        [DynamoDBProperty("shadowed")] public string Shadow { get; set; }
    }
}
"""


def test_inherited_members_come_first_and_say_where_they_are_declared() -> None:
    schema = schema_of(
        BASE,
        """
        using App.Common;
        namespace App.Data;
        [DynamoDBTable("goals")]
        public class Goal : BaseDataModel
        {
            [DynamoDBHashKey("goal_id")] public string GoalId { get; set; }
            public new string Shadow { get; set; }
        }
        """,
    )
    goal = schema.model("Goal")
    assert goal.base == "BaseDataModel"
    assert [(a.property, a.name, a.declared_in) for a in goal.attributes] == [
        ("CreatedAt", "created_at", "BaseDataModel"),
        ("Note", "Note", "BaseDataModel"),
        ("Shadow", "Shadow", "Goal"),  # the most-derived declaration wins (issue #3343)
        ("GoalId", "goal_id", "Goal"),
    ]
    base = schema.model("BaseDataModel")
    assert (base.table, base.abstract, base.namespace) == (None, True, "App.Common")
    assert messages(schema) == []


def test_override_inherits_the_base_attributes() -> None:
    schema = schema_of(
        """
        namespace App;
        public class Base { [DynamoDBProperty("note")] public virtual string Note { get; set; } }
        [DynamoDBTable("t")]
        public class Derived : Base
        {
            [DynamoDBHashKey] public string Id { get; set; }
            public override string Note { get; set; }
        }
        """
    )
    note = attribute(schema, "Derived", "Note")
    assert (note.name, note.declared_in) == ("note", "Derived")


def test_generic_base_is_substituted_in_closed_uses_and_is_a_model_itself() -> None:
    schema = schema_of(
        """
        namespace App.Core;
        public abstract class Entity<TKey>
        {
            [DynamoDBHashKey("id")] public TKey Id { get; set; }
            public List<TKey> Related { get; set; }
            public TKey? Parent { get; set; }
        }
        """,
        """
        using App.Core;
        namespace App.Data;
        [DynamoDBTable("things")]
        public class Thing : Entity<Guid> { public string Name { get; set; } }
        """,
    )
    assert [m.name for m in schema.models] == ["Entity", "Thing"]
    assert schema.errors == ()
    entity = schema.model("Entity")
    assert entity.type_parameters == ("TKey",) and entity.table is None
    assert [(a.property, a.type.kind, a.storage) for a in entity.attributes] == [
        ("Id", "typeparam", "ANY"), ("Related", "list", "L"), ("Parent", "typeparam", "ANY"),
    ]
    thing = schema.model("Thing")
    assert thing.base == "Entity"
    assert [(a.property, a.type.kind, a.storage, a.declared_in) for a in thing.attributes] == [
        ("Id", "guid", "S", "Entity"),
        ("Related", "list", "SS", "Entity"),
        ("Parent", "guid", "S", "Entity"),
        ("Name", "string", "S", "Thing"),
    ]
    assert attribute(schema, "Thing", "Related").type.csharp == "List<Guid>"
    assert attribute(schema, "Thing", "Parent").nullable
    assert messages(schema) == []


def test_partial_classes_across_files_are_merged() -> None:
    schema = schema_of(
        """
        namespace App;
        [DynamoDBTable("users")]
        public partial class User { [DynamoDBHashKey] public string Id { get; set; } }
        """,
        """
        namespace App;
        public partial class User { [DynamoDBProperty("email")] public string Email { get; set; } }
        """,
    )
    assert properties(schema, "User") == ["Id", "Email"]
    assert schema.model("User").file == "src/File0.cs"
    assert len(schema.models) == 1


def test_subclass_without_attributes_inherits_the_table() -> None:
    schema = schema_of(
        """
        namespace App;
        [DynamoDBTable("items", true)]
        public class Item { [DynamoDBHashKey] public string Id { get; set; } }
        public class SpecialItem : Item { public string Extra { get; set; } }
        """
    )
    special = schema.model("SpecialItem")
    assert (special.table, special.lower_camel_case, special.base) == ("items", True, "Item")
    assert [a.name for a in special.attributes] == ["id", "extra"]


def test_missing_base_is_a_warning_and_interfaces_are_ignored() -> None:
    schema = schema_of(
        """
        namespace App;
        [DynamoDBTable("t")]
        public class A : ExternalBase, IHasId { [DynamoDBHashKey] public string Id { get; set; } }
        [DynamoDBTable("u")]
        public class B : IHasId { [DynamoDBHashKey] public string Id { get; set; } }
        """
    )
    warnings = messages(schema, "warning")
    assert any("base type ExternalBase of A is not in the given sources" in w for w in warnings)
    assert not any("IHasId" in w for w in warnings)
    assert schema.model("A").base is None


def test_nested_type_declarations() -> None:
    schema = schema_of(
        """
        namespace App;
        [DynamoDBTable("orders")]
        public class Order
        {
            [DynamoDBHashKey] public string Id { get; set; }
            public Line First { get; set; }
            public State Status { get; set; }
            public class Line { public int Qty { get; set; } }
            public enum State { Open = 1, Closed }
        }
        """
    )
    assert attribute(schema, "Order", "First").type.ref == "App.Order.Line"
    assert schema.model("App.Order.Line").attributes[0].property == "Qty"
    assert schema.model("App.Order.Line").namespace == "App.Order"
    assert [(m.name, m.value) for m in schema.enums[0].members] == [("Open", 1), ("Closed", 2)]


def test_same_name_in_two_namespaces_resolves_through_usings() -> None:
    schema = schema_of(
        "namespace A.Models { public class Address { public string Street { get; set; } } }",
        "namespace B.Models { public class Address { public int Zip { get; set; } } }",
        """
        using B.Models;
        namespace App;
        [DynamoDBTable("t")]
        public class T { [DynamoDBHashKey] public string Id { get; set; } public Address Home { get; set; } }
        """,
    )
    assert attribute(schema, "T", "Home").type.ref == "B.Models.Address"


def test_output_is_deterministic_and_independent_of_file_order() -> None:
    sources = [
        BASE,
        'using App.Common; namespace App; [DynamoDBTable("b")] class B : BaseDataModel '
        "{ [DynamoDBHashKey] public int Id { get; set; } }",
        'namespace App; [DynamoDBTable("a")] class A { [DynamoDBHashKey] public Status Id { get; set; } }',
        "namespace App; enum Status { X }",
    ]
    first = schema_of(*sources)
    again = schema_of(*sources)
    assert first.to_json() == again.to_json()
    assert [m.name for m in first.models] == ["A", "B", "BaseDataModel"]
    reordered = schema_of(*reversed(sources))
    assert [m.name for m in reordered.models] == [m.name for m in first.models]
    assert [(a.property, a.storage) for a in reordered.model("B").attributes] == [
        (a.property, a.storage) for a in first.model("B").attributes
    ]


def test_global_usings_apply_to_every_file() -> None:
    schema = schema_of(
        "global using B.Models;\nglobal using static B.Models.Names;",
        "namespace A.Models { public enum Status { X } }",
        'namespace B.Models { public enum Status { Y, Z } public static class Names { public const string T = "t"; } }',
        """
        namespace App;
        [DynamoDBTable(T)]
        public class Item { [DynamoDBHashKey] public string Id { get; set; } public Status S { get; set; } }
        """,
    )
    assert schema.model("Item").table == "t"
    assert attribute(schema, "Item", "S").type.ref == "B.Models.Status"


def test_a_generic_base_named_without_arguments_keeps_its_parameters_unsubstituted() -> None:
    # The derived list is not the base's own (there `T` is an open type parameter).
    schema = schema_of(
        """
        namespace App;
        public class Base<T> { [DynamoDBProperty] public T Value { get; set; } }
        [DynamoDBTable("t")]
        public class Derived : Base { [DynamoDBHashKey] public string Id { get; set; } }
        """
    )
    assert attribute(schema, "Base", "Value").type.kind == "typeparam"
    assert attribute(schema, "Derived", "Value").type.kind == "unknown"
    assert "Value: type T is not declared in the given sources" in messages(schema)


def test_members_overriding_hiding_and_repeating_base_members_across_three_levels() -> None:
    schema = schema_of(
        """
        namespace App;
        public class Root
        {
            [DynamoDBProperty("note")] [DynamoDBIgnore] public virtual string Note { get; set; }
            [DynamoDBProperty("kept")] public string Kept { get; set; }
        }
        public class Middle : Root { [DynamoDBProperty("mid")] public override string Note { get; set; } }
        [DynamoDBTable("t")]
        public class Leaf : Middle
        {
            [DynamoDBHashKey] public string Id { get; set; }
            public override string Note { get; set; }
            public new string Kept { get; set; }
        }
        """
    )
    assert properties(schema, "Middle") == ["Kept"]  # Note inherits [DynamoDBIgnore]
    assert properties(schema, "Leaf") == ["Kept", "Id"]
    assert attribute(schema, "Leaf", "Kept").name == "Kept"  # hiding inherits nothing
