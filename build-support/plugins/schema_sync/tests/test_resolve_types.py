"""resolve: C# types -> IR types and the DynamoDB storage .NET writes (V1 and V2)."""

from __future__ import annotations

from typing import List, Tuple

import pytest

from schema_sync import ir
from schema_sync.tests.snippets import attribute, messages, schema_of, table

ENUM = "namespace App.Data; public enum Status { A, B }"
NESTED = "namespace App.Data; public class Address { public string City { get; set; } }"


@pytest.mark.parametrize(
    ("csharp", "kind", "v1", "v2"),
    [
        ("string", "string", "S", "S"),
        ("String", "string", "S", "S"),
        ("char", "char", "S", "S"),
        ("bool", "bool", "N", "BOOL"),
        ("Boolean", "bool", "N", "BOOL"),
        ("byte", "uint8", "N", "N"),
        ("sbyte", "int8", "N", "N"),
        ("short", "int16", "N", "N"),
        ("ushort", "uint16", "N", "N"),
        ("int", "int32", "N", "N"),
        ("Int32", "int32", "N", "N"),
        ("uint", "uint32", "N", "N"),
        ("long", "int64", "N", "N"),
        ("ulong", "uint64", "N", "N"),
        ("float", "float32", "N", "N"),
        ("double", "float64", "N", "N"),
        ("decimal", "decimal", "N", "N"),
        ("Guid", "guid", "S", "S"),
        ("System.Guid", "guid", "S", "S"),
        ("DateTime", "datetime", "S", "S"),
        ("DateOnly", "dateonly", "S", "S"),
        ("TimeOnly", "timeonly", "S", "S"),
        ("byte[]", "bytes", "B", "B"),
        ("MemoryStream", "memorystream", "B", "B"),
        ("int?", "int32", "N", "N"),
        ("Nullable<int>", "int32", "N", "N"),
        ("Status", "enum", "N", "N"),
        ("Address", "model", "M", "M"),
        ("List<string>", "list", "SS", "L"),
        ("string[]", "array", "SS", "L"),
        ("HashSet<string>", "set", "SS", "SS"),
        ("List<Guid>", "list", "SS", "L"),
        ("List<DateTime>", "list", "SS", "L"),
        ("List<int>", "list", "NS", "L"),
        ("HashSet<decimal>", "set", "NS", "NS"),
        ("List<bool>", "list", "NS", "L"),
        ("List<byte>", "list", "NS", "L"),
        ("List<byte[]>", "list", "BS", "L"),
        ("HashSet<byte[]>", "set", "BS", "BS"),
        ("byte[][]", "array", "L", "L"),
        ("List<Status>", "list", "L", "L"),
        ("HashSet<Status>", "set", "L", "L"),
        ("Status[]", "array", "L", "L"),
        ("List<int?>", "list", "L", "L"),
        ("List<Address>", "list", "L", "L"),
        ("List<List<string>>", "list", "L", "L"),
        ("List<DateOnly>", "list", "L", "L"),
        ("Dictionary<string, int>", "dict", "M", "M"),
        ("SortedDictionary<string, Address>", "dict", "M", "M"),
        ("System.Collections.Generic.List<string>", "list", "SS", "L"),
        ("S3Link", "unknown", "S", "S"),
    ],
)
def test_storage(csharp: str, kind: str, v1: str, v2: str) -> None:
    source = table(f"public {csharp} Value {{ get; set; }}")
    for conversion, expected in (("V1", v1), ("V2", v2)):
        schema = schema_of(source, ENUM, NESTED, conversion=conversion)
        value = attribute(schema, "Item", "Value")
        assert (value.type.kind, value.storage) == (kind, expected), conversion
        assert messages(schema) == [], conversion
        assert schema.model("Item").conversion == conversion


def test_type_refs_keep_arguments_and_references() -> None:
    schema = schema_of(table("public Dictionary<string, List<Status>> Value { get; set; }"), ENUM)
    value = attribute(schema, "Item", "Value").type
    assert value.csharp == "Dictionary<string, List<Status>>"
    assert [a.kind for a in value.args] == ["string", "list"]
    assert value.args[1].args[0].ref == "App.Data.Status"
    assert [e.full_name for e in schema.enums] == ["App.Data.Status"]


