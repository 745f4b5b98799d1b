"""`EmitError` carries each problem's position as data (`Problem`): every refusal of C# input names
the file it is about, the command line prints every problem as `file:line:col: error: message`
whatever the command, and an error survives the trip from a forked worker."""

from __future__ import annotations

import io
import pickle
import re
from dataclasses import replace
from pathlib import Path
from typing import Callable, Dict, List, Tuple

import pytest

from schema_sync.cli import main
from schema_sync.emit.errors import EmitError, Problem
from schema_sync.emit.outputs import generate
from schema_sync.extract import extract
from schema_sync.ir import Diagnostic, SchemaIR
from schema_sync.options import Options

HEADER = "using Amazon.DynamoDBv2.DataModel;\nnamespace App.Data;\n"


def table(body: str = "", lsis: int = 0) -> str:
    indexes = "".join(f'    [DynamoDBLocalSecondaryIndexRangeKey("lsi-{i}")] public string A{i} {{ get; set; }}\n'
                      for i in range(lsis))
    keys = ('    [DynamoDBHashKey("id")] public string Id { get; set; }\n'
            '    [DynamoDBRangeKey("sort")] public string Sort { get; set; }\n')
    return f'[DynamoDBTable("items")]\npublic class Item\n{{\n{keys}{indexes}{body}}}\n'


TOO_BIG = "    public double Big { get; set; } = 1e300;\n    public double Small { get; set; } = 1e-300;\n"


def ir_of(files: Dict[str, str]) -> SchemaIR:
    return extract({path: (HEADER + text).encode() for path, text in files.items()}, Options())


def refusal(ir: SchemaIR) -> Tuple[Problem, ...]:
    with pytest.raises(EmitError) as raised:
        generate(ir, Options())
    return raised.value.problems


def run(*argv: str) -> Tuple[int, List[str]]:
    stderr = io.StringIO()
    code = main(list(argv), io.StringIO(), stderr)
    return code, stderr.getvalue().splitlines()


# Every kind of refusal of C# input: each problem names a file of the input.
REFUSALS: Dict[str, Callable[[], SchemaIR]] = {
    "extraction errors": lambda: replace(ir_of({"src/A.cs": table()}),
                                         diagnostics=(Diagnostic("error", "bad", "src/A.cs", 1, 2),)),
    "an unresolved stored name": lambda: replace(
        ir_of({"src/A.cs": table('    [DynamoDBProperty(Names.X)] public string X { get; set; }\n')}), diagnostics=()),
    "numbers DynamoDB cannot store": lambda: ir_of({"src/A.cs": table(TOO_BIG)}),
    "table limits": lambda: ir_of({"src/A.cs": table(lsis=6)}),
    "outputs of one name": lambda: ir_of({f"src/{name}.cs": f"public enum {name} {{ A }}\n"
                                          for name in ("Color", "color", "COLOR")}),
}


@pytest.mark.parametrize("kind", sorted(REFUSALS))
def test_every_refusal_of_csharp_input_names_the_file(kind: str) -> None:
    ir = REFUSALS[kind]()
    problems = refusal(ir)
    assert problems and all(p.path in {s.path for s in ir.sources} for p in problems), problems


def test_every_file_whose_outputs_would_collide_is_reported() -> None:
    problems = refusal(REFUSALS["outputs of one name"]())
    assert [(p.path, p.line) for p in problems] == [("src/Color.cs", 0), ("src/color.cs", 0)]
    assert all("output name 'src_color' is already used by src/COLOR.cs" in p.message for p in problems)


def test_every_problem_is_printed_with_its_position(tmp_path: Path) -> None:
    source = tmp_path / "Item.cs"
    source.write_text(HEADER + table(TOO_BIG))
    code, lines = run("generate", "--out", str(tmp_path / "out"), str(source))
    assert code == 1 and not (tmp_path / "out").exists()
    assert [re.sub(r"default .*", "", line) for line in lines] == [
        f"{source}:8:19: error: Item.Big: ", f"{source}:9:19: error: Item.Small: "]


def test_check_lock_points_a_refusal_at_the_csharp_source_not_at_the_lock(tmp_path: Path) -> None:
    source, lock = tmp_path / "Item.cs", tmp_path / "schema.lock.json"
    source.write_text(HEADER + table())
    assert run("lock", "--out", str(lock), str(source))[0] == 0
    source.write_text(HEADER + table(lsis=6))
    code, lines = run("check-lock", "--lock", str(lock), str(source))
    assert code == 1 and lines == [f"{source}:4:14: error: Item: 6 local secondary indexes (lsi-0, lsi-1, lsi-2, "
                                   "lsi-3, lsi-4, lsi-5): DynamoDB allows at most 5 per table"]


def test_a_problem_without_a_position_reads_as_an_error() -> None:
    assert EmitError("the output directory is empty").render() == "error: the output directory is empty"
    assert Problem("src/A.cs", 0, 0, "renamed").render() == "src/A.cs: error: renamed"
    assert str(EmitError(Problem("src/A.cs", 3, 4, "bad"), "worse")) == "src/A.cs:3:4: bad\nworse"


def test_an_error_survives_pickling() -> None:
    """A forked worker sends its failure to the parent pickled (`forked.run_forked`)."""
    error = EmitError(Problem("src/A.cs", 3, 4, "bad"), "worse")
    back = pickle.loads(pickle.dumps(error))
    assert isinstance(back, EmitError) and back.problems == error.problems and str(back) == str(error)
