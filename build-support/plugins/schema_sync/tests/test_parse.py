"""parse: C# text -> syntax facts (no DynamoDB knowledge)."""

from __future__ import annotations

import textwrap
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from schema_sync.csharp.parse import parse_file
from schema_sync.csharp.syntax import FileSyntax, Location, LostSyntax, MemberSyntax, TypeDeclSyntax
from schema_sync.tests.model_fixtures import fixture_sources


def parse(source: str) -> FileSyntax:
    return parse_file("src/A.cs", textwrap.dedent(source).encode())


def type_named(syntax: FileSyntax, name: str) -> TypeDeclSyntax:
    return next(t for t in syntax.types if t.name == name)


def member(decl: TypeDeclSyntax, name: str) -> MemberSyntax:
    return next(m for m in decl.members if m.name == name)


def test_namespaces_usings_and_declared_names() -> None:
    syntax = parse(
        """
        using System;
        using Alias = App.Other.Thing;
        using static App.Consts;
        namespace App.Data
        {
            public class A { public class Inner { } }
            namespace Sub { enum E { X } }
        }
        """
    )
    assert syntax.declared_type_names == ("App.Data.A", "App.Data.A.Inner", "App.Data.Sub.E")
    assert [(u.target, u.alias, u.static) for u in syntax.usings] == [
        ("System", None, False),
        ("App.Other.Thing", "Alias", False),
        ("App.Consts", None, True),
    ]
    assert type_named(syntax, "Inner").containing == ("A",)
    assert syntax.namespaces == ("App.Data", "App.Data.Sub")


def test_file_scoped_namespace_applies_to_following_types() -> None:
    syntax = parse("namespace App.Data;\npublic class A { }\npublic record B { }\n")
    assert syntax.declared_type_names == ("App.Data.A", "App.Data.B")
    assert type_named(syntax, "B").kind == "record"


def test_type_kinds_modifiers_bases_and_type_parameters() -> None:
    syntax = parse(
        """
        public abstract partial class Entity<TKey> : Base<TKey, string>, IEntity where TKey : struct { }
        public struct S { }
        public record struct R { }
        public record P(int X);
        interface I { }
        """
    )
    entity = type_named(syntax, "Entity")
    assert entity.kind == "class"
    assert entity.modifiers == ("public", "abstract", "partial")
    assert entity.type_parameters == ("TKey",)
    assert [b.name for b in entity.bases] == ["Base", "IEntity"]
    assert [a.name for a in entity.bases[0].args] == ["TKey", "string"]
    assert type_named(syntax, "S").kind == "struct"
    assert type_named(syntax, "R").kind == "record struct"
    assert type_named(syntax, "P").has_primary_constructor
    assert type_named(syntax, "I").kind == "interface"


def test_attributes_keep_positional_and_named_arguments() -> None:
    syntax = parse(
        """
        [DynamoDBTable(TableNames.Goals, LowerCamelCaseProperties = true)]
        class A
        {
            [DynamoDBGlobalSecondaryIndexHashKey("a", "b", AttributeName = "x")]
            [Amazon.DynamoDBv2.DataModel.DynamoDBPropertyAttribute(typeof(Conv))]
            public string P { get; set; }
        }
        """
    )
    decl = type_named(syntax, "A")
    table = decl.attributes[0]
    assert table.name == "DynamoDBTable"
    assert [(e.kind, e.value) for e in table.positional] == [("name", "TableNames.Goals")]
    assert table.named_arg("LowerCamelCaseProperties") is not None
    gsi, prop = member(decl, "P").attributes
    assert [e.value for e in gsi.positional] == ["a", "b"]
    assert gsi.named == (("AttributeName", gsi.named[0][1]),) and gsi.named[0][1].value == "x"
    assert prop.name == "Amazon.DynamoDBv2.DataModel.DynamoDBPropertyAttribute"
    assert (prop.positional[0].kind, prop.positional[0].value) == ("typeof", "Conv")
    assert (table.location.line, table.location.col) == (2, 2)


