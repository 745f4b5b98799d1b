"""`python -m schema_sync plan`: the worked example of docs/schema-lock.md ("Planning a change") run as
the doc shows it, the step files `--out` writes, and what it writes on a refusal or an error (nothing)."""

from __future__ import annotations

import io
import re
import shlex
import shutil
from pathlib import Path
from typing import List, Tuple

import pytest

from schema_sync.cli import main
from schema_sync.emit.cloudformation import COMBINED_TEMPLATE, emit_cloudformation
from schema_sync.extract import extract
from schema_sync.options import Options
from schema_sync.plan import MIGRATION_ROUTE
from schema_sync.tests.test_plan import GOALS, PLAN_FIXTURES, gsi, on

DOC = Path(__file__).parents[4] / "docs" / "schema-lock.md"
LOCK = "schema.lock.json"


def run(*argv: str) -> Tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def deployed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`Data/` as deployed, its lock written: the models to edit, in the working directory."""
    shutil.copytree(PLAN_FIXTURES / "Data", tmp_path / "Data")
    monkeypatch.chdir(tmp_path)
    assert run("lock", "--out", LOCK, "Data")[0] == 0
    return tmp_path


def edit(tree: Path, path: str, old: str, new: str) -> None:
    file = tree / path
    text = file.read_text()
    assert text.count(old) == 1, (path, old)
    file.write_text(text.replace(old, new))


def doc_blocks(language: str) -> List[str]:
    """The fenced blocks of one language in the doc's "Planning a change" section."""
    section = DOC.read_text().split("\n## Planning a change\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"^```{language}\n(.*?)^```$", section, flags=re.MULTILINE | re.DOTALL)


def test_the_worked_example_prints_what_the_doc_shows(deployed: Path) -> None:
    (model,) = doc_blocks("csharp")
    (session,) = doc_blocks("console")
    command, expected = session.split("\n", 1)
    (deployed / GOALS).write_text(model)
    assert command.startswith("$ python -m schema_sync ")
    code, out, err = run(*shlex.split(command)[4:])
    assert (code, err) == (0, "")
    assert out == expected
    written = sorted(p.name for p in (deployed / "plan").iterdir())
    assert [f"plan/{name}" for name in written] == re.findall(r"template: (\S+)", expected)
    generated = emit_cloudformation(extract({GOALS: model.encode(), **{
        p.relative_to(deployed).as_posix(): p.read_bytes() for p in (deployed / "Data").glob("*.cs")
        if p.name != "GoalDataModel.cs"}}, Options()), Options())[COMBINED_TEMPLATE]
    last = (deployed / "plan" / written[-1]).read_text()
    assert last == f"# deploy plan step 3 of 3: {expected.splitlines()[-2].split(': ', 1)[1]}\n{generated}"


def test_a_new_plan_replaces_the_step_files_of_an_earlier_one_and_nothing_else(deployed: Path) -> None:
    edit(deployed, GOALS, on("title"), gsi("title-index") + on("title") + " public string Title2 { get; set; }\n"
         "    " + gsi("title2-index") + on("title2"))
    assert run("plan", "--lock", LOCK, "--out", "plan", "Data")[0] == 0
    assert sorted(p.name for p in (deployed / "plan").iterdir()) == [
        "01-create-goals-title-index.yaml", "02-create-goals-title2-index.yaml"]
    (deployed / "plan" / "notes.yaml").write_text("mine: true\n")
    edit(deployed, GOALS, gsi("title2-index"), "")
    code, out, _ = run("plan", "--lock", LOCK, "--out", "plan", "Data")
    assert code == 0 and out.startswith("1 deploy step from schema.lock.json to the models")
    assert sorted(p.name for p in (deployed / "plan").iterdir()) == ["01-create-goals-title-index.yaml", "notes.yaml"]


def test_a_replacement_is_refused_at_its_line_writing_nothing(deployed: Path) -> None:
    edit(deployed, GOALS, '[DynamoDBHashKey("goal_id")]', '[DynamoDBHashKey("id")]')
    edit(deployed, GOALS, on("title"), gsi("title-index") + on("title"))
    code, out, err = run("plan", "--lock", LOCK, "--out", "plan", "Data")
    assert (code, out) == (1, "")
    assert err.startswith(f"{GOALS}:9: replacement: table goals: hash key changed from goal_id (S) to id (S)")
    assert err.endswith(f"{MIGRATION_ROUTE}\n")
    assert not (deployed / "plan").exists()


CANNOT_PLAN = {
    "no lock": "missing.json: error: [Errno 2] No such file",
    "not a lock": f"{LOCK}: error: unsupported lock_version 99",
    "a model error": f"{GOALS}:26:25: error: Title: type Unknown<int> is not declared",
    "a table DynamoDB refuses": f"{GOALS}:26:19: error: index name 'ti' is not a valid DynamoDB name",
}


@pytest.mark.parametrize("problem", CANNOT_PLAN)
def test_what_cannot_be_planned_is_an_error_writing_nothing(deployed: Path, problem: str) -> None:
    edit(deployed, GOALS, on("title"), gsi("title-index") + on("title"))
    lock = LOCK
    if problem == "no lock":
        lock = "missing.json"
    elif problem == "not a lock":
        (deployed / LOCK).write_text('{"lock_version": 99}')
    elif problem == "a model error":
        edit(deployed, GOALS, "public string Title", "public Unknown<int> Title")
    else:
        edit(deployed, GOALS, gsi("title-index"), gsi("ti"))  # index names have 3 characters at least
    code, out, err = run("plan", "--lock", lock, "--out", "plan", "Data")
    assert (code, out) == (1, "")
    assert err.startswith(CANNOT_PLAN[problem]), err
    assert not (deployed / "plan").exists()


def test_nothing_to_plan_when_the_tables_match_the_lock(deployed: Path) -> None:
    edit(deployed, GOALS, on("title"), on("note") + " public string Note { get; set; }\n    " + on("title"))
    assert run("plan", "--lock", LOCK, "--out", "plan", "Data") == (
        0, f"nothing to deploy: the models match {LOCK}\n", "")
    assert not (deployed / "plan").exists()
