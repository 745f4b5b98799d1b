"""What the command line reads: regular `.cs` files in any encoding the C# compiler reads, and
never nothing. Every problem is an error naming the path, reported before any work is done."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

import pytest

import schema_sync
from schema_sync.cli import main
from schema_sync.extract import extract
from schema_sync.ir import schema_from_json
from schema_sync.options import Options

MODEL = """namespace App;
[DynamoDBTable("items")]
public class Item
{
    [DynamoDBHashKey("id")] public string Id { get; set; }
    [DynamoDBProperty("名前")] public string 名前 { get; set; }
}
"""


def run(*argv: str) -> Tuple[int, str, List[str]]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue().splitlines()


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_files_with_a_byte_order_mark_are_decoded(in_tmp: Path, encoding: str) -> None:
    """Visual Studio saves "Unicode" files as UTF-16 with a byte-order mark."""
    content = MODEL.encode(encoding)
    if encoding.endswith("-be"):
        content = "\ufeff".encode(encoding) + content
    (in_tmp / "Item.cs").write_bytes(content)
    (in_tmp / "Utf8.cs").write_text(MODEL.replace("Item", "Utf8").replace("items", "utf8"), encoding="utf-8")
    code, out, err = run("extract", ".")
    assert (code, err) == (0, [])
    item, utf8 = schema_from_json(out).models
    assert [(a.property, a.name) for a in item.attributes] == [("Id", "id"), ("名前", "名前")]
    assert [(a.line, a.col) for a in item.attributes] == [(a.line, a.col) for a in utf8.attributes]


def test_undecodable_bytes_are_an_error_with_the_file_and_position(in_tmp: Path) -> None:
    (in_tmp / "Latin1.cs").write_bytes(MODEL.replace("名前", "Café").encode("latin-1"))
    (in_tmp / "Utf16NoMark.cs").write_bytes(MODEL.encode("utf-16-le"))
    code, out, err = run("extract", ".")
    assert (code, out) == (1, "")
    assert "Latin1.cs:6:27: error: cannot read the file: not valid UTF-8 (byte 0xe9); save the file as UTF-8" in err
    assert any(line.startswith("Utf16NoMark.cs:1:2: error: cannot read the file: contains a NUL byte") for line in err)


def test_a_directory_without_cs_files_is_an_error(in_tmp: Path) -> None:
    (in_tmp / "empty" / "sub").mkdir(parents=True)
    (in_tmp / "empty" / "notes.txt").write_text("no C# here")
    (in_tmp / "models").mkdir()
    (in_tmp / "models" / "Item.cs").write_text(MODEL)
    for command in (["extract"], ["generate", "--out", "out"], ["lock", "--out", "lock.json"]):
        code, out, err = run(*command, "models", "empty")
        assert (code, out, err) == (1, "", ["empty: error: no .cs files in this directory"]), command
    assert not (in_tmp / "out").exists() and not (in_tmp / "lock.json").exists()


def test_sources_without_any_model_are_an_error_and_a_lenient_warning(in_tmp: Path) -> None:
    (in_tmp / "Enums.cs").write_text("namespace App; public enum E { A }")
    code, out, err = run("generate", "--out", "out", "Enums.cs")
    assert (code, out) == (1, "")
    assert err == [
        "error: no DynamoDB models in the 1 .cs file read (hint: a model is a class with a DynamoDB attribute, "
        "or one that a model stores)"
    ]
    assert not (in_tmp / "out").exists()
    code, out, err = run("extract", "--lenient", "Enums.cs")
    assert code == 0 and schema_from_json(out).models == ()
    assert err and err[0].startswith("warning: no DynamoDB models in the 1 .cs file read")


def test_a_file_without_models_is_no_error_for_a_build_tool() -> None:
    """The Pants plugin extracts one target's files at a time; a file of enums is fine there."""
    schema = extract({"Enums.cs": b"namespace App; public enum E { A }"}, Options())
    assert schema.diagnostics == () and [e.name for e in schema.enums] == ["E"]


def run_module(*argv: str) -> "subprocess.CompletedProcess[bytes]":
    plugins_dir = os.path.dirname(os.path.dirname(schema_sync.__file__))
    env = {**os.environ, "PYTHONPATH": plugins_dir}
    # A timeout: reading a FIFO would block forever.
    return subprocess.run(
        [sys.executable, "-m", "schema_sync", *argv], capture_output=True, env=env, check=False, timeout=120
    )


def test_only_regular_files_are_read(in_tmp: Path) -> None:
    """A FIFO named *.cs blocked the run forever (no writer); a device never ends."""
    models = in_tmp / "models"
    models.mkdir()
    (models / "Item.cs").write_text(MODEL)
    os.mkfifo(models / "Pipe.cs")
    (models / "Null.cs").symlink_to(os.devnull)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("models/Socket.cs")  # relative: a socket path has a short length limit
        result = run_module("generate", "--out", "out", "models")
    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr.decode().splitlines() == [
        "models/Null.cs:1:1: error: not a regular file (a character device); only regular files are read",
        "models/Pipe.cs:1:1: error: not a regular file (a FIFO); only regular files are read",
        "models/Socket.cs:1:1: error: cannot read: No such device or address",
    ]
    assert not (in_tmp / "out").exists()


def test_every_unreadable_path_is_reported(in_tmp: Path) -> None:
    code, out, err = run("extract", "missing.cs", "gone")
    assert (code, out) == (1, "")
    assert err == [
        "gone:1:1: error: cannot read: No such file or directory",
        "missing.cs:1:1: error: cannot read: No such file or directory",
    ]