def test_properties_and_fields() -> None:
    decl = type_named(
        parse(
            """
            class A
            {
                public string Auto { get; set; } = "x";
                public int GetOnly { get; }
                public int Computed => 3;
                public int Init { get; init; }
                private int PrivateSet { get; private set; }
                public int a = 1, b;
                public readonly int R;
                public const string C = "c" + "d";
                public static int S { get; set; }
                string I.Explicit { get; set; }
            }
            """
        ),
        "A",
    )
    assert (member(decl, "Auto").has_getter, member(decl, "Auto").has_setter) == (True, True)
    assert member(decl, "Auto").initializer is not None
    assert not member(decl, "GetOnly").has_setter
    assert not member(decl, "Computed").has_setter and member(decl, "Computed").has_getter
    assert member(decl, "Init").has_setter and member(decl, "PrivateSet").has_setter
    assert [m.name for m in decl.members if m.kind == "field"] == ["a", "b", "R"]
    assert member(decl, "a").initializer is not None and member(decl, "b").initializer is None
    assert "readonly" in member(decl, "R").modifiers
    assert [c.name for c in decl.constants] == ["C"]
    assert member(decl, "S").is_static
    assert member(decl, "Explicit").explicit_interface


def test_type_syntax() -> None:
    decl = type_named(
        parse(
            """
            class A
            {
                public Dictionary<string, List<Guid?>>? D { get; set; }
                public byte[] Bytes { get; set; }
                public System.Collections.Generic.List<int> Q { get; set; }
                public (int, string) T { get; set; }
            }
            """
        ),
        "A",
    )
    d = member(decl, "D").type
    assert (d.name, d.nullable, d.text) == ("Dictionary", True, "Dictionary<string, List<Guid?>>?")
    inner = d.args[1].args[0]
    assert (inner.name, inner.nullable) == ("Guid", True)
    assert (member(decl, "Bytes").type.kind, member(decl, "Bytes").type.args[0].name) == ("array", "byte")
    assert member(decl, "Q").type.name == "System.Collections.Generic.List"
    assert member(decl, "T").type.kind == "other"


def test_expressions() -> None:
    decl = type_named(
        parse(
            r"""
            class A
            {
                const string S1 = "a\tb\u0041";
                const string S2 = @"x""y";
                const string S3 = "p" + nameof(B.C);
                const int N = -(1 << 2);
                const string R = Other.Name;
                List<string> L1 = [];
                List<string> L2 = ["a"];
                List<string> L3 = new();
                List<string> L4 = new List<string> { "a" };
                string[] L5 = Array.Empty<string>();
                Guid G = Guid.NewGuid();
            }
            """
        ),
        "A",
    )
    values = {c.name: c.value for c in decl.constants}
    assert values["S1"].value == "a\tbA"
    assert values["S2"].value == 'x"y'
    assert values["S3"].kind == "binary" and values["S3"].parts[1].kind == "nameof"
    assert values["S3"].parts[1].value == "B.C"
    assert values["N"].kind == "unary"
    assert (values["R"].kind, values["R"].value) == ("name", "Other.Name")
    init = {m.name: m.initializer for m in decl.members}
    assert init["L1"] is not None and (init["L1"].kind, init["L1"].parts) == ("collection", ())
    assert init["L2"] is not None and [p.value for p in init["L2"].parts] == ["a"]
    assert init["L3"] is not None and (init["L3"].kind, init["L3"].parts) == ("new", ())
    assert init["L4"] is not None and init["L4"].kind == "new" and len(init["L4"].parts) == 1
    assert init["L5"] is not None and init["L5"].kind == "invocation"
    assert init["G"] is not None and (init["G"].kind, init["G"].value) == ("invocation", "Guid.NewGuid")


def test_referenced_type_names_for_dependency_inference() -> None:
    syntax = parse(
        """
        namespace App;
        [DynamoDBTable(TableNames.Goals)]
        class A : BaseModel<Key>, IThing
        {
            [DynamoDBProperty(typeof(MyConverter))] public Dictionary<string, Item> Items { get; set; }
            public Status S { get; set; } = Status.Active;
            const string N = nameof(Other);
            public string s = string.Empty;
        }
        """
    )
    assert set(syntax.referenced_type_names) >= {
        "TableNames",
        "BaseModel",
        "Key",
        "IThing",
        "MyConverter",
        "Dictionary",
        "Item",
        "Status",
        "Other",
    }
    assert "string" not in syntax.referenced_type_names


def test_doc_comments_use_the_summary() -> None:
    decl = type_named(
        parse(
            """
            /// <summary>
            /// A <see cref="T:App.Goal"/> row &amp; more.
            /// </summary>
            /// <remarks>ignored</remarks>
            class A
            {
                /// Plain doc.
                public int P { get; set; }
                // not a doc comment
                public int Q { get; set; }
            }
            """
        ),
        "A",
    )
    assert decl.doc == "A App.Goal row & more."
    assert member(decl, "P").doc == "Plain doc."
    assert member(decl, "Q").doc is None