@pytest.mark.parametrize(
    ("csharp", "message"),
    [
        ("DateTimeOffset", "DateTimeOffset has no converter"),
        ("TimeSpan", "TimeSpan has no converter"),
        ("Status?", "Nullable<enum> `Status?` is unsupported"),
        ("Nullable<Status>", "Nullable<enum> `Nullable<Status>` is unsupported"),
        ("IEnumerable<string>", "IEnumerable<string> is unsupported"),
        ("ICollection<string>", "ICollection<string> is unsupported"),
        ("IReadOnlyList<string>", "IReadOnlyList<string> is unsupported"),
        ("IList<string>", "IList<string> is unsupported"),
        ("ISet<string>", "ISet<string> is unsupported"),
        ("IDictionary<string, int>", "IDictionary<string, int> is unsupported"),
        ("Dictionary<int, string>", "dictionary key type int is unsupported"),
        ("object", "object cannot be stored"),
        ("Money", "type Money is not declared in the given sources"),
        ("List<DateTimeOffset>", "DateTimeOffset has no converter"),
        ("Point", "Point is a struct or interface"),
        ("int[,]", "multi-dimensional array int[,] cannot be stored by the .NET SDK"),
        ("string[,,]?", "multi-dimensional array string[,,]? cannot be stored"),
        ("List<Guid[,]>", "multi-dimensional array Guid[,] cannot be stored"),
    ],
)
def test_unsupported_types_are_errors_with_a_hint(csharp: str, message: str) -> None:
    schema = schema_of(
        table(f"public {csharp} Value {{ get; set; }}"), ENUM, "namespace App.Data; public struct Point { }"
    )
    errors = [d for d in schema.errors if message in d.message]
    assert errors, [d.message for d in schema.errors]
    assert errors[0].hint and errors[0].line == 8


def test_hashset_of_bool_is_an_error_only_in_v2() -> None:
    source = table("public HashSet<bool> Flags { get; set; }")
    assert attribute(schema_of(source), "Item", "Flags").storage == "NS"
    v2 = schema_of(source, conversion="V2")
    assert any("HashSet<bool>" in m for m in messages(v2))
    assert attribute(v2, "Item", "Flags").storage == "ANY"  # .NET throws: there is nothing it stores


def test_a_dictionary_with_non_string_keys_has_no_storage() -> None:
    flags = attribute(schema_of(table("public Dictionary<int, string> ByNumber { get; set; }")), "Item", "ByNumber")
    assert (flags.storage, flags.type.storage, flags.type.nullable_elements) == ("ANY", "ANY", False)


def _stored_forms(ref: ir.TypeRef) -> List[Tuple[str, str, bool]]:
    """(kind, storage, nullable_elements) of `ref` and every type inside it, depth first."""
    return [(ref.kind, ref.storage, ref.nullable_elements), *(f for arg in ref.args for f in _stored_forms(arg))]


