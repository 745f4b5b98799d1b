"""The output directory's contract (docs/generated-code.md): `generate --out DIR` replaces DIR as a
whole, so it refuses a DIR holding anything it did not write, or overlapping its inputs; a
refusal or an error changes nothing. (Killed runs: test_output_kill.py.)"""

from __future__ import annotations

import errno
import fcntl
import io
import json
import os
import shutil
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from schema_sync.cli import main
from schema_sync.emit import outputs
from schema_sync.emit.errors import EmitError
from schema_sync.emit.outputs import MANIFEST, STAGING_INFIX, write_tree
from schema_sync.tests.model_fixtures import DATA_DIR, FIXTURES

FIXTURE = FIXTURES / DATA_DIR


def read_output_dir(out: Path) -> Dict[str, bytes]:
    """The generated files in `out`, after checking that its manifest lists exactly them."""
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    listed = json.loads(files.pop(MANIFEST))["files"]
    assert listed == sorted(files), "the manifest must list exactly the files generated"
    return files


def everything_in(root: Path) -> Dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else b"<dir>" for p in root.rglob("*")}


def generate(*argv: str) -> Tuple[int, str]:
    stderr = io.StringIO()
    code = main(["generate", *argv], io.StringIO(), stderr)
    return code, stderr.getvalue()


def test_an_input_directory_is_never_an_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`cp -r FX d; mkdir d/python; mv d/KpiTarget.cs d/python/; generate --out d d` deleted the
    user's own model (it replaced d/python); now nothing changes."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE, "d")
    (tmp_path / "d/python").mkdir()
    (tmp_path / "d/KpiTarget.cs").rename(tmp_path / "d/python/KpiTarget.cs")
    before = everything_in(tmp_path)
    code, errors = generate("--out", "d", "d")
    assert code == 1
    assert "error: the output directory d overlaps the input d" in errors
    assert "d is not empty and was not written by generate" in errors  # every problem, not the first
    assert everything_in(tmp_path) == before


@pytest.mark.parametrize(("out", "inputs"), [
    ("models/gen", ["models"]),  # the output inside an input directory
    ("work", ["work/models"]),  # an input directory inside the output
    ("work", ["work/models/Item.cs"]),  # an input file inside the output
    ("models/../models", ["models"]),  # the same directory, spelled otherwise
    ("link", ["models"]),  # through a symlink
])
def test_an_output_overlapping_an_input_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, out: str,
                                                   inputs: List[str]) -> None:
    monkeypatch.chdir(tmp_path)
    for directory in ("models", "work/models"):
        (tmp_path / directory).mkdir(parents=True)
        shutil.copy(FIXTURE / "KpiTarget.cs", tmp_path / directory / "Item.cs")
    (tmp_path / "link").symlink_to("models")
    before = everything_in(tmp_path)
    code, errors = generate("--out", out, *inputs)
    assert code == 1 and f"error: the output directory {out} overlaps the input {inputs[0]}" in errors
    assert everything_in(tmp_path) == before


def test_an_empty_output_name_or_the_working_directory_is_refused(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`--out ""` replaced ./python of the working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "python").mkdir()
    (tmp_path / "python/mine.py").write_text("x = 1\n")
    before = everything_in(tmp_path)
    empty = (1, "error: the output directory is an empty string: name a directory\n")
    assert generate("--out", "", str(FIXTURE)) == empty
    code, errors = generate("--out", ".", str(FIXTURE))
    assert code == 1 and "contains the working directory" in errors
    (tmp_path / "python/out").mkdir()
    monkeypatch.chdir(tmp_path / "python/out")
    code, errors = generate("--out", "..", str(FIXTURE))
    assert code == 1 and "contains the working directory" in errors
    assert everything_in(tmp_path) == {**before, "python/out": b"<dir>"}