def test_preprocessor_takes_the_non_debug_branch() -> None:
    syntax = parse(
        """
        class A
        {
        #if DEBUG
            [DynamoDBProperty("debug")]
        #elif RELEASE_X
            [DynamoDBProperty("elif")]
        #else
            [DynamoDBProperty("release")]
        #endif
            public int P { get; set; }
        #if !DEBUG
            public int OnlyInRelease { get; set; }
        #endif
        #region stuff
            public int Q { get; set; }
        #endregion
        }
        """
    )
    decl = type_named(syntax, "A")
    assert [a.positional[0].value for a in member(decl, "P").attributes] == ["release"]
    assert [m.name for m in decl.members] == ["P", "OnlyInRelease", "Q"]
    assert syntax.diagnostics == ()
    assert member(decl, "P").location.line == 11  # lines are kept


def test_preprocessor_define_nested_and_operators() -> None:
    syntax = parse(
        """
        #define FEATURE
        class A
        {
        #if FEATURE && (!DEBUG || OTHER)
            public int Yes { get; set; }
        #if DEBUG
            public int No1 { get; set; }
        #endif
        #else
            public int No2 { get; set; }
        #endif
        }
        """
    )
    assert [m.name for m in type_named(syntax, "A").members] == ["Yes"]


def test_nullable_context_is_tracked_per_line() -> None:
    decl = type_named(
        parse(
            """
            class A
            {
                public string Before { get; set; }
            #nullable enable
                public string Enabled { get; set; }
            #nullable disable
                public string Disabled { get; set; }
            #nullable restore
                public string Restored { get; set; }
            #nullable enable warnings
                public string WarningsOnly { get; set; }
            }
            """
        ),
        "A",
    )
    contexts = {m.name: m.nullable_context for m in decl.members}
    assert contexts == {"Before": None, "Enabled": True, "Disabled": False, "Restored": None, "WarningsOnly": None}


def test_syntax_errors_are_warnings_and_other_members_survive() -> None:
    syntax = parse(
        """
        class A
        {
            public int Good1 { get; set; }
            public int Broken = ;
            %%% garbage;
            public string Good2 { get; set; }
        }
        """
    )
    assert syntax.diagnostics and all(d.severity == "warning" for d in syntax.diagnostics)
    assert {"Good1", "Good2"} <= {m.name for m in type_named(syntax, "A").members}
    assert all(d.file == "src/A.cs" and d.line >= 1 for d in syntax.diagnostics)


def test_unterminated_if_is_reported_at_the_if() -> None:
    syntax = parse("class A {\n#if X\n public int P { get; set; }\n}\n")
    assert [(d.line, d.message) for d in syntax.diagnostics if "#if" in d.message] == [
        (2, "unterminated #if (missing #endif)")
    ]


def test_empty_and_binary_input() -> None:
    assert parse("").types == ()
    syntax = parse_file("src/bin.cs", bytes(range(256)))
    assert isinstance(syntax, FileSyntax)


def test_method_returns_are_collected_from_statements_only() -> None:
    decl = type_named(
        parse(
            """
            class C
            {
                public DynamoDBEntry ToEntry(object value)
                {
                    Func<int> f = () => { return 0; };
                    foreach (var x in value) { if (x) { return new Primitive(x); } }
                    try { return "a"; } catch (Exception) { throw; }
                    return null;
                }
                public string Arrow() => "b";
                public void Nothing() { }
            }
            """
        ),
        "C",
    )
    returns = {m.name: [e.text for e in m.returns] for m in decl.methods}
    assert returns == {"ToEntry": ["new Primitive(x)", '"a"', "null"], "Arrow": ['"b"'], "Nothing": []}