@pytest.mark.parametrize(
    ("csharp", "conversion", "forms"),
    [
        ("List<string>", "V1", [("list", "SS", False), ("string", "S", False)]),
        ("List<string>", "V2", [("list", "L", True), ("string", "S", False)]),
        ("List<List<string>>", "V1", [("list", "L", True), ("list", "SS", False), ("string", "S", False)]),
        ("Dictionary<string, HashSet<int>>", "V2", [("dict", "M", True), ("string", "S", False), ("set", "NS", False),
                                                    ("int32", "N", False)]),
        ("List<bool>", "V1", [("list", "NS", False), ("bool", "N", False)]),
        ("List<bool>", "V2", [("list", "L", False), ("bool", "BOOL", False)]),
        ("byte[][]", "V1", [("array", "L", True), ("bytes", "B", False)]),
        ("List<byte[]>", "V1", [("list", "BS", False), ("bytes", "B", False)]),
        ("MemoryStream[]", "V1", [("array", "BS", False), ("memorystream", "B", False)]),
        ("MemoryStream[]", "V2", [("array", "L", True), ("memorystream", "B", False)]),
        ("List<int?>", "V1", [("list", "L", True), ("int32", "N", False)]),
        ("Status[]", "V1", [("array", "L", False), ("enum", "N", False)]),
        ("List<Address>", "V1", [("list", "L", True), ("model", "M", False)]),
        ("List<DateTimeOffset>", "V1", [("list", "L", False), ("datetimeoffset", "ANY", False)]),
        ("IList<string>", "V1", [("unknown", "ANY", False), ("string", "S", False)]),
    ],
)
def test_every_nested_type_carries_its_storage(
    csharp: str, conversion: str, forms: List[Tuple[str, str, bool]]
) -> None:
    """Declared without nullable annotations (the default): reference-type elements of an L or M
    may be null; a set's never are."""
    schema = schema_of(table(f"public {csharp} Value {{ get; set; }}"), ENUM, NESTED, conversion=conversion)
    assert _stored_forms(attribute(schema, "Item", "Value").type) == forms


@pytest.mark.parametrize(
    ("csharp", "nullable_elements"),
    [("List<string>", False), ("List<string?>", True), ("List<Address>", False), ("Dictionary<string, Address?>", True),
     ("List<int?>", True), ("List<string>?", False)],
)
def test_with_nullable_annotations_only_declared_nullable_elements_may_be_null(
    csharp: str, nullable_elements: bool
) -> None:
    schema = schema_of(table(f"public {csharp} Value {{ get; set; }}"), NESTED, conversion="V2", nullable="enable")
    assert attribute(schema, "Item", "Value").type.nullable_elements is nullable_elements


def test_a_nullable_collection_in_oblivious_code_keeps_its_elements_non_null() -> None:
    """`List<string>?` where annotations are off: the `?` says the author annotated this member."""
    schema = schema_of(table("public List<string>? Value { get; set; }"), conversion="V2")
    assert attribute(schema, "Item", "Value").type.nullable_elements is False


def test_a_converter_or_epoch_decides_the_member_but_its_type_keeps_its_own_storage() -> None:
    schema = schema_of(
        table(
            """
            [DynamoDBProperty(typeof(ListToSetPropertyConverter<int>))] public List<int> Ids { get; set; }
            [DynamoDBProperty(StoreAsEpoch = true)] public DateTime When { get; set; }
            """
        ),
        conversion="V2",
    )
    ids, when = attribute(schema, "Item", "Ids"), attribute(schema, "Item", "When")
    assert (ids.storage, ids.type.storage, ids.type.args[0].storage) == ("NS", "L", "N")
    assert (when.storage, when.type.storage) == ("N", "S")


def test_converters() -> None:
    schema = schema_of(
        table(
            """
            [DynamoDBProperty(typeof(OffsetConverter))] public DateTimeOffset When { get; set; }
            [DynamoDBProperty("flag", typeof(BoolAsNConverter))] public bool Flag { get; set; }
            [DynamoDBProperty(Converter = typeof(ListToSetPropertyConverter<int>))] public List<int> Ids { get; set; }
            """
        ),
        conversion="V2",
    )
    assert messages(schema) == []
    when = attribute(schema, "Item", "When")
    assert (when.converter, when.storage) == ("OffsetConverter", "ANY")
    flag = attribute(schema, "Item", "Flag")
    assert (flag.name, flag.converter, flag.storage) == ("flag", "BoolAsNConverter", "N")
    ids = attribute(schema, "Item", "Ids")
    assert (ids.converter, ids.storage) == ("ListToSetPropertyConverter<int>", "NS")  # as written


