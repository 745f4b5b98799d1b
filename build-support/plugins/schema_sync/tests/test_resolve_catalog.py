"""Resolving one file's dependency closure (how build tools generate per file) with the
whole tree's model catalog gives that file's models exactly as resolving the whole tree does."""

from __future__ import annotations

import textwrap
from dataclasses import fields
from typing import Any, Dict, Set

from schema_sync.csharp.deps import build_symbol_index, referenced_files
from schema_sync.csharp.parse import parse_file
from schema_sync.csharp.syntax import FileSyntax
from schema_sync.extract import extract
from schema_sync.options import Options
from schema_sync.resolve import catalog_view, merged_catalogs, model_catalog, resolve
from schema_sync.tests.snippets import extract_checked_per_file, models_per_file

ADDRESS = """
namespace Acme.Data;

public class Address
{
    public string Street { get; set; }
    public bool Verified { get; set; }
}
"""

CUSTOMER = """
using Amazon.DynamoDBv2.DataModel;

namespace Acme.Data;

[DynamoDBTable("customers", Conversion = DynamoDBEntryConversion.V2)]
public class Customer
{
    [DynamoDBHashKey("id")]
    public string Id { get; set; }

    public Address Home { get; set; }
}
"""


def _parsed() -> Dict[str, FileSyntax]:
    sources = {"Address.cs": ADDRESS, "Customer.cs": CUSTOMER}
    return {path: parse_file(path, textwrap.dedent(text).encode()) for path, text in sources.items()}


def test_a_class_stored_by_another_file_is_a_model_of_its_own_file() -> None:
    files = _parsed()
    options = Options()
    catalog = model_catalog(list(files.values()), options)
    assert catalog.conversions == {"Acme.Data.Address": "V2", "Acme.Data.Customer": "V2"}
    assert catalog.stored_as_value == {"Acme.Data.Address"}

    alone = resolve([files["Address.cs"]], options)
    assert alone.models == ()  # without the catalog nothing says Address is stored anywhere

    closure = resolve([files["Address.cs"]], options, catalog=catalog.restricted_to(["Acme.Data.Address"]))
    whole = resolve(list(files.values()), options)
    assert closure.models == (whole.model("Address"),)
    assert [a.storage for a in whole.model("Address").attributes] == ["S", "BOOL"]  # the table's V2


def test_restricting_a_catalog_keeps_only_the_named_types() -> None:
    catalog = model_catalog(list(_parsed().values()), Options())
    restricted = catalog.restricted_to(["Acme.Data.Customer", "Acme.Data.Unknown"])
    assert restricted.conversions == {"Acme.Data.Customer": "V2"}
    assert restricted.stored_as_value == frozenset()
    assert restricted.tables == {"Acme.Data.Customer": "customers"}


def test_the_catalog_names_the_table_of_each_table_model_inherited_and_from_constants() -> None:
    """What a build tool names each file's table templates by, before resolving any file."""
    names = "namespace Acme.Data;\npublic static class TableNames { public const string Orders = \"acme_orders\"; }\n"
    order = "using Amazon.DynamoDBv2.DataModel;\nnamespace Acme.Data;\n[DynamoDBTable(TableNames.Orders)]\n"
    order += "public class Order { [DynamoDBHashKey(\"id\")] public string Id { get; set; } }\n"
    order += "public class RushOrder : Order { }\n"
    files = _parsed_all(_dedented({"TableNames.cs": names, "Order.cs": order, "Address.cs": ADDRESS}))
    catalog = model_catalog([catalog_view(f) for f in files.values()], Options())
    assert catalog.tables == {"Acme.Data.Order": "acme_orders", "Acme.Data.RushOrder": "acme_orders"}