def test_shared_results_replay_referenced_names_in_every_file() -> None:
    # Types, literals, names, accessors and usings are shared between files by text: a file
    # reading them from the caches must reference the same names as the first one.
    source = """
        using static App.Consts;
        class A
        {
            [Attr(Names.Key + "_x", "plain", "esc\\t\\"q\\"", this.Self, string.Empty)]
            public Dictionary<Key, List<Value?>>? P { get; set; } = Defaults.P;
        }
        """
    first, second = parse(source), parse(source)
    assert first == second
    assert first.referenced_type_names == ("App.Consts", "Defaults", "Dictionary", "Key", "List", "Names", "Value")
    attribute = type_named(first, "A").members[0].attributes[0]
    assert [(e.kind, e.value) for e in attribute.positional] == [
        ("binary", "+"),
        ("string", "plain"),
        ("string", 'esc\t"q"'),
        ("other", None),
        ("name", "string.Empty"),
    ]


def test_verbatim_identifiers_name_what_they_escape() -> None:
    """`@class` is the name `class` (what reflection, and so the SDK, sees), wherever a name is."""
    syntax = parse(
        """
        namespace @App.@Data;
        enum @enum { @default, Other }
        [@DynamoDBTable("t")]
        class @event<@T> : @Base
        {
            const string @const = nameof(@class);
            [DynamoDBProperty(AttributeName = @const)] public string @class { get; set; }
            public @enum @int;
            public List<@event<@T>> Nested { get; set; }
        }
        """
    )
    assert syntax.declared_type_names == ("App.Data.enum", "App.Data.event")
    enum = type_named(syntax, "enum")
    assert [m.name for m in enum.enum_members] == ["default", "Other"]
    decl = type_named(syntax, "event")
    assert (decl.type_parameters, decl.bases[0].name, decl.attributes[0].name) == (("T",), "Base", "DynamoDBTable")
    assert [m.name for m in decl.members] == ["class", "int", "Nested"]
    assert decl.constants[0].name == "const" and decl.constants[0].value.value == "class"
    assert member(decl, "class").attributes[0].named_arg("AttributeName") is not None
    assert member(decl, "class").attributes[0].named_arg("AttributeName").value == "const"  # type: ignore[union-attr]
    assert member(decl, "int").type.name == "enum"
    assert member(decl, "Nested").type.args[0].name == "event"


# Letters of every script C# takes in names (categories Lu, Ll, Lt, Lm, Lo, Nl), some of which the
# pinned grammar lacks (CJK ideographs and Hangul among them).
LETTERS = st.characters(categories=("Lu", "Ll", "Lt", "Lm", "Lo"), max_codepoint=0x2FFFF).filter(
    lambda c: c.isidentifier() and unicodedata.normalize("NFC", c) == c
)


@settings(max_examples=200, deadline=None)
@given(st.text(LETTERS, min_size=1, max_size=6))
def test_identifiers_in_any_script_parse_and_keep_their_name(name: str) -> None:
    syntax = parse(f"namespace N; class {name}Model {{ public {name}Type {name} {{ get; set; }} = {name}.X; }}")
    assert syntax.diagnostics == ()
    decl = type_named(syntax, f"{name}Model")
    assert [(m.name, m.type.name) for m in decl.members] == [(name, f"{name}Type")]
    assert decl.members[0].initializer is not None and decl.members[0].initializer.value == f"{name}.X"


def test_non_ascii_text_in_literals_and_comments_is_kept() -> None:
    decl = type_named(
        parse("class A { /* 名前 */ char C = '名'; string S = \"名前 é\"; const string K = \"ü\"; }"), "A"
    )
    assert [(m.name, m.initializer.value if m.initializer else None) for m in decl.members] == [
        ("C", "名"),
        ("S", "名前 é"),
    ]
    assert decl.constants[0].value.value == "ü"


def test_attribute_targets_decide_what_an_attribute_is_on() -> None:
    decl = type_named(
        parse(
            """
            [type: Table("t")] [return: Ignored]
            class A
            {
                [property: DynamoDBProperty("p")] [field: NonSerialized] public int P { get; set; }
                [field: DynamoDBProperty("f")] public int F;
                [property: Ignored] public int G;
                [DynamoDBHashKey] public string Id { get; set; }
            }
            """
        ),
        "A",
    )
    assert [a.name for a in decl.attributes] == ["Table"]
    names = {m.name: [a.name for a in m.attributes] for m in decl.members}
    assert names == {"P": ["DynamoDBProperty"], "F": ["DynamoDBProperty"], "G": [], "Id": ["DynamoDBHashKey"]}