def test_epoch_dates() -> None:
    schema = schema_of(
        table(
            """
            [DynamoDBProperty(StoreAsEpoch = true)] public DateTime Expires { get; set; }
            [DynamoDBProperty("ttl", StoreAsEpochLong = true)] public DateTime? Ttl { get; set; }
            [DynamoDBProperty(true)] public DateTime Legacy { get; set; }
            [DynamoDBProperty(StoreAsEpoch = true)] public string NotADate { get; set; }
            """
        )
    )
    assert (attribute(schema, "Item", "Expires").epoch, attribute(schema, "Item", "Expires").storage) == ("int32", "N")
    assert (attribute(schema, "Item", "Ttl").epoch, attribute(schema, "Item", "Ttl").name) == ("int64", "ttl")
    assert attribute(schema, "Item", "Legacy").epoch == "int32"
    assert any("StoreAsEpoch needs a DateTime" in m for m in messages(schema))


def test_table_attribute_conversion_v4_overrides_the_option_and_reaches_nested_models() -> None:
    schema = schema_of(
        table(
            "public bool Flag { get; set; }\npublic Address Home { get; set; }", extra=", false, ConversionSchema.V2"
        ),
        NESTED.replace("public string City", "public bool Verified { get; set; }\npublic string City"),
    )
    assert schema.model("Item").conversion == "V2"
    assert attribute(schema, "Item", "Flag").storage == "BOOL"
    assert schema.model("Address").conversion == "V2"
    assert attribute(schema, "Address", "Verified").storage == "BOOL"
    named = schema_of(table("public bool Flag { get; set; }", extra=", Conversion = ConversionSchema.V2"))
    assert attribute(named, "Item", "Flag").storage == "BOOL"


def test_nested_models_and_every_declared_enum_are_collected() -> None:
    schema = schema_of(
        table("public List<Address> Addresses { get; set; }\npublic Dictionary<string, Status> S { get; set; }"),
        NESTED,
        ENUM,
        "namespace App.Data; public class Unused { public string X { get; set; } }",
        "namespace App.Data; public enum UnusedEnum { X }",
    )
    assert [m.name for m in schema.models] == ["Address", "Item"]
    assert schema.model("Address").table is None
    # Unused enums too: a file declaring only an enum must still yield it (one file per target).
    assert [e.name for e in schema.enums] == ["Status", "UnusedEnum"]


def test_nested_types_need_a_public_parameterless_constructor() -> None:
    schema = schema_of(
        table("public Address Home { get; set; }\npublic Coord Where { get; set; }"),
        "namespace App.Data; public class Address { public Address(string c) { } public string City { get; set; } }",
        "namespace App.Data; public record Coord(double Lat, double Lon);",
    )
    errors = messages(schema)
    assert any("Address has no public parameterless constructor" in m for m in errors)
    assert any("Coord has no public parameterless constructor" in m for m in errors)


def test_record_positional_parameters_are_stored_properties() -> None:
    """A record's parameters are properties the compiler generates; with a public parameterless
    constructor besides its primary one, the SDK can create and fill it."""
    schema = schema_of(
        """
        using Amazon.DynamoDBv2.DataModel;
        namespace App.Data;
        [DynamoDBTable("items")]
        public record Item([property: DynamoDBHashKey("id")] string Id, [property: DynamoDBProperty("n")] int Count,
                           Address Home)
        {
            public Item() : this("", 0, new Address()) { }
            public string Extra { get; set; } = "";
        }
        public record Address(string City) { public Address() : this("") { } }
        public class Empty() { public string Name { get; set; } = ""; }
        [DynamoDBTable("others")]
        public class Other { [DynamoDBHashKey] public string Id { get; set; } = ""; public Empty E { get; set; } }
        """
    )
    assert messages(schema) == []
    item = schema.model("Item")
    assert [(a.property, a.name, a.key) for a in item.attributes] == [
        ("Id", "id", "hash"),
        ("Count", "n", None),
        ("Home", "Home", None),
        ("Extra", "Extra", None),
    ]
    assert [a.name for a in schema.model("Address").attributes] == ["City"]


def test_a_primary_constructor_alone_is_no_parameterless_constructor() -> None:
    schema = schema_of(
        table("public Coord Where { get; set; }\npublic Point P { get; set; }"),
        "namespace App.Data; public record Coord(double Lat, double Lon) { public Coord(double a) : this(a, 0) { } }",
        "namespace App.Data; public class Point(int x) { public int X { get; set; } = x; }",
    )
    errors = messages(schema)
    assert any("Coord has no public parameterless constructor" in m for m in errors)
    assert any("Point has no public parameterless constructor" in m for m in errors)


