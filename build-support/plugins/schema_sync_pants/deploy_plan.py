"""`pants plan-schema-deploy` and the `schema_deploy_plan` target: the deploy plan from the schema lock to the models.

The lock (`[schema-sync].schema_lock`) records what is deployed; the plan (`schema_sync.plan`) is
the ordered deploys that take the tables from there to the C# models, one GSI created or deleted
per deploy (docs/schema-lock.md, "Planning a change"). Both read the repository's whole schema
in-process, as the schema-lock linter does (`ServiceSchema`: one per service's lock), and the lock
file through the engine, so an edit to either re-plans. With several services' locks the goal
plans each, under `dist/schema-plan/<lock path>/`; a target plans the lock its `schema_lock` names.

- the goal prints the plan (or, for a change that would replace a table, where and the migration
  route: exit 1) and writes each step's combined tables template to `dist/schema-plan/`; a service
  whose models have errors is reported (exit 1) while the others are still planned;
- a `schema_deploy_plan` target generates, as `resources` under its directory, each step's table
  templates (`schema-plan/<NN-step>/<table>-table.yaml` and `tables.yaml`) and `schema-plan/plan.json`
  (the steps in order: directory, slug, description), for tools that assemble stacks per step
  (`pp_ai/stack/assemble.py`). It generates nothing when the lock matches the models or there is
  no lock, and nothing (with a warning) when the change would replace a table.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Mapping, Optional, Tuple

from pants.core.target_types import ResourceSourceField
from pants.core.util_rules.distdir import DistDir
from pants.engine.console import Console
from pants.engine.fs import CreateDigest, Digest, FileContent, Snapshot, Workspace
from pants.engine.goal import Goal, GoalSubsystem
from pants.engine.rules import Get, MultiGet, collect_rules, goal_rule, rule
from pants.engine.target import (
    COMMON_TARGET_FIELDS,
    GeneratedSources,
    GenerateSourcesRequest,
    MultipleSourcesField,
    Target,
)
from pants.engine.unions import UnionRule
from pants.util.frozendict import FrozenDict
from pants.util.logging import LogLevel
from pants.util.strutil import help_text, softwrap

from schema_sync.gc_pause import gc_paused
from schema_sync_pants.generation import CsharpModelError
from schema_sync_pants.schema_lock import (
    UPDATE_COMMAND,
    ServiceSchema,
    ServiceSchemaRequest,
    error_report,
    read_lock,
    services_with_locks,
)
from schema_sync_pants.service import CsharpServices, service_settings
from schema_sync_pants.subsystem import SchemaSyncSubsystem
from schema_sync_pants.target_types import SchemaSyncSchemaLockField

if TYPE_CHECKING:  # the core's plan module loads lazily, as the core does in every rule
    from schema_sync.plan import Plan, Step

logger = logging.getLogger(__name__)

PLAN_DIRECTORY = "schema-plan"  # under dist/ (the goal) and under a `schema_deploy_plan` target
MANIFEST = "plan.json"


@dataclass(frozen=True)
class DeployPlan:
    """The plan of the repository's tables and each step's templates, or why there is none."""

    lock: str  # the lock's path, "" when none is configured
    plan: Optional[Plan]  # None: no lock to plan from (`note` says why)
    templates: Tuple[FrozenDict[str, str], ...]  # per step: {template path: text}
    note: str = ""
    # Why the models cannot be planned (C# errors, an unreadable lock): the goal reports it and plans
    # the other locks, as `lint` and `update-schema-lock` go on per service; a target fails with it.
    error: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.error) or (self.plan is not None and bool(self.plan.refused))

    def report(self, step_files: Mapping[int, str]) -> str:
        from schema_sync.plan import render

        if self.error:
            return self.error
        return render(self.plan, self.lock, step_files) if self.plan is not None else self.note


@dataclass(frozen=True)
class DeployPlanRequest:
    lock: str  # the service's schema lock ("": none configured)


@rule(desc="Plan the deploy from the schema lock to the C# models", level=LogLevel.DEBUG)
async def deploy_plan(request: DeployPlanRequest, services: CsharpServices) -> DeployPlan:
    from schema_sync.emit.errors import EmitError  # lazily, as every use of the core in rules
    from schema_sync.lock import lock_from_json
    from schema_sync.plan import planned_deploy

    if not request.lock:
        return DeployPlan("", None, (), "no schema lock configured ([schema-sync].schema_lock): nothing to plan from\n")
    lock = await read_lock(request.lock)
    settings = next((s for s in services_with_locks(services) if s.schema_lock == request.lock), None)
    if settings is None:
        return DeployPlan(lock.path, None, (), f"no C# target names the schema lock {lock.path}: nothing to plan\n")
    if lock.text is None:
        return DeployPlan(lock.path, None, (), f"no schema lock at {lock.path}: nothing to plan from (create it "
                                               f"with `{UPDATE_COMMAND}`)\n")
    schema = await Get(ServiceSchema, ServiceSchemaRequest(settings))
    errors = error_report(schema.ir)
    if errors:
        return _unplanned(lock.path, f"the C# models of {lock.path} have errors, so no deploy can be planned:\n"
                                     f"{errors}")
    try:
        with gc_paused():
            plan, templates = planned_deploy(schema.ir, settings.options, lock_from_json(lock.text))
    except EmitError as error:
        return _unplanned(lock.path, f"the schema of {lock.path} cannot be planned:\n{error.render()}")
    except (ValueError, KeyError, TypeError) as error:
        return _unplanned(lock.path, f"{lock.path}: error: not a schema lock this version reads ({error}); "
                                     f"regenerate it with `{UPDATE_COMMAND}`")
    return DeployPlan(lock.path, plan, tuple(FrozenDict(files) for files in templates))


def _unplanned(lock: str, error: str) -> DeployPlan:
    return DeployPlan(lock, None, (), error=error)


def _steps(plan: DeployPlan) -> Iterator[Tuple[Step, Mapping[str, str]]]:
    return zip(plan.plan.steps if plan.plan else (), plan.templates)


class PlanSchemaDeploySubsystem(GoalSubsystem):
    name = "plan-schema-deploy"
    help = softwrap(
        f"""
        Plan the deploy of a schema change: from the schema lock (`[schema-sync].schema_lock`,
        what is deployed) to the C# models, the ordered deploys CloudFormation can apply, each
        creating or deleting one global secondary index. Prints the steps and writes each step's
        tables template to `dist/{PLAN_DIRECTORY}/`; a change that would replace a table is not
        planned (exit 1), nor are a service's models with errors (exit 1; the other services'
        locks are still planned). See docs/schema-lock.md, "Planning a change".
        """
    )


class PlanSchemaDeploy(Goal):
    subsystem_cls = PlanSchemaDeploySubsystem
    environment_behavior = Goal.EnvironmentBehavior.LOCAL_ONLY


def plan_directory(dist: str, lock: str, several: bool) -> str:
    """`dist/schema-plan`, or with several services' locks `dist/schema-plan/<lock path>/`, one each
    (the whole path: two locks never share a directory)."""
    base = f"{dist}/{PLAN_DIRECTORY}"
    return f"{base}/{lock}" if several else base


@goal_rule
async def plan_schema_deploy(
    console: Console, workspace: Workspace, dist_dir: DistDir, services: CsharpServices
) -> PlanSchemaDeploy:
    from schema_sync.plan import combined_template

    locks = [settings.schema_lock for settings in services_with_locks(services)] or [""]
    plans = await MultiGet(Get(DeployPlan, DeployPlanRequest(lock)) for lock in locks)
    contents = []
    for plan in plans:
        directory = plan_directory(str(dist_dir.relpath), plan.lock, len(plans) > 1)
        files = {step.number: f"{directory}/{step.file_stem}.yaml" for step, _ in _steps(plan)}
        (console.print_stderr if plan.failed else console.print_stdout)(plan.report(files).rstrip("\n"))
        contents += [FileContent(files[step.number], combined_template(templates).encode("utf-8"))
                     for step, templates in _steps(plan)]
    digest = await Get(Digest, CreateDigest(contents))
    # An earlier plan's steps must not linger.
    workspace.write_digest(digest, clear_paths=(str(dist_dir.relpath / PLAN_DIRECTORY),))
    return PlanSchemaDeploy(exit_code=1 if any(plan.failed for plan in plans) else 0)


class SchemaDeployPlanSourcesField(MultipleSourcesField):
    """The target's codegen input: no files (the plan comes from the lock and every C# target)."""

    alias = "sources"
    default = ()
    expected_num_files = 0
    help = "Always empty: the plan is generated from the schema lock and the repository's C# models."


