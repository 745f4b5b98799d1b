"""What DynamoDB or CloudFormation would refuse is refused at generation, each problem at its
`file:line:col`, all of them at once, and nothing is written (emit/limits.py)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from dynamo_test_server import client, deploy_stack, moto_server
from schema_sync.cli import main
from schema_sync.drift import compare_table, deployed_table, expected_tables
from schema_sync.emit.cloudformation import COMBINED_TEMPLATE, emit_cloudformation, template_data
from schema_sync.emit.errors import EmitError
from schema_sync.emit.limits import STAGE_MAX_LENGTH
from schema_sync.emit.outputs import generate
from schema_sync.extract import extract
from schema_sync.ir import SchemaIR
from schema_sync.options import Options

HEADER = "using System;\nusing System.Collections.Generic;\nusing Amazon.DynamoDBv2.DataModel;\nnamespace App.Data;\n"
TEMPLATE = "purposepath-{table}-${Stage}"
DEFAULTS = Options()


def schema(*bodies: str, options: Options = DEFAULTS) -> SchemaIR:
    files = {f"src/File{i}.cs": (HEADER + body).encode() for i, body in enumerate(bodies)}
    ir = extract(files, options)
    assert not ir.errors, ir.errors
    return ir


def table(body: str, name: str = "items", cls: str = "Item", range_key: bool = True) -> str:
    """A table class: hash key `id`, range key `sort` (unless not wanted), then `body` one member a line."""
    sort = '    [DynamoDBRangeKey("sort")] public string Sort { get; set; }\n' if range_key else ""
    return (f'[DynamoDBTable("{name}")]\npublic class {cls}\n{{\n'
            f'    [DynamoDBHashKey("id")] public string Id {{ get; set; }}\n{sort}{body}}}\n')


def member(name: str, attributes: str = "", type_: str = "string", default: str = "") -> str:
    initialiser = f" = {default};" if default else ""
    declared = f'[DynamoDBProperty("{name}")] public {type_} {_property(name)} {{ get; set; }}'
    return f"    {attributes}{declared}{initialiser}\n"


def _property(name: str) -> str:
    return "P" + re.sub(r"\W", "_", name)[:40] + str(abs(hash(name)) % 10_000)


def refused(ir: SchemaIR, options: Options = DEFAULTS) -> List[str]:
    """The problem lines of generation (every output: nothing is generated), each located."""
    with pytest.raises(EmitError) as raised:
        generate(ir, options)
    lines = str(raised.value).splitlines()
    assert all(re.match(r"^src/File\d+\.cs:\d+:\d+: ", line) for line in lines), lines
    return lines


def lsis(count: int) -> str:
    return "".join(member(f"a{i}", f'[DynamoDBLocalSecondaryIndexRangeKey("lsi-{i}")] ') for i in range(count))


def gsis(count: int) -> str:
    return "".join(member(f"g{i}", f'[DynamoDBGlobalSecondaryIndexHashKey("gsi-{i}")] ') for i in range(count))


def test_at_most_five_local_indexes() -> None:
    generate(schema(table(lsis(5))), Options())
    (line,) = refused(schema(table(lsis(6))))
    assert line.startswith("src/File0.cs:6:14: Item: ")  # the class declaration
    assert "6 local secondary indexes (lsi-0, lsi-1, lsi-2, lsi-3, lsi-4, lsi-5): DynamoDB allows at most 5" in line


def test_an_index_name_is_unique_across_global_and_local_indexes() -> None:
    body = member("a", '[DynamoDBLocalSecondaryIndexRangeKey("idx")] ') + member(
        "b", '[DynamoDBGlobalSecondaryIndexHashKey("idx")] ')
    (line,) = refused(schema(table(body)))
    assert "index name 'idx' is used by a global and a local secondary index" in line


def test_more_global_indexes_than_the_default_quota_is_a_note_in_the_template() -> None:
    """A quota an account can have raised: generated, with the limit said where the deploy reads."""
    within = emit_cloudformation(schema(table(gsis(20))), Options())["items-table.yaml"]
    beyond = emit_cloudformation(schema(table(gsis(21))), Options())
    assert "# note:" not in within
    note = "# note: table items: 21 global secondary indexes: DynamoDB's default quota is 20 per table"
    assert note in beyond["items-table.yaml"] and note in beyond[COMBINED_TEMPLATE]


@pytest.mark.parametrize("name", ["ab", "a b", "x" * 256, "idx;DROP"])
def test_index_names_dynamodb_refuses(name: str) -> None:
    (line,) = refused(schema(table(member("a", f'[DynamoDBGlobalSecondaryIndexHashKey("{name}")] '))))
    assert line.startswith("src/File0.cs:10:") and f"index name {name!r} is not a valid DynamoDB name" in line


def test_key_attribute_names_are_at_most_255_bytes() -> None:
    """255 bytes of UTF-8, not characters; other attributes may be longer (64 KB)."""
    fits, too_long = "é" * 127 + "x", "é" * 128  # 255 and 256 bytes
    body = member(fits, '[DynamoDBGlobalSecondaryIndexHashKey("by-fits")] ') + member("y" * 300)
    generate(schema(table(body)), Options())
    for index_attribute in ('[DynamoDBGlobalSecondaryIndexHashKey("by-long")] ',
                            '[DynamoDBGlobalSecondaryIndexRangeKey("by-a")] ',
                            '[DynamoDBLocalSecondaryIndexRangeKey("by-long")] '):
        extra = member("a", '[DynamoDBGlobalSecondaryIndexHashKey("by-a")] ') if "by-a" in index_attribute else ""
        (line,) = refused(schema(table(extra + member(too_long, index_attribute))))
        assert "is 256 bytes in UTF-8: DynamoDB allows 255" in line, line
    hash_key = table("").replace('[DynamoDBHashKey("id")]', f'[DynamoDBHashKey("{too_long}")]')
    assert "key attribute name" in refused(schema(hash_key))[0]


def test_the_deployed_name_fits_255_characters_with_the_longest_stage() -> None:
    """The rule: `{table}` applied, `${Stage}` at the Stage parameter's MaxLength, pseudo parameters at
    their longest. The templates declare that MaxLength, so every stage CloudFormation accepts fits."""
    room = 255 - len("purposepath--") - STAGE_MAX_LENGTH
    template = emit_cloudformation(schema(table("", name="t" * room)), Options())[COMBINED_TEMPLATE]
    assert f"MaxLength: {STAGE_MAX_LENGTH}" in template
    (line,) = refused(schema(table("", name="t" * (room + 1))))
    assert line.startswith("src/File0.cs:6:14: deployed table name 'purposepath-ttt")
    assert "can be 256 characters long, with ${Stage} at its maximum of 64" in line
    assert "shorten the table name by 1" in line
    region = Options(table_name_template="{table}-${AWS::Region}-${Stage}")  # the region counts 20 characters
    emit_cloudformation(schema(table("", name="t" * (255 - 2 - 20 - STAGE_MAX_LENGTH))), region)
    assert refused(schema(table("", name="t" * (256 - 2 - 20 - STAGE_MAX_LENGTH))), region)


def test_logical_ids_and_output_names_fit_255_characters() -> None:
    """`<LogicalId>Name` is the longest name CloudFormation gets from a table name (the table name
    without separators, plus `Table`, plus `Name`)."""
    options = Options(table_name_template="{table}")
    emit_cloudformation(schema(table("", name="t" * 246)), options)
    (line,) = refused(schema(table("", name="t" * 247)), options)
    assert "CloudFormation logical ID Tttt" in line and "is 256 characters long" in line


@pytest.mark.parametrize("template, problem", [
    ("{table}-${Stag}", "uses ${Stag}: the template defines no such parameter"),
    ("acme {table}-${Stage}", "holds characters DynamoDB refuses in a table name"),
    ("{table}-${!Literal}-${Stage}", "holds characters DynamoDB refuses in a table name"),  # `${Literal}`
])
def test_table_name_templates_dynamodb_refuses(template: str, problem: str) -> None:
    options = Options(table_name_template=template)
    (line,) = refused(schema(table("")), options)
    assert problem in line


@pytest.mark.parametrize("type_, default, problem", [
    ("decimal", "1.234567890123456789012345678901234567891m", "has 40 significant digits"),
    ("decimal", "123456789012345678901234567890123456789m", "has 39 significant digits"),
    ("double", "1e200", "outside DynamoDB's number range"),
    ("double", "1e-131", "outside DynamoDB's number range"),
    ("decimal?", "0.000000000000000000000000000000000000000000001234567890123456789012345678901234567890m",
     "has 39 significant digits"),
])
def test_numeric_defaults_dynamodb_cannot_store(type_: str, default: str, problem: str) -> None:
    """Every output refuses them, table or not: the generated codec would write the default as N."""
    plain = f"public class Plain\n{{\n{member('n', type_=type_, default=default)}}}\n"
    (line,) = refused(schema(plain))
    assert line.startswith("src/File0.cs:7:") and problem in line, line


@pytest.mark.parametrize("default", ["12345678901234567890123456789012345678m", "1.5e125", "1e-130", "0.0000m",
                                     "1000000000000000000000000000000000000000000000000000000"])
def test_numeric_defaults_within_the_limits(default: str) -> None:
    type_ = "decimal" if default.endswith("m") else "double"
    generate(schema(table(member("n", type_=type_, default=default))), Options())


def test_models_sharing_a_table_disagree_at_each_location() -> None:
    other = table("", cls="Other").replace('[DynamoDBHashKey("id")]', '[DynamoDBHashKey("other_id")]')
    lines = refused(schema(table(""), other))
    assert lines == ["src/File1.cs:6:14: models stored in table 'items' disagree: Other and Item (src/File0.cs:6:14) "
                     "on hash key: other_id (S) vs id (S)"]


def test_every_problem_is_reported_at_once() -> None:
    """Items first (every output writes them), then tables: all of each at once."""
    plain = f"public class Plain\n{{\n{member('n', type_='double', default='1e300')}}}\n"
    items = refused(schema(plain, plain.replace("Plain", "Other"), table(lsis(6))))
    assert [line.split(":")[0] for line in items] == ["src/File0.cs", "src/File1.cs"]
    tables = refused(schema(table(lsis(6)), table("", name="ab", cls="Short"), table("", name="c d", cls="Third")))
    assert [line.split(":")[0] for line in tables] == ["src/File0.cs", "src/File1.cs", "src/File2.cs"]


def test_the_cli_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    source = tmp_path / "src" / "Item.cs"
    source.parent.mkdir()
    source.write_text(HEADER + table(lsis(6)))
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["generate", "--out", str(tmp_path / "out"), str(source)], stdout, stderr)
    assert code == 1 and not (tmp_path / "out").exists()
    assert re.match(rf"^{re.escape(str(source))}:6:14: error: Item: 6 local secondary indexes", stderr.getvalue())


# -- `${` in C# text: cfn-lint reads it as a variable outside `Fn::Sub` ------------------------------


def _lint(text: str) -> List[str]:
    from cfnlint.api import ManualArgs, lint

    return [str(match) for match in lint(text, config=ManualArgs(regions=["us-east-1"]))]


VARIABLES = ["${Stage}", "x${AWS::Region}y", "${ItemsTable}", "${ItemsTable.Arn}", "a${b", "${!Stage}", "$${Stage}}"]


def every_key_slot(name: str) -> SchemaIR:
    """`name` as the stored name of an attribute in each role the template names: table hash and
    range key, GSI hash and range key, LSI range key (each a different attribute: suffixes)."""
    source = table(
        member(f"{name}1", '[DynamoDBGlobalSecondaryIndexHashKey("by-g")] ')
        + member(f"{name}2", '[DynamoDBGlobalSecondaryIndexRangeKey("by-g")] ')
        + member(f"{name}3", '[DynamoDBLocalSecondaryIndexRangeKey("by-l")] ')
    ).replace('"id"', f'"{name}4"').replace('"sort"', f'"{name}5"')
    return schema(source.replace("\\", "\\\\"))


def _strings_outside_sub(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key != "Fn::Sub":
                yield from _strings_outside_sub(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings_outside_sub(item)
    elif isinstance(data, str) and type(data).__name__ != "Sub":
        yield data


@pytest.mark.parametrize("name", VARIABLES)
def test_c_sharp_text_never_reads_as_a_variable(name: str) -> None:
    """Wherever C# text lands in a template, no string outside `Fn::Sub` holds `${` (the class of
    E1029), and cfn-lint has nothing to say."""
    ir = every_key_slot(name)
    data = template_data(ir, Options())
    assert [text for text in _strings_outside_sub(data) if "${" in text] == []
    assert _lint(emit_cloudformation(ir, Options())[COMBINED_TEMPLATE]) == []


@pytest.mark.parametrize("template", ["{table}", "{table}-prod", "{table}-${AWS::Region}", TEMPLATE])
def test_table_name_templates_pass_cfn_lint(template: str) -> None:
    """A name without variables is plain text (a `!Sub` of nothing is W1020) and a template without
    `${Stage}` declares no Stage parameter (an unused one is W2001)."""
    text = emit_cloudformation(schema(table("")), Options(table_name_template=template))[COMBINED_TEMPLATE]
    assert _lint(text) == []
    assert ("Stage:" in text) == ("${Stage}" in template)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with moto_server() as url:
        yield url


def test_deployed_attribute_names_are_the_c_sharp_text(endpoint: str) -> None:
    """CloudFormation (moto's) creates the table with the literal names, and drift sees no difference."""
    ir = every_key_slot("${Stage}")
    deploy_stack(endpoint, "variables", emit_cloudformation(ir, Options())[COMBINED_TEMPLATE], "test")
    dynamodb = client("dynamodb", endpoint)
    described = dynamodb.describe_table(TableName="purposepath-items-test")["Table"]
    names: Dict[str, str] = {d["AttributeName"]: d["AttributeType"] for d in described["AttributeDefinitions"]}
    assert sorted(names) == [f"${{Stage}}{i}" for i in range(1, 6)]
    want = expected_tables(ir, Options(), "test")["purposepath-items-test"]
    deployed = deployed_table(dynamodb, "purposepath-items-test")
    assert [d.message for d in compare_table("purposepath-items-test", want, deployed)
            if "point-in-time" not in d.message] == []