def test_nested_types_need_a_persisted_member() -> None:
    """The SDK throws "Type … has no supported members" for a stored class without members
    (an empty class, or one with only get-only properties); an unused one is no model at all."""
    schema = schema_of(
        table("public Marker First { get; set; }\npublic Computed Second { get; set; }"),
        "namespace App.Data; public class Marker { }",
        "namespace App.Data; public class Computed { public int Two => 2; }",
    )
    errors = messages(schema)
    assert any("Marker is stored in a model but has no persisted members" in m for m in errors)
    assert any("Computed is stored in a model but has no persisted members" in m for m in errors)


def test_v4_attributes_change_the_stored_shape() -> None:
    schema = schema_of(
        table(
            """
            [DynamoDBAutoGeneratedTimestamp] public DateTime? Stamp { get; set; }
            [DynamoDBAtomicCounter("hits", 1, 0)] public long? Hits { get; set; }
            [DynamoDBFlatten] public Address Home { get; set; }
            [DynamoDBPolymorphicType("dog", typeof(Dog))] public Animal Pet { get; set; }
            [DynamoDBAtomicCounter] public int BadCounter { get; set; }
            """
        ),
        NESTED.replace("public string City", "public Street Street { get; set; }\npublic string City"),
        "namespace App.Data; public class Street { public string Name { get; set; } }",
        "namespace App.Data; public class Animal { public string Name { get; set; } }",
        "namespace App.Data; public class Dog : Animal { public bool Good { get; set; } }",
    )
    item = schema.model("Item")
    assert attribute(schema, "Item", "Stamp").auto_timestamp
    hits = attribute(schema, "Item", "Hits")
    assert (hits.atomic_counter, hits.name) == (ir.AtomicCounter(1, 0), "hits")
    flattened = [(a.property, a.flatten_path, a.declared_in) for a in item.attributes if a.flatten_path]
    assert flattened == [("Street", ("Home",), "Address"), ("City", ("Home",), "Address")]
    pet = attribute(schema, "Item", "Pet")
    assert [(d.discriminator, d.type) for d in pet.derived_types] == [("dog", "App.Data.Dog")]
    assert {"Animal", "Dog", "Street"} <= {m.name for m in schema.models}
    assert any("[DynamoDBAtomicCounter] BadCounter must be a nullable integral type" in m for m in messages(schema))


def test_polymorphic_class() -> None:
    schema = schema_of(
        """
        namespace App.Data;
        [DynamoDBTable("pets")]
        [DynamoDBPolymorphicType("cat", typeof(Cat))]
        public class Pet { [DynamoDBHashKey] public string Id { get; set; } }
        public class Cat : Pet { public int Lives { get; set; } }
        """
    )
    assert [(d.discriminator, d.type) for d in schema.model("Pet").derived_types] == [("cat", "App.Data.Cat")]
    cat = schema.model("Cat")
    assert (cat.base, cat.table, [a.property for a in cat.attributes]) == ("Pet", "pets", ["Id", "Lives"])


def test_struct_table_is_an_error() -> None:
    schema = schema_of('[DynamoDBTable("t")] public struct T { [DynamoDBHashKey] public string Id { get; set; } }')
    assert any("T is a struct; the SDK can only store classes" in m for m in messages(schema))


