"""Two .NET services in one repository: fixture_repo's models/ (`[schema-sync]`'s options: V1,
`acme_models`, `acme-{table}`, nullable enabled, models/schema.lock.json) and billing/ (its own, from
`__defaults__` in billing/BUILD: V2, `billing_models`, `billing-{table}`, nullable disabled,
billing/schema.lock.json), and one Python app importing from both (app/tests/test_payments.py runs
the billing models; test_incrementality.py, test_table_names.py and test_ide_export.py cover the
rest of the two-service layout).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from pants_repo import PantsRunner, edit

PAYMENT = "billing/Data/PaymentDataModel.cs"


def test_each_service_is_generated_with_its_own_options(repo: Path, pants: PantsRunner) -> None:
    result = pants("export-codegen", "models/Data:tables", "models/Data/GoalDataModel.cs", "billing::")
    assert result.returncode == 0, result.stderr[-5000:]
    codegen = repo / "dist/codegen"
    payment = (codegen / "billing/billing_models/payment_data_model.py").read_text()
    assert "CONVERSION: ClassVar[str] = 'V2'" in payment
    assert "_rt.FieldSpec('labels', 'labels', _rt.Sequence(_rt.STRING, 'L'), nullable=True)" in payment
    assert "note: Optional[str] = Field(default='')" in payment  # nullable disabled: `string` may be null
    assert "PHYSICAL_TABLE_NAME: ClassVar[str] = 'billing-payments-${Stage}'" in payment
    assert (codegen / "billing/billing_models/_runtime.py").is_file()
    assert "TableName: !Sub 'billing-payments-${Stage}'" in (
        codegen / "billing/cloudformation/payments-table.yaml"
    ).read_text()
    goal = (codegen / "models/acme_models/goal_data_model.py").read_text()
    assert "CONVERSION: ClassVar[str] = 'V1'" in goal
    assert "title: str = Field(default='')" in goal  # nullable enabled: `string` is not null
    assert "TableName: !Sub 'acme-goals-${Stage}'" in (codegen / "models/cloudformation/goals-table.yaml").read_text()


def test_each_services_lock_catches_its_own_breaking_change_and_cfn_lint_lints_both(
    repo: Path, pants: PantsRunner
) -> None:
    edit(repo, PAYMENT, '[DynamoDBHashKey("payment_id")]', '[DynamoDBHashKey("id")]')
    result = pants("lint", "--only=schema-lock", "--only=cfn-lint", "::")
    assert result.returncode == 1, result.stderr[-5000:]
    line = (repo / PAYMENT).read_text().splitlines().index('    [DynamoDBHashKey("id")]') + 2
    assert f"{PAYMENT}:{line}: replacement: table payments: hash key changed from payment_id (S) to id (S)" in (
        result.stderr
    )
    assert "1 breaking schema change(s) against billing/schema.lock.json" in result.stderr
    assert "the schema matches models/schema.lock.json" in result.stderr  # the other service is unaffected
    # cfn-lint takes each service's templates as its generator writes them (its own table names).
    assert "3 generated templates passed cfn-lint" in result.stderr


def test_a_base_class_of_a_service_with_another_conversion_is_an_error(repo: Path, pants: PantsRunner) -> None:
    edit(repo, PAYMENT, "namespace Billing.Data;", "using Acme.Data;\n\nnamespace Billing.Data;")
    edit(repo, PAYMENT, "public class PaymentDataModel", "public class PaymentDataModel : AuditedModel")
    result = pants("export-codegen", "billing::")
    assert result.returncode != 0
    line = (repo / PAYMENT).read_text().splitlines().index("public class PaymentDataModel : AuditedModel") + 1
    assert (f"{PAYMENT}:{line}:14: error: PaymentDataModel derives from AuditedModel (models/Data/AuditedModel.cs), "
            "a model of another service (conversion='V1', python_package='acme_models', nullable_context='enable'; "
            "this one: conversion='V2', python_package='billing_models', nullable_context='disable')") in result.stderr
    assert not (repo / "dist/codegen/billing/billing_models/payment_data_model.py").exists()


def test_a_typescript_import_from_another_source_root_compiles_as_export_codegen_writes_it(
    repo: Path, pants: PantsRunner
) -> None:
    """billing/ stores models/' GoalStatus enum; both roots generate TypeScript."""
    for build in ("models/Data/Enums/BUILD", "billing/Data/BUILD"):
        (repo / build).write_text((repo / build).read_text() + '\ncsharp_typescript_types(name="ts")\n')
    edit(repo, PAYMENT, "namespace Billing.Data;", "using Acme.Data.Enums;\n\nnamespace Billing.Data;")
    edit(repo, PAYMENT, "    /// <summary>A free-text note.</summary>",
         '    [DynamoDBProperty("status")]\n    public GoalStatus Status { get; set; }\n\n'
         "    /// <summary>A free-text note.</summary>")
    result = pants("export-codegen", "models/Data/Enums:ts", "billing/Data:ts")
    assert result.returncode == 0, result.stderr[-5000:]
    modules = [repo / "dist/codegen/billing/typescript/payment_data_model.ts",
               repo / "dist/codegen/models/typescript/goal_status.ts"]
    assert 'import type { GoalStatus } from "../../models/typescript/goal_status";' in modules[0].read_text()
    tsc = os.environ.get("SCHEMA_SYNC_TSC")
    assert tsc, "SCHEMA_SYNC_TSC is not set: point it at a TypeScript 5 `tsc` binary (./pants sets it)"
    command = [tsc, "--strict", "--noEmit", "--target", "es2020", "--module", "commonjs", *map(str, modules)]
    compiled = subprocess.run(command, capture_output=True, text=True)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr


def test_plan_schema_deploy_reports_a_service_with_errors_and_plans_the_other(repo: Path, pants: PantsRunner) -> None:
    edit(repo, PAYMENT, "public string PaymentId", "public List<string> PaymentId")
    result = pants("plan-schema-deploy")
    assert result.returncode == 1, result.stderr[-5000:]
    assert "the C# models of billing/schema.lock.json have errors, so no deploy can be planned:" in result.stderr
    assert f"{PAYMENT}:" in result.stderr and "DynamoDB keys must be S, N or B" in result.stderr
    assert "nothing to deploy: the models match models/schema.lock.json" in result.stdout