def test_catalog_view_gives_the_same_catalog_and_ignores_plain_edits() -> None:
    files = _parsed()
    options = Options()
    views = [catalog_view(f) for f in files.values()]
    assert model_catalog(views, options) == model_catalog(list(files.values()), options)

    before = catalog_view(files["Customer.cs"])
    plain = "    /// <summary>New.</summary>\n    public int Visits { get; set; } = 3;\n\n"
    edited = textwrap.dedent(CUSTOMER).replace("    public Address Home", plain + "    public Address Home")
    assert catalog_view(parse_file("Customer.cs", edited.encode())) == before
    stored = "public Address Work { get; set; }\n    public Address Home"
    edited = textwrap.dedent(CUSTOMER).replace("public Address Home", stored)
    assert catalog_view(parse_file("Customer.cs", edited.encode())) != before


def test_catalog_view_drops_only_positions_docs_and_defaults() -> None:
    """Views are built field by field (for speed): a field added to the syntax later must reach the
    catalog, not silently take its default."""
    source = CUSTOMER.replace("public Address Home", '[DynamoDBProperty("home")] public Address? Home')
    original = parse_file("Customer.cs", ("#nullable enable\n" + textwrap.dedent(source)).encode())
    (decl,), (view,) = original.types, catalog_view(original).types
    assert [m.name for m in view.members] == ["Id", "Home"]
    for member, seen in zip(decl.members, view.members):
        _assert_same_but(seen, member, {"location", "initializer", "doc", "attributes"})
        assert len(seen.attributes) == len(member.attributes)
        for attribute, seen_attribute in zip(member.attributes, seen.attributes):
            _assert_same_but(seen_attribute, attribute, {"location"})
    assert view.members[1].nullable_context is True  # a non-default value in every kept field


def _assert_same_but(view: Any, original: Any, dropped: Set[str]) -> None:
    for field in fields(original):
        if field.name not in dropped:
            assert getattr(view, field.name) == getattr(original, field.name), field.name


def _dedented(sources: Dict[str, str]) -> Dict[str, bytes]:
    return {path: textwrap.dedent(text).encode() for path, text in sources.items()}


def _parsed_all(contents: Dict[str, bytes]) -> Dict[str, FileSyntax]:
    return {path: parse_file(path, content) for path, content in contents.items()}


def test_the_parts_of_a_partial_class_depend_on_each_other() -> None:
    """Per-file generation of `Foo.cs` must see the members other files add to `partial class Foo`."""
    main = """
        using Amazon.DynamoDBv2.DataModel;
        namespace Acme.Data;
        [DynamoDBTable("foos")]
        public partial class Foo
        {
            [DynamoDBHashKey("id")]
            public string Id { get; set; }
        }
    """
    extra = "namespace Acme.Data;\npublic partial class Foo\n{\n    public int Count { get; set; }\n}\n"
    contents = _dedented({"Foo.cs": main, "Foo.Extra.cs": extra})
    files = _parsed_all(contents)
    index = build_symbol_index(files.values())
    assert referenced_files(files["Foo.cs"], index) == ("Foo.Extra.cs",)
    assert referenced_files(files["Foo.Extra.cs"], index) == ("Foo.cs",)
    extract_checked_per_file(contents, Options())


TASK = """
    using Amazon.DynamoDBv2.DataModel;
    using Flag = Acme.Flags.Marker;
    namespace Acme.Data;
    [DynamoDBTable("tasks")]
    public class Task
    {
        [DynamoDBHashKey("id")]
        public string Id { get; set; }
        public Status State { get; set; }
        public Flag Mark { get; set; }
    }
"""


def test_global_usings_and_aliases_reach_per_file_generation() -> None:
    """`Status` is ambiguous but for a `global using` in another file; `Flag` is a local alias."""
    contents = _dedented(
        {
            "Task.cs": TASK,
            "Usings.cs": "global using Acme.Enums;\n",
            "Status.cs": "namespace Acme.Enums;\npublic enum Status { Active, Done }\n",
            "OtherStatus.cs": "namespace Acme.Other;\npublic enum Status { X, Y }\n",
            "Marker.cs": "namespace Acme.Flags;\npublic enum Marker { On, Off }\n",
        }
    )
    files = _parsed_all(contents)
    index = build_symbol_index(files.values())
    assert referenced_files(files["Task.cs"], index) == ("Marker.cs", "Status.cs", "Usings.cs")
    assert "Usings.cs" in referenced_files(files["Marker.cs"], index)  # global usings reach every file
    extract_checked_per_file(contents, Options())
    [task] = models_per_file(contents, Options())["Task.cs"]
    [state] = [a for a in task.attributes if a.property == "State"]
    assert state.type.ref == "Acme.Enums.Status"