def test_custom_converter_output_is_read_from_to_entry() -> None:
    converters = """
    namespace App.Data;
    public class IsoConverter : IPropertyConverter
    {
        public DynamoDBEntry ToEntry(object value)
        {
            if (value is not DateTimeOffset t) { throw new ArgumentException("no"); }
            return new Primitive(t.ToString("o"));
        }
        public object FromEntry(DynamoDBEntry entry) => DateTimeOffset.Parse(entry.AsString());
    }
    public class SecondsConverter : IPropertyConverter
    {
        public DynamoDBEntry ToEntry(object value) =>
            new Primitive(((TimeSpan)value).TotalSeconds.ToString(), true);
    }
    public class FlagConverter : IPropertyConverter
    {
        public DynamoDBEntry ToEntry(object value)
        {
            if (value == null) return null;
            return new DynamoDBBool((bool)value);
        }
    }
    public class JsonConverter : IPropertyConverter
    {
        public DynamoDBEntry ToEntry(object value)
        {
            var json = JsonSerializer.Serialize(value);
            return Document.FromJson(json);
        }
    }
    public class MixedConverter : IPropertyConverter
    {
        public DynamoDBEntry ToEntry(object value) { if (value is int) return new Primitive("1", true); return "x"; }
    }
    """
    schema = schema_of(
        table(
            """
            [DynamoDBProperty(typeof(IsoConverter))] public DateTimeOffset When { get; set; }
            [DynamoDBProperty(typeof(SecondsConverter))] public TimeSpan Span { get; set; }
            [DynamoDBProperty(typeof(FlagConverter))] public bool Flag { get; set; }
            [DynamoDBProperty(typeof(MixedConverter))] public int Mixed { get; set; }
            [DynamoDBRangeKey(typeof(IsoConverter))] public DateTimeOffset Sort { get; set; }
            [DynamoDBProperty(typeof(JsonConverter))] public Dictionary<Guid, string> Json { get; set; }
            """
        ),
        converters,
    )
    storages = {p: attribute(schema, "Item", p).storage for p in ("When", "Span", "Flag", "Mixed", "Sort", "Json")}
    assert storages == {"When": "S", "Span": "N", "Flag": "BOOL", "Mixed": "ANY", "Sort": "S", "Json": "M"}
    assert messages(schema) == []  # a converter whose output is known can be a key
    assert any("cannot tell what converter MixedConverter writes" in w for w in messages(schema, "warning"))


def test_save_behaviours_of_counters_and_update_behavior() -> None:
    schema = schema_of(
        table(
            """
            [DynamoDBAtomicCounter] public long? Plain { get; set; }
            [DynamoDBAtomicCounter(5, 100)] public long? Stepped { get; set; }
            [DynamoDBAtomicCounter("named_counter", -1, 10)] public int? Named { get; set; }
            [DynamoDBAtomicCounter("only_name")] public long? OnlyName { get; set; }
            [DynamoDBAutoGeneratedTimestamp, DynamoDbUpdateBehavior(UpdateBehavior.IfNotExists)]
            public DateTime? CreatedAt { get; set; }
            [DynamoDbUpdateBehavior(UpdateBehavior.Always)] public string Title { get; set; }
            [DynamoDBAtomicCounter(1)] public long? OneArgument { get; set; }
            [DynamoDBVersion, DynamoDbUpdateBehavior(UpdateBehavior.IfNotExists)] public int? Version { get; set; }
            [DynamoDbUpdateBehavior(Behaviour.Sometimes)] public string Odd { get; set; }
            """
        )
    )
    counters = {a.property: (a.name, a.atomic_counter) for a in schema.model("Item").attributes if a.atomic_counter}
    assert counters == {
        "Plain": ("Plain", ir.AtomicCounter(1, 0)),
        "Stepped": ("Stepped", ir.AtomicCounter(5, 100)),
        "Named": ("named_counter", ir.AtomicCounter(-1, 10)),
        "OnlyName": ("only_name", ir.AtomicCounter(1, 0)),
    }
    created = attribute(schema, "Item", "CreatedAt")
    assert created.if_not_exists and created.auto_timestamp
    assert not attribute(schema, "Item", "Title").if_not_exists
    errors = messages(schema)
    assert any("[DynamoDBAtomicCounter] takes (delta, startValue)" in m for m in errors)
    assert any("Version: UpdateBehavior.IfNotExists cannot be used on a key, a version or a counter" in m
               for m in errors)
    assert any("takes UpdateBehavior.Always or UpdateBehavior.IfNotExists" in m for m in errors)