def test_record_parameters_are_public_properties() -> None:
    """The compiler makes a record's positional parameters `{ get; init; }` properties (`set` in
    a record struct), with the attributes targeted `property:`; one the body declares wins."""
    syntax = parse(
        """
        public record R([property: DynamoDBHashKey("id")] string Id, [DynamoDBProperty("x")] int X = 3,
                        List<string>? Tags = null, [property: A] params int[] Rest)
        {
            public R() : this("", 0) { }
            public int X { get; set; } = X;
        }
        public readonly record struct S(int A);
        public class C(int notAProperty) { }
        """
    )
    record = type_named(syntax, "R")
    assert [m.name for m in record.members] == ["Id", "Tags", "Rest", "X"]
    identifier = member(record, "Id")
    assert (identifier.type.name, identifier.modifiers, identifier.has_getter, identifier.has_setter) == (
        "string",
        ("public",),
        True,
        True,
    )
    assert [a.name for a in identifier.attributes] == ["DynamoDBHashKey"] and identifier.parameter_attributes == ()
    assert member(record, "Tags").type.nullable and member(record, "Tags").initializer is None
    assert member(record, "Rest").type.kind == "array" and [a.name for a in member(record, "Rest").attributes] == ["A"]
    assert member(record, "X").location.line == 6  # the body's, not the parameter
    assert [c.parameter_types for c in record.constructors] == [("string", "int", "List<string>?", "int[]"), ()]
    assert [m.name for m in type_named(syntax, "S").members] == ["A"]
    c = type_named(syntax, "C")
    assert c.members == () and [k.parameter_types for k in c.constructors] == [("int",)]


def test_record_parameter_attributes_without_target_stay_on_the_parameter() -> None:
    record = type_named(parse("record R([DynamoDBHashKey] string Id, [param: Foo] int N);"), "R")
    assert [(m.name, m.attributes, [a.name for a in m.parameter_attributes]) for m in record.members] == [
        ("Id", (), ["DynamoDBHashKey"]),
        ("N", (), ["Foo"]),
    ]


def test_array_rank_is_kept() -> None:
    decl = type_named(parse("class A { int[] One; int[,] Two; int[ , , ] Three; int[][] Jagged; }"), "A")
    assert [member(decl, n).type.name for n in ("One", "Two", "Three", "Jagged")] == ["[]", "[,]", "[,,]", "[]"]
    assert member(decl, "Jagged").type.args[0].name == "[]"


# -- what error recovery loses --------------------------------------------------------------------


def lost(source: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(entry.kind, entry.name, entry.attributes) for entry in parse(source).lost]


def test_error_free_files_lose_nothing() -> None:
    syntax = parse(
        """
        [DynamoDBTable("t")] public class A { [DynamoDBHashKey] public string Id { get; set; } }
        public record R([property: DynamoDBHashKey] string Id) { [return: X] int M([FromBody] int x) => x; }
        """
    )
    assert syntax.lost == () and all(t.syntax_error is None for t in syntax.types)


def test_a_missing_closing_brace_loses_the_class_with_its_attributes() -> None:
    source = """
        namespace N;
        [DynamoDBTable("t")]
        public class A : Base
        {
            [DynamoDBHashKey] public string Id { get; set; }
            public int X { get; set; }
        """
    assert parse(source).types == ()
    assert parse(source).lost == (
        LostSyntax("class", "A", ("DynamoDBTable", "DynamoDBHashKey"), Location(4, 14), None, ("Base",)),
    )


def test_a_member_folded_into_another_loses_its_attributes() -> None:
    syntax = parse(
        """
        namespace N;
        public class A
        {
            [DynamoDBHashKey] public string Id { get; set;
            [DynamoDBProperty("x")] public int X { get; set; }
            public int Y { get; set; }
        }
        """
    )
    decl = type_named(syntax, "A")
    assert [m.name for m in decl.members] == ["Id", "Y"]
    assert decl.syntax_error == Location(6, 36)  # `int X {`, read as part of Id's accessors
    assert [(e.kind, e.attributes, e.location, e.container) for e in syntax.lost] == [
        ("attributes", ("DynamoDBProperty",), Location(6, 6), "N.A")
    ]


