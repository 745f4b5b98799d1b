"""The schema lock in `./pants lint`, in a temporary repository: the committed fixture lock passes, a
changed hash key fails naming the replacement at its file:line, and a new nullable property passes
(listed as information); `./pants update-schema-lock` then records it."""

from __future__ import annotations

from pathlib import Path

from pants_repo import PantsRunner, edit

GOAL = "models/Data/GoalDataModel.cs"


def test_lint_fails_on_a_replacement_and_passes_a_nullable_property(repo: Path, pants: PantsRunner) -> None:
    clean = pants("lint", "--only=schema-lock", "models::")
    assert clean.returncode == 0, clean.stderr[-5000:]
    assert "the schema matches models/schema.lock.json" in clean.stderr

    edit(repo, GOAL, '[DynamoDBHashKey("goal_id")]', '[DynamoDBHashKey("id")]')
    replaced = pants("lint", "--only=schema-lock", "models::")
    assert replaced.returncode == 1, replaced.stderr[-5000:]
    line = (repo / GOAL).read_text().splitlines().index('    [DynamoDBHashKey("id")]') + 2
    assert (f"{GOAL}:{line}: replacement: table goals: hash key changed from goal_id (S) to id (S): "
            "CloudFormation replaces the table (KeySchema: Replacement)") in replaced.stderr
    assert "✕ schema-lock failed." in replaced.stderr

    edit(repo, GOAL, '[DynamoDBHashKey("id")]', '[DynamoDBHashKey("goal_id")]')
    due_at = '    [DynamoDBProperty("due_at")]\n    public DateTime? DueAt { get; set; }\n\n'
    edit(repo, GOAL, "    /// <summary>Short title.</summary>", due_at + "    /// <summary>Short title.</summary>")
    compatible = pants("lint", "--only=schema-lock", "models::")
    assert compatible.returncode == 0, compatible.stderr[-5000:]
    assert ": info: table goals: Acme.Data.GoalDataModel: new attribute 'due_at' (datetime?)" in compatible.stderr

    updated = pants("update-schema-lock")
    assert updated.returncode == 0, updated.stderr[-5000:]
    assert '"due_at"' in (repo / "models/schema.lock.json").read_text()
    recorded = pants("lint", "--only=schema-lock", "models::")
    assert recorded.returncode == 0 and "the schema matches models/schema.lock.json" in recorded.stderr
