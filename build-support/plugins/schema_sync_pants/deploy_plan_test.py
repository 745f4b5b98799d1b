"""`pants plan-schema-deploy` and the `schema_deploy_plan` target, against a small repo: no lock, a lock
the models match, two new indexes (two steps, printed, written under dist/ and generated as resources),
and a change that would replace a table (exit 1; nothing generated)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict

import pytest
from pants.backend.python import target_types_rules
from pants.backend.python.dependency_inference import rules as python_dep_inference
from pants.core.target_types import ResourceSourceField
from pants.core.util_rules import source_files
from pants.engine.addresses import Address
from pants.engine.fs import Digest, DigestContents
from pants.engine.rules import QueryRule
from pants.engine.target import HydratedSources, HydrateSourcesRequest
from pants.testutil.rule_runner import RuleRunner, engine_error

from schema_sync_pants import register
from schema_sync_pants.deploy_plan import PlanSchemaDeploy, SchemaDeployPlanSourcesField
from schema_sync_pants.generation import CsharpModelError
from schema_sync_pants.schema_lock import UpdateSchemaLock

GOAL = """\
using Amazon.DynamoDBv2.DataModel;

namespace Acme.Data;

[DynamoDBTable("goals")]
public class GoalDataModel
{
    [DynamoDBHashKey("goal_id")]
    public string GoalId { get; set; }

    [DynamoDBProperty("owner_id")]
    public string OwnerId { get; set; }

