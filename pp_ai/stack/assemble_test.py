"""pp_ai's stack at each step of a deploy plan (`plan_stacks`): from a `schema_deploy_plan` output
written here (its manifest, and per step a directory of every table's template), independent of
the real models: steps that change none of pp_ai's tables are left out, the rest numbered again,
each under its heading, the last the stack `build_stack` assembles from the last step."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import yaml

from pp_ai.data.tables import TABLE_MODELS
from pp_ai.stack.assemble import PLAN_MANIFEST, ROLE, build_stack, load_template, main, plan_stacks

PARTS: Dict[str, Any] = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Resources": {ROLE: {"Type": "AWS::IAM::Role", "Properties": {}}},
}
TABLES = [str(model.TABLE_NAME) for model in TABLE_MODELS]
USED = TABLES[0]  # a table pp_ai uses
UNUSED = "not-used-by-pp_ai"
Step = Tuple[str, str, Dict[str, Sequence[str]]]  # (directory, description, table -> its indexes at that step)


def table_template(table: str, indexes: Sequence[str]) -> str:
    properties: Dict[str, Any] = {"TableName": table}
    if indexes:
        properties["GlobalSecondaryIndexes"] = [{"IndexName": i} for i in indexes]
    return yaml.safe_dump({"Resources": {f"T{abs(hash(table))}": {"Type": "AWS::DynamoDB::Table",
                                                                    "Properties": properties}}})


def write_plan(root: Path, steps: List[Step]) -> Path:
    """A plan's output, with `parts.yaml` beside it."""
    plan = root / "schema-plan"
    for directory, _, indexes in steps:
        (plan / directory).mkdir(parents=True)
        for table in [*TABLES, UNUSED]:
            (plan / directory / f"{table}-table.yaml").write_text(table_template(table, indexes.get(table, ())))
    manifest = [{"directory": d, "slug": d.split("-", 1)[1], "description": text} for d, text, _ in steps]
    (plan / PLAN_MANIFEST).write_text(json.dumps({"steps": manifest}))
    (root / "parts.yaml").write_text(yaml.safe_dump(PARTS))
    return plan


STEPS: List[Step] = [
    ("01-delete-x", "delete index x; wait until it is gone", {}),
    ("02-create-u", "create index u; wait until it is ACTIVE", {UNUSED: ["u"]}),  # not pp_ai's: left out
    ("03-create-y", "create index y; wait until it is ACTIVE", {UNUSED: ["u"], USED: ["y"]}),
]


def test_each_stack_differs_from_the_one_before_and_the_last_is_the_stack(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, STEPS)
    stacks = plan_stacks(tmp_path / "parts.yaml", plan)
    assert [name for name, _ in stacks] == ["01-delete-x.yaml", "02-create-y.yaml"]
    assert [text.splitlines()[0] for _, text in stacks] == [
        "# deploy plan step 1 of 2: delete index x; wait until it is gone",
        "# deploy plan step 2 of 2: create index y; wait until it is ACTIVE",
    ]
    last = stacks[-1][1]
    assert last == f"{last.splitlines()[0]}\n{build_stack(tmp_path / 'parts.yaml', plan / '03-create-y')}"
    tables = [r for r in load_template(last)["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table"]
    assert [t["Properties"].get("GlobalSecondaryIndexes") for t in tables if t["Properties"]["TableName"] == USED] == [
        [{"IndexName": "y"}]]


def test_the_package_step_writes_the_plan_beside_the_stack_and_nothing_without_one(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, STEPS)
    arguments = ["--parts", str(tmp_path / "parts.yaml"), "--tables", str(plan / "03-create-y"),
                 "--out", str(tmp_path / "out/pp_ai-stack.yaml")]
    assert main([*arguments, "--plan-tables", str(plan), "--plan-out", str(tmp_path / "out/plan")]) == 0
    assert sorted(p.name for p in (tmp_path / "out/plan").iterdir()) == ["01-delete-x.yaml", "02-create-y.yaml"]
    stack = (tmp_path / "out/pp_ai-stack.yaml").read_text()
    assert (tmp_path / "out/plan/02-create-y.yaml").read_text().split("\n", 1)[1] == stack

    (plan / PLAN_MANIFEST).unlink()  # what a `schema_deploy_plan` generates when the lock matches the models
    assert main([*arguments, "--plan-tables", str(plan), "--plan-out", str(tmp_path / "none")]) == 0
    assert not (tmp_path / "none").exists()