def test_a_class_stored_by_v1_and_v2_tables_is_warned_about_at_its_position() -> None:
    """Only the whole tree shows the conflict, so the catalog carries the warning, positioned."""
    v1_table = CUSTOMER.replace('"customers", Conversion = DynamoDBEntryConversion.V2', '"legacy"')
    v1_table = v1_table.replace("class Customer", "class LegacyCustomer")
    contents = _dedented({"Address.cs": ADDRESS, "Customer.cs": CUSTOMER, "Legacy.cs": v1_table})
    catalog = model_catalog([catalog_view(f) for f in _parsed_all(contents).values()], Options())
    assert catalog.conversions["Acme.Data.Address"] == "V1"  # the option's default, as the whole tree says
    assert [d.render() for d in catalog.warnings] == [
        "Address.cs:4:14: warning: Address is stored by tables with different conversion schemas; described as V1"
    ]
    assert list(catalog.warnings) == [d for d in extract(contents, Options()).diagnostics if d.severity == "warning"]
    assert catalog.restricted_to(["Acme.Data.Address"]).warnings == ()


def test_a_name_no_using_makes_visible_is_guessed_only_where_may_guess_allows() -> None:
    """Without a `using` of its namespace the type is still found (a `using` the project file adds is
    invisible here), unless a build tool restricts the guess (to the same .NET project's files)."""
    contents = _dedented({
        "Billing/Invoice.cs": "namespace Billing.Data;\npublic class Invoice : AuditedModel { }\n",
        "Acme/AuditedModel.cs": "namespace Acme.Common;\npublic abstract class AuditedModel { }\n",
        "Billing/Seen.cs": "using Acme.Common;\nnamespace Billing.Data;\npublic class Seen : AuditedModel { }\n",
    })
    files = _parsed_all(contents)
    index = build_symbol_index(files.values())
    assert referenced_files(files["Billing/Invoice.cs"], index) == ("Acme/AuditedModel.cs",)
    same_project = lambda path: path.startswith("Billing/")  # noqa: E731
    assert referenced_files(files["Billing/Invoice.cs"], index, same_project) == ()
    # A visible type (a `using`) is found wherever it lives.
    assert referenced_files(files["Billing/Seen.cs"], index, same_project) == ("Acme/AuditedModel.cs",)


def test_merged_catalogs_hold_the_facts_of_each() -> None:
    """Two services' catalogs, each computed with its own default conversion, merged for one closure."""
    acme_files = _parsed_all(_dedented({"Address.cs": ADDRESS, "Customer.cs": CUSTOMER}))
    acme = model_catalog([catalog_view(f) for f in acme_files.values()], Options())
    invoice = "using Amazon.DynamoDBv2.DataModel;\nnamespace Billing.Data;\n[DynamoDBTable(\"invoices\")]\n"
    invoice += "public class Invoice { [DynamoDBHashKey(\"id\")] public string Id { get; set; } }\n"
    billing = model_catalog([catalog_view(parse_file("Invoice.cs", invoice.encode()))], Options(conversion="V2"))
    assert merged_catalogs([acme]) is acme
    merged = merged_catalogs([acme, billing])
    assert merged.conversions == {"Acme.Data.Address": "V2", "Acme.Data.Customer": "V2", "Billing.Data.Invoice": "V2"}
    assert merged.stored_as_value == {"Acme.Data.Address"}
    assert merged.used_by_models == acme.used_by_models | billing.used_by_models
    assert merged.tables == {"Acme.Data.Customer": "customers", "Billing.Data.Invoice": "invoices"}
