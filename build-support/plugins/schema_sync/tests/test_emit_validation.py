"""Whether an IR may be emitted is decided by `emit.validation.checked_index`, which every entry
point that emits or locks calls, and reported all at once, each problem at the declaration it is
about; `IRIndex` itself only looks things up."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Dict

import pytest

from schema_sync.emit.cloudformation import emit_cloudformation, template_data
from schema_sync.emit.errors import EmitError, Problem
from schema_sync.emit.index import IRIndex
from schema_sync.emit.jsonschema import emit_jsonschema
from schema_sync.emit.outputs import generate
from schema_sync.emit.python import emit_python
from schema_sync.emit.typescript import emit_typescript
from schema_sync.emit.validation import checked_index
from schema_sync.extract import extract
from schema_sync.ir import SchemaIR
from schema_sync.lock import lock_of
from schema_sync.options import Options

HEADER = "using Amazon.DynamoDBv2.DataModel;\nnamespace App.Data;\n"
BASE = """public abstract class Owned
{
    [DynamoDBProperty(Names.Owner)] public string OwnerId { get; set; }
}
"""
ITEM = """[DynamoDBTable("items")]
public class Item : Owned
{
    [DynamoDBHashKey("id")] public string Id { get; set; }
    public double Ratio { get; set; } = 1e300;
}
"""
OTHER = """[DynamoDBTable("others")]
public class Other : Owned
{
    [DynamoDBHashKey("id")] public string Id { get; set; }
}
"""
# Every public function that emits or locks a whole IR.
ENTRY_POINTS: Dict[str, Callable[[SchemaIR, Options], Any]] = {
    "emit_python": emit_python, "emit_typescript": emit_typescript, "emit_jsonschema": emit_jsonschema,
    "emit_cloudformation": emit_cloudformation, "template_data": template_data, "lock_of": lock_of,
    "generate": generate,
}


def lenient_ir() -> SchemaIR:
    """What lenient extraction reads: `Names.Owner` is declared in no source, so the base's stored name
    is unresolved (in both subclasses), and Item's default is no DynamoDB number."""
    files = {f"src/{name}.cs": (HEADER + text).encode() for name, text in
             (("Owned", BASE), ("Item", ITEM), ("Other", OTHER))}
    ir = extract(files, Options())
    return replace(ir, diagnostics=())  # past the errors: what `--lenient` hands on


def problems_of(call: Callable[[], Any]) -> Any:
    with pytest.raises(EmitError) as raised:
        call()
    return raised.value.problems


def test_the_index_only_looks_up() -> None:
    ir = lenient_ir()
    index = IRIndex(ir)  # no refusal here: the entry points decide
    assert index.files() == ["src/Item.cs", "src/Other.cs", "src/Owned.cs"]
    assert index.base_of(index.models["App.Data.Item"]) is index.models["App.Data.Owned"]


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_every_entry_point_refuses_what_must_not_be_emitted(entry: str) -> None:
    assert problems_of(lambda: ENTRY_POINTS[entry](lenient_ir(), Options())) == EXPECTED


EXPECTED = (
    Problem("src/Item.cs", 7, 19, "Item.Ratio: default 1e300 is outside DynamoDB's number range "
                                 "(1E-130 to 9.99...E+125 in magnitude)"),
    # At the base's declaration, once, although both subclasses inherit it.
    Problem("src/Owned.cs", 5, 51, "Owned.OwnerId: the stored name `Names.Owner` could not be resolved: add the file "
                                  "that declares it to the sources"),
)


def test_every_problem_is_reported_at_once_at_its_declaration() -> None:
    ir = lenient_ir()
    assert problems_of(lambda: checked_index(ir)) == EXPECTED
    assert str(EmitError(*EXPECTED)).splitlines() == [f"{p.path}:{p.line}:{p.col}: {p.message}" for p in EXPECTED]


def test_an_emittable_ir_is_checked_once_per_index() -> None:
    ir = replace(lenient_ir(), models=())
    index = checked_index(ir)
    assert checked_index(ir) is index  # the emitters of one run share the index and its verdict
    assert index.memoised("emittable", None, lambda: False) is True
