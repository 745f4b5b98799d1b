"""resolve: a syntax error (or an unterminated `#if`) never drops or changes a model silently.

What error recovery lost or may have changed is an error when the models need it (a type or
member carrying DynamoDB attributes, a member of a model, a model, an enum a model stores, a
converter or constants class a model uses), located and naming what was lost; `--lenient`
turns these into warnings. Syntax errors in what no model needs stay warnings.
"""

from __future__ import annotations

import io
import os
import tempfile
from typing import Dict, List, Tuple

from schema_sync.cli import main
from schema_sync.options import Options
from schema_sync.tests.model_fixtures import DATA_DIR, fixture_sources
from schema_sync.tests.snippets import messages, resolved_per_file, schema_of, table


def run_cli(files: Dict[str, bytes], *options: str) -> Tuple[int, str, List[str]]:
    with tempfile.TemporaryDirectory() as root:
        for name, content in files.items():
            path = os.path.join(root, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(content)
        cwd = os.getcwd()
        os.chdir(root)
        try:
            stdout, stderr = io.StringIO(), io.StringIO()
            code = main(["extract", *options, DATA_DIR], stdout, stderr)
        finally:
            os.chdir(cwd)
    return code, stdout.getvalue(), stderr.getvalue().splitlines()


def fixture_with(path: str, old: bytes, new: bytes) -> Dict[str, bytes]:
    sources = fixture_sources()
    assert sources[path].count(old) == 1, old
    sources[path] = sources[path].replace(old, new)
    return sources


def test_a_missing_closing_brace_is_an_error_naming_the_lost_model() -> None:
    """The issue's case: the goals table vanished and `generate` wrote everything else."""
    goal = fixture_sources()["Data/GoalDataModel.cs"]
    last = goal.rstrip().rindex(b"}")
    files = {**fixture_sources(), "Data/GoalDataModel.cs": goal[:last] + goal[last + 1 :]}
    code, out, err = run_cli(files)
    assert (code, out) == (1, "")
    errors = [line for line in err if ": error: " in line]
    assert errors == [
        "Data/GoalDataModel.cs:14:14: error: a syntax error loses class GoalDataModel, which carries "
        "[DynamoDBTable], [DynamoDBHashKey], [DynamoDBGlobalSecondaryIndexHashKey], [DynamoDBProperty] and 3 more, "
        "derived from model BaseDataModel (hint: fix the syntax: what was lost would be missing from the "
        "generated code)"
    ]
    code, out, err = run_cli(files, "--lenient")
    assert code == 0 and out
    assert any(": warning: a syntax error loses class GoalDataModel" in line for line in err)


def test_an_unterminated_if_hiding_a_model_is_an_error() -> None:
    files = fixture_with("Data/GoalDataModel.cs", b"[DynamoDBTable(", b"#if DEBUG\n[DynamoDBTable(")
    code, _, err = run_cli(files)
    assert code == 1
    assert any(
        line.startswith("Data/GoalDataModel.cs:15:14: error: the unterminated #if on line 13 loses class GoalDataModel")
        for line in err
    ), err


def test_an_unterminated_comment_or_verbatim_string_swallowing_declarations_is_an_error() -> None:
    """What an unterminated `/*` or `@"` swallows to the end of the file is lost, not commented out."""
    for opening in (b"/*", b'@"'):
        files = fixture_with("Data/GoalDataModel.cs", b"[DynamoDBTable(", opening + b"\n[DynamoDBTable(")
        code, _, err = run_cli(files)
        assert code == 1, (opening, err)
        assert any(": error: a syntax error loses " in line for line in err), err
    enum = schema_of(table("public string Name { get; set; }"), "/* namespace App.Data; public enum Kind { A, B }")
    assert any("enum Kind" in m for m in messages(enum)), messages(enum)  # an error, not a silent loss


def test_an_unclosed_quote_does_not_hide_a_declaration_on_its_line() -> None:
    """`'(    public enum Kind` (recovery reads `enum` as an identifier): the scan of the text must
    still see the header after an unclosed char or string quote, and a closed literal still hides
    what is inside it."""
    for opening in (b"'(", b'"(', b"'\\u00"):
        enum = b"    public enum Kind : byte\n    {\n        A = 1,\n    }\n"
        source = b"namespace App.Data\n{\n" + opening + enum + b"}\n"
        files = {**fixture_sources(), "Data/Kind.cs": source}
        code, _, err = run_cli(files)
        assert code == 1, (opening, err)
        errors = [line for line in err if line.startswith("Data/Kind.cs:") and ": error: " in line]
        assert any("enum Kind" in line for line in errors), (opening, err)  # lost, or read but maybe changed
    closed = schema_of(table("public string Name { get; set; } = \"enum Kind\"; public char C { get; set; } = '\\'';"))
    assert messages(closed) == []


def test_a_member_lost_inside_a_model_is_an_error() -> None:
    schema = schema_of(
        table(
            """
            public string Kept { get; set;
            [DynamoDBProperty("x")] public int X { get; set; }
            """
        )
    )
    errors = messages(schema)
    assert "a syntax error loses the attribute [DynamoDBProperty], in model Item" in errors
    assert any(m.startswith("a syntax error can change class Item, a DynamoDB model") for m in errors)


def test_a_syntax_error_in_or_around_a_model_is_an_error() -> None:
    # A brace too many ends the class early: `DueDate` loses its setter, so it is not stored.
    files = fixture_with("Data/KpiTarget.cs", b"DueDate { get; set; }", b"DueDate { }}get; set; }")
    code, _, err = run_cli(files)
    assert code == 1
    assert [line for line in err if ": error: " in line] == [
        "Data/KpiTarget.cs:26:34: error: a syntax error can change class KpiTarget, a DynamoDB model: what was read "
        "of it may be incomplete (hint: fix the syntax: what was lost would be missing from the generated code)"
    ]


def test_a_broken_namespace_is_an_error_for_the_models_and_enums_after_it() -> None:
    files = fixture_with("Data/Enums/GoalStatus.cs", b"namespace PpApi.Data.Enums;", b"namespace PpApi.}Data.Enums;")
    code, _, err = run_cli(files)
    assert code == 1
    assert any("error: a syntax error can change enum GoalStatus, an enum DynamoDB models store" in e for e in err)


def test_a_broken_converter_or_constants_class_that_models_use_is_an_error() -> None:
    converter = "Data/Converters/DateTimeOffsetConverter.cs"
    lost = fixture_with(converter, b"public sealed class DateTimeOffsetConverter", b"pud class DateTimeOffsetConverter")
    code, _, err = run_cli(lost)
    assert code == 1
    assert any("error: a syntax error loses class DateTimeOffsetConverter, which DynamoDB models use" in e for e in err)
    changed = fixture_with(converter, b"if (string.IsNullOrEmpty(text))", b"if (string.IsNullOrEmpty(text)))")
    code, _, err = run_cli(changed)
    assert code == 1
    assert any("a syntax error can change class DateTimeOffsetConverter, which DynamoDB models use" in e for e in err)


def test_syntax_errors_no_model_needs_stay_warnings() -> None:
    schema = schema_of(
        table("public string Name { get; set; }"),
        "namespace App.Other; public class Helper { public int M() { return 1; } int Y = ; }",
        "namespace App.Other; public class Unclosed { public int X { get; set; }",
    )
    assert messages(schema) == []
    assert any(m.startswith("syntax error") for m in messages(schema, "warning"))


def test_a_dynamodb_attribute_on_a_record_parameter_without_target_is_flagged() -> None:
    schema = schema_of(
        """
        using Amazon.DynamoDBv2.DataModel;
        namespace App.Data;
        [DynamoDBTable("items")]
        public record Item([DynamoDBHashKey] string Id, [property: DynamoDBRangeKey] string Sort)
        {
            public Item() : this("", "") { }
        }
        """
    )
    assert [
        (w, d.line, d.col, d.hint)
        for d in schema.diagnostics
        for w in [d.message]
        if "positional parameter" in w
    ] == [
        (
            "[DynamoDBHashKey] on Item's positional parameter Id applies to the constructor parameter, which the SDK "
            "does not read",
            5,
            21,
            "write [property: DynamoDBHashKey]",
        )
    ]


def test_a_broken_enum_is_an_error_even_when_no_model_stores_it() -> None:
    """Every enum of the inputs is in the IR (a build tool generates each file's own)."""
    schema = schema_of(
        table("public string Name { get; set; }"),
        "namespace App.Data; public enum Unused { A, B = , C }",
        "namespace App.Data; public enum Lost { X, Y",
    )
    assert [(m.split(":")[0]) for m in messages(schema)] == [
        "a syntax error can change enum Unused, an enum of the generated code",
        "a syntax error loses enum Lost, an enum of the generated code",
    ]


def test_a_files_own_resolve_knows_what_the_models_of_other_files_use() -> None:
    """The build tool resolves KpiTarget.cs from its own closure: the model storing KpiTarget is
    in another file, which the whole tree's catalog has read."""
    sources = fixture_sources()
    broken = {**sources, "Data/KpiTarget.cs": sources["Data/KpiTarget.cs"][:400]}
    own = resolved_per_file(broken, Options())["Data/KpiTarget.cs"]
    assert [d.message for d in own.errors] == ["a syntax error loses class KpiTarget, which DynamoDB models use"]