    [DynamoDBProperty("title")]
    public string Title { get; set; }
}
"""
TWO_INDEXES = (GOAL.replace('[DynamoDBProperty("owner_id")]',
                            '[DynamoDBGlobalSecondaryIndexHashKey("owner-index")]\n    [DynamoDBProperty("owner_id")]')
               .replace('[DynamoDBProperty("title")]',
                        '[DynamoDBGlobalSecondaryIndexHashKey("title-index")]\n    [DynamoDBProperty("title")]'))
MODEL = "src/cs/Data/GoalDataModel.cs"
LOCK = "src/cs/schema.lock.json"
PLAN = Address("src/stack", target_name="plan")
OPTIONS = ["--source-root-patterns=['/src/cs']", "--python-enable-resolves", "--python-infer-use-rust-parser"]


@pytest.fixture()
def rule_runner() -> RuleRunner:
    runner = RuleRunner(
        rules=[
            *register.rules(),
            *python_dep_inference.rules(),
            *target_types_rules.rules(),
            *source_files.rules(),
            QueryRule(HydratedSources, [HydrateSourcesRequest]),
            QueryRule(DigestContents, [Digest]),
        ],
        target_types=[*register.target_types()],
    )
    runner.set_options(OPTIONS, env_inherit={"PATH", "PYENV_ROOT", "HOME"})
    runner.write_files({
        "src/cs/Data/BUILD": "csharp_models()\ncsharp_model_runtime(name='runtime')",
        MODEL: GOAL,
        "src/stack/BUILD": "schema_deploy_plan(name='plan')",
    })
    return runner


def generated(runner: RuleRunner) -> Dict[str, str]:
    target = runner.get_target(PLAN)
    hydrated = runner.request(HydratedSources, [HydrateSourcesRequest(
        target[SchemaDeployPlanSourcesField], for_sources_types=(ResourceSourceField,), enable_codegen=True)])
    return {f.path: f.content.decode() for f in runner.request(DigestContents, [hydrated.snapshot.digest])}


def test_the_plan_goal_and_target_from_the_lock_to_the_models(rule_runner: RuleRunner) -> None:
    unconfigured = rule_runner.run_goal_rule(PlanSchemaDeploy)
    assert (unconfigured.exit_code, unconfigured.stdout) == (
        0, "no schema lock configured ([schema-sync].schema_lock): nothing to plan from\n")
    lock_option = f"--schema-sync-schema-lock={LOCK}"
    rule_runner.set_options([*OPTIONS, lock_option], env_inherit={"PATH", "PYENV_ROOT", "HOME"})
    assert rule_runner.run_goal_rule(UpdateSchemaLock, args=[lock_option]).exit_code == 0
    rule_runner.write_files({LOCK: (Path(rule_runner.build_root) / LOCK).read_text()})  # announce the goal's write
    matching = rule_runner.run_goal_rule(PlanSchemaDeploy, args=[lock_option])
    assert (matching.exit_code, matching.stdout) == (0, f"nothing to deploy: the models match {LOCK}\n")
    assert generated(rule_runner) == {}

    rule_runner.write_files({MODEL: TWO_INDEXES})
    result = rule_runner.run_goal_rule(PlanSchemaDeploy, args=[lock_option])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        "step 1 of 2: create index owner-index on goals (hash owner_id (S)); wait until it is ACTIVE",
        "  template: dist/schema-plan/01-create-goals-owner-index.yaml",
        "step 2 of 2: create index title-index on goals (hash title (S)); wait until it is ACTIVE",
        "  template: dist/schema-plan/02-create-goals-title-index.yaml",
    ]
    written = sorted(p.name for p in (Path(rule_runner.build_root) / "dist/schema-plan").iterdir())
    assert written == ["01-create-goals-owner-index.yaml", "02-create-goals-title-index.yaml"]
    files = generated(rule_runner)
    assert sorted(files) == [
        "src/stack/schema-plan/01-create-goals-owner-index/goals-table.yaml",
        "src/stack/schema-plan/01-create-goals-owner-index/tables.yaml",
        "src/stack/schema-plan/02-create-goals-title-index/goals-table.yaml",
        "src/stack/schema-plan/02-create-goals-title-index/tables.yaml",
        "src/stack/schema-plan/plan.json",
    ]
    assert [s["directory"] for s in json.loads(files["src/stack/schema-plan/plan.json"])["steps"]] == [
        "01-create-goals-owner-index", "02-create-goals-title-index"]
    last = files["src/stack/schema-plan/02-create-goals-title-index/tables.yaml"]
    assert last.startswith("# deploy plan step 2 of 2: create index title-index on goals")
    assert (Path(rule_runner.build_root) / "dist/schema-plan" / written[1]).read_text() == last

    rule_runner.write_files({MODEL: TWO_INDEXES.replace('[DynamoDBHashKey("goal_id")]', '[DynamoDBHashKey("id")]')})
    refused = rule_runner.run_goal_rule(PlanSchemaDeploy, args=[lock_option])
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"{MODEL}:9: replacement: table goals: hash key changed")
    assert "no deploy plan: 1 change against" in refused.stderr
    assert not (Path(rule_runner.build_root) / "dist/schema-plan").exists()  # the earlier plan's steps are gone
    assert generated(rule_runner) == {}


BILLING_MODEL = "src/billing/Data/InvoiceDataModel.cs"
BILLING_LOCK = "src/billing/schema.lock.json"
INVOICE = GOAL.replace('"goals"', '"invoices"').replace("GoalDataModel", "InvoiceDataModel").replace(
    "Acme.Data", "Billing.Data"
)


def two_locked_services(rule_runner: RuleRunner) -> str:
    """Acme's models and billing's (its own lock, by `__defaults__`), both locked as they are, and a
    `schema_deploy_plan` target per lock; the option naming acme's lock, for the goals' runs."""
    lock_option = f"--schema-sync-schema-lock={LOCK}"
    rule_runner.set_options([*OPTIONS, "--source-root-patterns=['/src/cs', '/src/billing']", lock_option],
                            env_inherit={"PATH", "PYENV_ROOT", "HOME"})
    rule_runner.write_files({
        "src/billing/BUILD": f"__defaults__(all=dict(python_package='billing_models', schema_lock={BILLING_LOCK!r}))",
        "src/billing/Data/BUILD": "csharp_models()\ncsharp_model_runtime(name='runtime')",
        BILLING_MODEL: INVOICE,
        "src/stack/BUILD": "schema_deploy_plan(name='plan')\n"
        f"schema_deploy_plan(name='billing', schema_lock={BILLING_LOCK!r})",
    })
    assert rule_runner.run_goal_rule(UpdateSchemaLock, args=[lock_option]).exit_code == 0
    root = Path(rule_runner.build_root)
    rule_runner.write_files({path: (root / path).read_text() for path in (LOCK, BILLING_LOCK)})
    return lock_option


def test_each_services_lock_is_planned_on_its_own(rule_runner: RuleRunner) -> None:
    """A second service (its own lock, by `__defaults__`): the goal plans each lock under its own
    directory; a `schema_deploy_plan` target plans the lock its `schema_lock` names."""
    lock_option = two_locked_services(rule_runner)
    rule_runner.write_files({BILLING_MODEL: INVOICE.replace('[DynamoDBProperty("title")]', (
        '[DynamoDBGlobalSecondaryIndexHashKey("title-index")]\n    [DynamoDBProperty("title")]'))})
    result = rule_runner.run_goal_rule(PlanSchemaDeploy, args=[lock_option])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f'1 deploy step from {BILLING_LOCK} to the models, to apply in order (docs/schema-lock.md, "Planning a '
        'change"):',
        "step 1 of 1: create index title-index on invoices (hash title (S)); wait until it is ACTIVE",
        "  template: dist/schema-plan/src/billing/schema.lock.json/01-create-invoices-title-index.yaml",
        f"nothing to deploy: the models match {LOCK}",
    ]
    assert generated(rule_runner) == {}  # :plan follows [schema-sync].schema_lock, whose service is unchanged
    billing_plan = Address("src/stack", target_name="billing")
    target = rule_runner.get_target(billing_plan)
    hydrated = rule_runner.request(HydratedSources, [HydrateSourcesRequest(
        target[SchemaDeployPlanSourcesField], for_sources_types=(ResourceSourceField,), enable_codegen=True)])
    assert "src/stack/schema-plan/plan.json" in hydrated.snapshot.files


def test_a_service_with_errors_fails_the_goal_and_the_others_are_still_planned(rule_runner: RuleRunner) -> None:
    """As `lint` and `update-schema-lock` do: billing's errors are reported, acme is planned, exit 1."""
    lock_option = two_locked_services(rule_runner)
    rule_runner.write_files({
        BILLING_MODEL: INVOICE.replace("public string GoalId", "public System.Collections.Generic.List<string> GoalId"),
        MODEL: TWO_INDEXES,
    })
    result = rule_runner.run_goal_rule(PlanSchemaDeploy, args=[lock_option])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"the C# models of {BILLING_LOCK} have errors, so no deploy can be planned:\n"
                                    f"{BILLING_MODEL}:9:52: error: key GoalId"), result.stderr
    assert "step 2 of 2: create index title-index on goals" in result.stdout
    root = Path(rule_runner.build_root)
    planned = sorted(p.name for p in (root / "dist/schema-plan" / LOCK).iterdir())
    assert planned == ["01-create-goals-owner-index.yaml", "02-create-goals-title-index.yaml"]
    assert not (root / "dist/schema-plan" / BILLING_LOCK).exists()
    # The service's own plan target still fails with its errors.
    with engine_error(CsharpModelError, contains=f"{BILLING_MODEL}:9:52: error: key GoalId"):
        rule_runner.request(HydratedSources, [HydrateSourcesRequest(
            rule_runner.get_target(Address("src/stack", target_name="billing"))[SchemaDeployPlanSourcesField],
            for_sources_types=(ResourceSourceField,), enable_codegen=True)])
    assert "src/stack/schema-plan/plan.json" in generated(rule_runner)
