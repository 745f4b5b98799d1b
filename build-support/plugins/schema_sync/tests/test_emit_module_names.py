"""Output names when two C# files share a name: each is prefixed with as few of its directories
as tell them apart; the others keep their plain stem. Pointed at a whole .NET project, the CLI
emits only what DynamoDB models use, so a Domain twin of a Data enum is simply left out."""

from __future__ import annotations

import io
from pathlib import Path

from schema_sync.cli import main
from schema_sync.emit.naming import output_stems
from schema_sync.emit.python import emit_python
from schema_sync.emit.typescript import emit_typescript
from schema_sync.extract import extract
from schema_sync.options import Options

GOAL = """
using Amazon.DynamoDBv2.DataModel;
using App.Data.Enums;
namespace App.Data;
[DynamoDBTable("goals")]
public class Goal
{
    [DynamoDBHashKey("id")] public string Id { get; set; } = "";
    [DynamoDBProperty("status")] public Status Status { get; set; }
    STATUS_TWIN
}
"""
DATA_STATUS = "namespace App.Data.Enums; public enum Status { Draft = 0, Done = 1 }"
DOMAIN_STATUS = "namespace App.Domain.Enums; public enum Status { Open = 0, Closed = 1 }"
DOMAIN_GOAL = "namespace App.Domain; public class Goal { public string Id { get; set; } = \"\"; }"


def _project(root: Path, twin_used: bool) -> Path:
    twin = '[DynamoDBProperty("old")] public App.Domain.Enums.Status Old { get; set; }' if twin_used else ""
    files = {
        "Data/Goal.cs": GOAL.replace("STATUS_TWIN", twin),
        "Data/Enums/Status.cs": DATA_STATUS,
        "Domain/Enums/Status.cs": DOMAIN_STATUS,
        "Domain/Goal.cs": DOMAIN_GOAL,
    }
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def test_unique_names_keep_their_plain_stem_and_twins_get_the_directories_that_differ() -> None:
    stems = output_stems(["p/Data/Goal.cs", "p/Data/Enums/Status.cs", "p/Domain/Enums/Status.cs", "x/Kpi.cs"])
    assert stems == {
        "p/Data/Goal.cs": "goal",
        "p/Data/Enums/Status.cs": "data_enums_status",
        "p/Domain/Enums/Status.cs": "domain_enums_status",
        "x/Kpi.cs": "kpi",
    }
    assert output_stems(["a/X.cs", "b/X.cs"]) == {"a/X.cs": "a_x", "b/X.cs": "b_x"}


def test_names_depend_on_the_set_of_files_only() -> None:
    paths = ["z/Enums/S.cs", "a/Enums/S.cs", "m/S.cs"]
    assert output_stems(paths) == output_stems(sorted(paths)) == output_stems(reversed(paths))


def test_a_project_with_a_domain_twin_enum_generates_only_what_models_use(tmp_path: Path) -> None:
    project = _project(tmp_path / "project", twin_used=False)
    out = tmp_path / "out"
    code = main(["generate", "--out", str(out), str(project)], io.StringIO(), io.StringIO())
    assert code == 0
    assert sorted(p.name for p in (out / "python/pp_api_models").iterdir()) == [
        "__init__.py", "_runtime.py", "goal.py", "py.typed", "status.py"
    ]
    status = (out / "python/pp_api_models/status.py").read_text()
    assert "Draft = 0" in status and "Open = " not in status  # the Data enum, not the Domain one


def test_two_enums_of_one_name_both_used_get_directory_prefixed_modules(tmp_path: Path) -> None:
    project = _project(tmp_path, twin_used=True)
    files = {str(p.relative_to(tmp_path)): p.read_bytes() for p in sorted(project.rglob("*.cs"))}
    schema = extract(files, Options())
    python = emit_python(schema, Options())
    assert sorted(python) == [
        "pp_api_models/_runtime.py", "pp_api_models/data_enums_status.py", "pp_api_models/domain_enums_status.py",
        "pp_api_models/goal.py",
    ]
    goal = python["pp_api_models/goal.py"]
    assert "from pp_api_models.data_enums_status import Status\n" in goal
    assert "from pp_api_models.domain_enums_status import Status as Status_domain_enums_status\n" in goal
    assert sorted(emit_typescript(schema, Options())) == ["data_enums_status.ts", "domain_enums_status.ts", "goal.ts"]


def test_the_pants_plugin_names_by_every_repository_file(tmp_path: Path) -> None:
    """Per target, the IR is one closure: the names come from every C# file it is told about."""
    project = _project(tmp_path, twin_used=False)
    files = {str(p.relative_to(tmp_path)): p.read_bytes() for p in sorted(project.rglob("*.cs"))}
    schema = extract({path: files[path] for path in ("Data/Enums/Status.cs",)}, Options())
    alone = emit_python(schema, Options(), only_files=["Data/Enums/Status.cs"])
    stems = output_stems(files)
    among_all = emit_python(schema, Options(), only_files=["Data/Enums/Status.cs"], repository_stems=stems)
    assert list(alone) == ["pp_api_models/status.py"]
    assert list(among_all) == ["pp_api_models/data_enums_status.py"]
