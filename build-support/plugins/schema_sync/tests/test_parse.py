"""parse: C# text -> syntax facts (no DynamoDB knowledge)."""

from __future__ import annotations

import textwrap

from schema_sync.csharp.parse import parse_file
from schema_sync.csharp.syntax import FileSyntax, MemberSyntax, TypeDeclSyntax


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


def test_unterminated_if_is_reported() -> None:
    syntax = parse("class A {\n#if X\n public int P { get; set; }\n}\n")
    assert any("unterminated #if" in d.message for d in syntax.diagnostics)


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