def test_tokens_recovery_makes_something_else_of_are_read_from_the_text() -> None:
    # A broken `using` swallows the whole file: the class header and attributes end up as
    # element accesses and skipped tokens. The text still says what was there.
    action = fixture_sources()["Data/ActionDataModel.cs"]
    broken = action.replace(b"System.Collections.Generic;", b"System.Collections.Ge[DynamoDBHashKey(}neric;")
    syntax = parse_file("Data/ActionDataModel.cs", broken)
    assert syntax.types == ()
    [(kind, name, attributes)] = [(e.kind, e.name, e.attributes) for e in syntax.lost]
    assert (kind, name) == ("class", "ActionDataModel")
    assert {"DynamoDBTable", "DynamoDBHashKey", "DynamoDBRangeKey", "DynamoDBProperty"} <= set(attributes)
    # `pud class C` reads as a variable named `class`.
    assert lost("namespace N;\npud class Converter : IPropertyConverter { public int M() { return 1; } }") == [
        ("class", "Converter", ())
    ]


def test_a_syntax_error_outside_types_or_in_one_marks_the_types_it_can_change() -> None:
    inside = parse("class A { int X { get; set; } int Y = ; }\nclass B { class Nested { } }\nclass C { }")
    errors = {t.name: t.syntax_error for t in inside.types}
    assert errors == {"A": Location(1, 37), "B": None, "Nested": None, "C": None}
    with_nested = parse("class A { int Y = ; class B { } }\nclass C { }")
    errors = {t.name: t.syntax_error for t in with_nested.types}
    assert errors == {"A": Location(1, 17), "B": Location(1, 17), "C": None}
    # Outside every type: the namespace, usings or end of any type may be wrong.
    outside = parse("namespace N.}}(X;\nclass A { }\nclass B { }")
    assert {t.name: t.syntax_error is not None for t in outside.types} == {"A": True, "B": True}
    # A brace too many ends a type early: the rest of it is outside every type.
    early = parse("class A { public int P { }} get; set; }\n")
    assert type_named(early, "A").syntax_error is not None
    # A brace too few: what recovery keeps of the nested type may hold its container's members.
    nested = parse("class A { class B { int x; \n public int P { get; set; } }")
    assert {t.name: t.syntax_error is not None for t in nested.types} == {"B": True}
    assert [(e.kind, e.name) for e in nested.lost] == [("class", "A")]


def test_what_an_unterminated_if_hides_is_lost() -> None:
    syntax = parse(
        """
        namespace N;
        public enum E { A }
        #if DEBUG
        [DynamoDBTable("t")] public class A { [DynamoDBHashKey] public string Id { get; set; } }
        """
    )
    assert [(e.kind, e.name, e.attributes, e.cause) for e in syntax.lost] == [
        ("class", "A", ("DynamoDBTable", "DynamoDBHashKey"), "the unterminated #if on line 4")
    ]
    assert type_named(syntax, "E").syntax_error == Location(4, 1)  # what C# rejects can change any type
    active = parse("namespace N;\n#if !DEBUG\n[DynamoDBTable(\"t\")] public class A { }\n")
    assert active.lost == () and [t.name for t in active.types] == ["A"]


def test_files_in_other_encodings_are_read_through_their_byte_order_mark() -> None:
    source = 'class Ä { [DynamoDBProperty("名")] public int 名前 { get; set; } }'
    expected = parse_file("src/A.cs", source.encode())
    for encoding in ("utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        content = source.encode(encoding)
        if encoding.endswith(("-le", "-be")):
            content = "\ufeff".encode(encoding) + content
        assert parse_file("src/A.cs", content) == expected, encoding


def test_undecodable_bytes_are_an_error_at_their_position() -> None:
    syntax = parse_file("src/A.cs", b'class A {\n string S = "caf\xe9"; }')
    assert [(d.severity, d.line, d.col, d.message) for d in syntax.diagnostics] == [
        ("error", 2, 17, "cannot read the file: not valid UTF-8 (byte 0xe9); save the file as UTF-8")
    ]
    # A UTF-16 byte-order mark on UTF-8 text (or on anything else) reads as CJK-like nonsense.
    misread = parse_file("src/A.cs", b"\xff\xfe" + b"namespace N; class A { } \n")  # even: no odd byte
    assert [(d.severity, d.line, d.col, d.message) for d in misread.diagnostics][:1] == [
        ("error", 1, 1, "cannot read the file: not UTF-16-LE text, although it starts with that byte-order mark")
    ]
    nul = parse_file("src/A.cs", "class A { }".encode("utf-16-le"))
    assert [(d.severity, d.line, d.col) for d in nul.diagnostics][:1] == [("error", 1, 2)]
    assert "NUL byte" in nul.diagnostics[0].message
