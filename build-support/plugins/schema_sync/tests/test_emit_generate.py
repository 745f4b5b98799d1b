"""generate() over all emitters, all-or-nothing writes, and the `generate` CLI subcommand."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from schema_sync.cli import main
from schema_sync.emit.cloudformation import emit_cloudformation
from schema_sync.emit.errors import EmitError, Problem
from schema_sync.emit.jsonschema import emit_jsonschema
from schema_sync.emit.outputs import generate, write_tree
from schema_sync.emit.python import emit_python
from schema_sync.emit.typescript import emit_typescript
from schema_sync.ir import Diagnostic, SchemaIR
from schema_sync.options import Options
from schema_sync.tests import ir_fixtures as fx
from schema_sync.tests.model_fixtures import DATA_DIR, FIXTURES, fixture_ir, fixture_sources
from schema_sync.tests.snippets import resolved_per_file
from schema_sync.tests.test_output_dir import read_output_dir


def test_generate_covers_all_four_outputs_deterministically() -> None:
    files = generate(fx.kitchen_sink(), Options())
    assert {path.split("/", 1)[0] for path in files} == {"python", "cloudformation", "typescript", "jsonschema"}
    assert "python/pp_api_models/everything.py" in files and "cloudformation/tables.yaml" in files
    assert list(files) == sorted(files)
    assert files == generate(fx.kitchen_sink(), Options())


def test_schema_errors_generate_nothing() -> None:
    ir = fx.kitchen_sink()
    broken = SchemaIR(ir.models, ir.enums, (Diagnostic("error", "bad", "a.cs", 1, 2),), ir.sources)
    with pytest.raises(EmitError) as raised:
        generate(broken, Options())
    assert raised.value.problems == (Problem("a.cs", 1, 2, "bad"),)
    assert raised.value.render() == "a.cs:1:2: error: bad"


def test_write_tree_writes_nothing_on_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(str(out), {"python/a.py": b"1"})
    with pytest.raises(EmitError, match="outside"):
        write_tree(str(out), {"python/a.py": b"2", "python/../../escape.py": b"x"})
    assert (out / "python/a.py").read_bytes() == b"1"
    assert not (tmp_path / "escape.py").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_cli_generate_writes_what_generate_returns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)  # so the CLI sees the same relative paths as fixture_ir()
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["generate", "--out", str(tmp_path / "gen"), DATA_DIR], stdout, stderr)
    assert code == 0, stderr.getvalue()
    expected = generate(fixture_ir(), Options())
    assert read_output_dir(tmp_path / "gen") == expected


def test_cli_generate_options(tmp_path: Path) -> None:
    code = main(["generate", "--out", str(tmp_path), "--package", "acme_models", "--conversion", "V2",
                 "--table-name-template", "acme-{table}-${Stage}", str(FIXTURES / DATA_DIR)], io.StringIO(),
                io.StringIO())
    assert code == 0
    goal = (tmp_path / "python/acme_models/goal_data_model.py").read_text()
    assert "CONVERSION: ClassVar[str] = 'V2'" in goal
    assert "TableName: !Sub 'acme-goals-${Stage}'" in (tmp_path / "cloudformation/goals-table.yaml").read_text()


def test_cli_generate_failure_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "Bad.cs"
    source.write_text('[DynamoDBTable("")] public class Bad { [DynamoDBHashKey] public string Id { get; set; } }')
    stderr = io.StringIO()
    code = main(["generate", "--out", str(tmp_path / "gen"), str(source)], io.StringIO(), stderr)
    assert code == 1 and "error" in stderr.getvalue()
    assert not (tmp_path / "gen").exists()


def test_write_tree_failure_creates_no_output_directory(tmp_path: Path) -> None:
    with pytest.raises(EmitError):
        write_tree(str(tmp_path / "new"), {"/abs.py": b"x"})
    assert list(tmp_path.iterdir()) == []


def test_every_emitter_can_be_restricted_to_one_target_file() -> None:
    """What a Pants target generates is exactly its own file's share of the full output."""
    ir = fx.kitchen_sink()
    restricted = (emit_python, emit_cloudformation, emit_typescript, emit_jsonschema)
    for emitter in restricted:
        full = emitter(ir, Options())
        only_main = emitter(ir, Options(), only_files=[fx.MAIN_FILE])
        assert only_main and all(full[path] == text for path, text in only_main.items()), emitter.__name__
        assert emitter(ir, Options(), only_files=["other.cs"]) == {}, emitter.__name__  # a file without models
    assert sorted(emit_cloudformation(ir, Options(), only_files=[fx.MAIN_FILE])) == ["everything-table.yaml"]
    assert sorted(emit_typescript(ir, Options(), only_files=[fx.ENUM_FILE])) == ["color.ts"]


def test_per_file_generation_writes_what_the_whole_tree_writes() -> None:
    """The Pants plugin generates each file from its closure and the model catalog; every module
    and template it writes must be byte-identical to the whole-tree generation's."""
    options = Options()
    per_file = resolved_per_file(fixture_sources(), options)
    whole_ir = fixture_ir()
    for emit in (emit_python, emit_typescript, emit_cloudformation):
        whole = emit(whole_ir, options)
        for path, ir in per_file.items():
            for output, text in emit(ir, options, only_files=(path,)).items():
                assert text == whole[output], (emit.__name__, path, output)


def test_cli_generate_reports_a_located_emitter_error_like_a_diagnostic(tmp_path: Path) -> None:
    """A table without a hash key is only a warning to extract, but CloudFormation needs the key
    schema: generate refuses it as `file:line:col: error: ...` and writes nothing."""
    source = tmp_path / "Item.cs"
    source.write_text('[DynamoDBTable("items")]\npublic class Item { public string Name { get; set; } }\n')
    stderr = io.StringIO()
    assert main(["generate", "--out", str(tmp_path / "gen"), str(source)], io.StringIO(), stderr) == 1
    lines = stderr.getvalue().splitlines()
    assert lines[0].startswith(f"{source}:2:14: warning: table model Item has no [DynamoDBHashKey]")
    assert lines[1].startswith(f"{source}:2:14: error: table 'items' has no [DynamoDBHashKey]")
    assert not (tmp_path / "gen").exists()