class SchemaDeployPlanTarget(Target):
    alias = "schema_deploy_plan"
    core_fields = (*COMMON_TARGET_FIELDS, SchemaDeployPlanSourcesField, SchemaSyncSchemaLockField)
    help = help_text(
        f"""
        The deploy plan from the schema lock to the C# models (`pants plan-schema-deploy` prints
        it), as `resources` under this target's directory: for each step,
        `{PLAN_DIRECTORY}/<NN-step>/<table>-table.yaml` and `tables.yaml` (every table at that
        step), and `{PLAN_DIRECTORY}/{MANIFEST}`, the steps in order. Nothing when the lock's tables
        match the models. Tools that build stacks per step depend on it (an `adhoc_tool`'s
        `execution_dependencies`). `schema_lock` names the service's lock (default:
        `[schema-sync].schema_lock`). See docs/schema-lock.md, "Planning a change".
        """
    )


class GenerateDeployPlanRequest(GenerateSourcesRequest):
    input = SchemaDeployPlanSourcesField
    output = ResourceSourceField


def plan_resources(directory: str, plan: DeployPlan) -> Tuple[FileContent, ...]:
    """The step templates and the manifest under `directory`; none without steps."""
    steps = list(_steps(plan))
    if not steps:
        return ()
    root = f"{directory}/{PLAN_DIRECTORY}" if directory else PLAN_DIRECTORY
    manifest = [{"directory": step.file_stem, "slug": step.slug, "description": step.describe()} for step, _ in steps]
    files = [FileContent(f"{root}/{MANIFEST}", (json.dumps({"steps": manifest}, indent=2) + "\n").encode("utf-8"))]
    files.extend(FileContent(f"{root}/{step.file_stem}/{path}", text.encode("utf-8"))
                 for step, templates in steps for path, text in sorted(templates.items()))
    return tuple(files)


@rule(desc="Generate the deploy plan's table templates", level=LogLevel.DEBUG)
async def generate_deploy_plan(
    request: GenerateDeployPlanRequest, subsystem: SchemaSyncSubsystem
) -> GeneratedSources:
    lock = service_settings(request.protocol_target, subsystem).schema_lock
    plan = await Get(DeployPlan, DeployPlanRequest(lock))
    if plan.error:
        raise CsharpModelError(plan.error)
    if plan.failed:
        logger.warning(f"{request.protocol_target.address}: no deploy plan\n{plan.report({})}")
    files = () if plan.failed else plan_resources(request.protocol_target.address.spec_path, plan)
    digest = await Get(Digest, CreateDigest(files))
    return GeneratedSources(await Get(Snapshot, Digest, digest))


def target_types() -> Tuple[type, ...]:
    return (SchemaDeployPlanTarget,)


def rules() -> Tuple[object, ...]:
    return (*collect_rules(), UnionRule(GenerateSourcesRequest, GenerateDeployPlanRequest))