def test_a_file_put_into_the_output_is_never_deleted(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    assert generate("--out", str(out), str(FIXTURE))[0] == 0
    (out / "python/notes.md").write_text("mine")
    (out / "README").write_text("mine too")
    (out / "mine").mkdir()
    before = everything_in(tmp_path)
    code, errors = generate("--out", str(out), str(FIXTURE))
    assert code == 1
    assert errors == (f"error: the output directory {out} holds what generate did not write: README, mine/, "
                      "python/notes.md. Generate replaces the directory as a whole: move them elsewhere first\n")
    assert everything_in(tmp_path) == before
    (out / "mine").rmdir()
    for path in ("python/notes.md", "README"):
        (out / path).unlink()
    assert generate("--out", str(out), str(FIXTURE))[0] == 0


def test_a_directory_without_a_manifest_is_refused_by_name(tmp_path: Path) -> None:
    """A directory generate did not write (or the output of an older generate, which wrote no
    manifest): its entries are named, at most ten, and nothing changes."""
    out = tmp_path / "gen"
    for index in range(12):
        (out / f"dir{index:02}").mkdir(parents=True)
        (out / f"dir{index:02}/file.py").write_text("")
    before = everything_in(tmp_path)
    code, errors = generate("--out", str(out), str(FIXTURE))
    assert code == 1
    assert f"{out} is not empty and was not written by generate (it has no {MANIFEST}): dir00/, " in errors
    assert "dir09/ and 2 more" in errors and "delete it once" in errors
    assert everything_in(tmp_path) == before


@pytest.mark.parametrize("manifest", ["{", '{"files": "python/a.py"}', '["python/a.py"]'])
def test_an_unreadable_manifest_owns_nothing(tmp_path: Path, manifest: str) -> None:
    out = tmp_path / "gen"
    write_tree(str(out), {"python/a.py": b"1"})
    (out / MANIFEST).write_text(manifest)
    with pytest.raises(EmitError, match=f"it has no {MANIFEST}.*{MANIFEST}, python/"):
        write_tree(str(out), {"python/a.py": b"2"})


def test_a_plain_file_where_an_output_directory_goes_changes_nothing(tmp_path: Path) -> None:
    """With DIR/typescript a plain file, generate failed after replacing cloudformation/,
    jsonschema/ and python/; now it is refused before anything is written."""
    out = tmp_path / "gen"
    assert generate("--out", str(out), str(FIXTURE))[0] == 0
    shutil.rmtree(out / "typescript")
    (out / "typescript").write_text("not a directory")
    before = everything_in(tmp_path)
    code, errors = generate("--out", str(out), "--package", "other", "--table-name-template", "x-{table}", str(FIXTURE))
    assert code == 1 and "holds what generate did not write: typescript." in errors
    assert everything_in(tmp_path) == before
    shutil.rmtree(out)
    (tmp_path / "gen").write_text("a file")
    code, errors = generate("--out", str(out), str(FIXTURE))
    assert (code, errors) == (1, f"error: the output directory {out} exists and is not a directory\n")


def test_the_output_is_replaced_as_a_whole_and_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    out.mkdir()
    out.chmod(0o750)  # an empty directory the user made is taken
    write_tree(str(out), {"python/a.py": b"1", "python/old.py": b"stale", "typescript/a.ts": b"t"})
    assert read_output_dir(out) == {"python/a.py": b"1", "python/old.py": b"stale", "typescript/a.ts": b"t"}
    write_tree(str(out), {"python/a.py": b"2"})
    assert read_output_dir(out) == {"python/a.py": b"2"}
    assert sorted(os.listdir(out)) == [MANIFEST, "python"]
    assert out.stat().st_mode & 0o777 == 0o750
    assert os.listdir(tmp_path) == ["gen"]


def test_a_new_output_directory_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_tree(str(tmp_path / "new/gen"), {"python/a.py": b"1"})
    finally:
        os.umask(umask)
    assert (tmp_path / "new/gen").stat().st_mode & 0o777 == 0o755  # not a temporary directory's 0o700


def test_a_symlinked_output_directory_stays_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to("real")
    for content in (b"1", b"2"):
        write_tree(str(tmp_path / "link"), {"python/a.py": content})
        assert (tmp_path / "link").is_symlink() and read_output_dir(tmp_path / "real") == {"python/a.py": content}


def test_the_next_run_removes_abandoned_staging_but_not_a_running_one(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    write_tree(str(out), {"python/a.py": b"1"})
    abandoned = tmp_path / f".gen{STAGING_INFIX}0123abcd"
    (abandoned / "python").mkdir(parents=True)
    (abandoned / "python/a.py").write_bytes(b"half")
    running = tmp_path / f".gen{STAGING_INFIX}4567cdef"
    running.mkdir()
    other_output = tmp_path / f".other{STAGING_INFIX}89abcdef"
    other_output.mkdir()
    lock = os.open(running, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as the run writing there holds it
        write_tree(str(out), {"python/a.py": b"2"})
    finally:
        os.close(lock)
    assert sorted(os.listdir(tmp_path)) == sorted(["gen", running.name, other_output.name])
    write_tree(str(out), {"python/a.py": b"3"})
    assert sorted(os.listdir(tmp_path)) == sorted(["gen", other_output.name])


def test_without_an_atomic_swap_the_directories_are_swapped_by_renames(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the OS or the file system has no atomic exchange (it answers EINVAL), the same result."""
    monkeypatch.setattr(outputs, "_atomic_swap", lambda: lambda first, second: errno.EINVAL)
    out = tmp_path / "gen"
    for content in (b"1", b"2"):
        write_tree(str(out), {"python/a.py": content})
        assert read_output_dir(out) == {"python/a.py": content} and os.listdir(tmp_path) == ["gen"]
