"""`python -m schema_sync extract`: JSON on stdout, diagnostics on stderr, exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

import pytest

import schema_sync
from schema_sync.cli import main
from schema_sync.ir import IR_VERSION, schema_from_json

GOOD = """
namespace App;
[DynamoDBTable("items")]
public class Item
{
    [DynamoDBHashKey("id")] public string Id { get; set; }
    public bool Flag { get; set; }
}
"""
BAD = """
namespace App;
[DynamoDBTable("bad")]
public class Bad
{
    [DynamoDBHashKey] public DateTimeOffset When { get; set; }
}
"""


def run(*argv: str) -> Tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "models" / "sub").mkdir(parents=True)
    (tmp_path / "models" / "Item.cs").write_text(GOOD)
    (tmp_path / "models" / "sub" / "Other.cs").write_text("namespace App; public enum E { A }")
    (tmp_path / "models" / "notes.txt").write_text("not C#")
    return tmp_path


def test_extract_prints_the_ir(tree: Path) -> None:
    code, out, err = run("extract", "models")
    assert (code, err) == (0, "")
    schema = schema_from_json(out)
    assert [m.name for m in schema.models] == ["Item"]
    assert [s.path for s in schema.sources] == ["models/Item.cs", "models/sub/Other.cs"]
    assert json.loads(out)["ir_version"] == IR_VERSION


def test_conversion_option(tree: Path) -> None:
    for conversion, storage in (("V1", "N"), ("V2", "BOOL")):
        _, out, _ = run("extract", "--conversion", conversion, "models/Item.cs")
        flag = schema_from_json(out).model("Item").attributes[1]
        assert flag.storage == storage


def test_strict_mode_fails_with_located_diagnostics_and_no_output(tree: Path) -> None:
    (tree / "models" / "Bad.cs").write_text(BAD)
    code, out, err = run("extract", "models")
    assert (code, out) == (1, "")
    lines: List[str] = err.splitlines()
    assert lines and all(line.startswith("models/Bad.cs:6:") for line in lines)
    assert any(": error: When: DateTimeOffset has no converter" in line and "(hint: " in line for line in lines)


def test_lenient_mode_prints_what_it_could_read(tree: Path) -> None:
    (tree / "models" / "Bad.cs").write_text(BAD)
    code, out, err = run("extract", "--lenient", "models")
    assert code == 0
    assert {m.name for m in schema_from_json(out).models} == {"Bad", "Item"}
    assert err and all(": warning: " in line for line in err.splitlines())


def test_unreadable_path_is_an_error(tree: Path) -> None:
    code, out, err = run("extract", "missing.cs")
    assert (code, out) == (1, "")
    assert err.startswith("missing.cs:1:1: error: cannot read")


def test_output_is_byte_identical_across_runs(tree: Path) -> None:
    assert run("extract", "models")[1] == run("extract", "models")[1]


def run_module(*argv: str) -> "subprocess.CompletedProcess[bytes]":
    plugins_dir = os.path.dirname(os.path.dirname(schema_sync.__file__))
    # Buffered output, as in a user's shell: the process ends with `os._exit` after flushing.
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}, "PYTHONPATH": plugins_dir}
    return subprocess.run([sys.executable, "-m", "schema_sync", *argv], capture_output=True, env=env, check=False)


def test_module_entry_point(tree: Path) -> None:
    result = run_module("extract", "models")
    assert result.returncode == 0, result.stderr
    assert schema_from_json(result.stdout.decode()).models[0].name == "Item"
    usage = run_module()
    assert usage.returncode == 2 and b"extract" in usage.stderr


def test_module_entry_point_flushes_everything_before_its_hard_exit(tree: Path) -> None:
    """The process ends with `os._exit`: output must still arrive whole, small or beyond a pipe's buffer."""
    for i in range(150):
        (tree / "models" / f"Item{i}.cs").write_text(GOOD.replace("Item", f"Item{i}"))
    result = run_module("extract", "--pretty", "models")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) > 256 * 1024
    assert result.stdout.decode() == run("extract", "--pretty", "models")[1]
    (tree / "models" / "Bad.cs").write_text(BAD)
    failed = run_module("extract", "models")
    assert (failed.returncode, failed.stdout) == (1, b"")
    assert failed.stderr.decode() == run("extract", "models")[2] != ""


def test_every_diagnostic_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    broken = (
        b'namespace App; [DynamoDBTable("t")] public class T { [DynamoDBHashKey] public string Id { get; set; }\n'
        b"    /// <summary\x00Confidence (0-1) for estimated values.</summary>\n"
        b'    [DynamoDBProperty("confidence")]\n'
        b"    public double? Confidence { get; set; }\n}\n"
    )
    (tmp_path / "T.cs").write_bytes(broken)
    code, out, err = run("extract", "T.cs")
    assert (code, out) == (1, "")
    assert err.count("\n") == len(err.splitlines()) and all(line.startswith("T.cs:") for line in err.splitlines())
