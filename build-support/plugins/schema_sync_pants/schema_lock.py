"""The schema lock in `pants lint` (`schema-lock`), and `pants update-schema-lock` to rewrite it.

One lock per service (the `schema_lock` of its targets, `[schema-sync].schema_lock` by default):
both build a service's schema in-process, from its C# targets and what they depend on (the same
parsed files and model catalog the code generators use), and project it with `schema_sync.lock`.
The linter compares each linted file's service with that service's lock and fails on a table
replacement, a GSI change CloudFormation cannot apply in one update, or a reader break
(docs/schema-lock.md); `update-schema-lock` rewrites every service's lock.
Findings are reported for the requested targets' files, plus those whose file no C# target owns
any more (a deleted model); a run with no lock file passes and says so once.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import AbstractSet, Any, Dict, Optional, Set, Tuple

from pants.base.glob_match_error_behavior import GlobMatchErrorBehavior
from pants.core.goals.lint import LintResult, LintTargetsRequest
from pants.core.util_rules.partitions import PartitionerType
from pants.engine.console import Console
from pants.engine.fs import CreateDigest, Digest, DigestContents, FileContent, PathGlobs, Workspace
from pants.engine.goal import Goal, GoalSubsystem
from pants.engine.rules import Get, MultiGet, collect_rules, goal_rule, rule
from pants.engine.target import FieldSet
from pants.option.option_types import SkipOption
from pants.option.subsystem import Subsystem
from pants.util.logging import LogLevel
from pants.util.strutil import softwrap

from schema_sync.gc_pause import gc_paused
from schema_sync.ir import SchemaIR
from schema_sync.resolve import resolve
from schema_sync_pants.generation import CsharpDependencyGraph, CsharpModelCatalog, declaring_files, one_per_path
from schema_sync_pants.parsing import ParseCsharpSource, ParsedCsharp
from schema_sync_pants.service import AllCsharpTargets, CsharpServices, ServiceSettings, foreign_model_errors
from schema_sync_pants.target_types import CsharpSourceField

UPDATE_COMMAND = "pants update-schema-lock"


class SchemaLockLinter(Subsystem):
    options_scope = "schema-lock"
    name = "schema-lock"
    help = softwrap(
        """
        The schema-lock linter of `pants lint`: compares the C# models' stored schema with the
        committed lock of their service (the targets' `schema_lock`, by default
        `[schema-sync].schema_lock`) and fails on a change that would replace a
        table, a GSI change CloudFormation cannot apply in one update, or a change that breaks
        readers of existing items. See docs/schema-lock.md.
        """
    )
    skip = SkipOption("lint")


@dataclass(frozen=True)
class SchemaLockFieldSet(FieldSet):
    required_fields = (CsharpSourceField,)

    source: CsharpSourceField


class SchemaLockLintRequest(LintTargetsRequest):
    field_set_type = SchemaLockFieldSet
    tool_subsystem = SchemaLockLinter
    partitioner_type = PartitionerType.DEFAULT_SINGLE_PARTITION


@dataclass(frozen=True)
class ServiceSchemaRequest:
    settings: ServiceSettings


@dataclass(frozen=True)
class ServiceSchema:
    """The IR of one service's C# files and every C# file they depend on (a shared base class),
    resolved as one tree with the service's options (like `schema_sync extract` over its project)."""

    settings: ServiceSettings
    ir: SchemaIR


@rule(desc="Resolve a service's C# schema", level=LogLevel.DEBUG)
async def service_schema(
    request: ServiceSchemaRequest,
    targets: AllCsharpTargets,
    services: CsharpServices,
    graph: CsharpDependencyGraph,
    models: CsharpModelCatalog,
) -> ServiceSchema:
    own = [t for t in targets if services.settings[t[CsharpSourceField].file_path] == request.settings]
    closure = graph.closure_of(t.address for t in own)
    parsed = await MultiGet(Get(ParsedCsharp, ParseCsharpSource(field)) for field in closure)
    files = one_per_path(parsed, lambda p: p.source.path)
    catalog = models.for_files(services, (f.syntax for f in files))
    with gc_paused():
        ir = resolve([f.syntax for f in files], request.settings.options, [f.source for f in files], catalog)
    own_files = {t[CsharpSourceField].file_path for t in own}
    # The classes of other services that generate differently are errors here too, as when generating.
    foreign = foreign_model_errors(ir, own_files, services, declaring_files(files))
    ir = dataclasses.replace(ir, diagnostics=(*ir.diagnostics, *foreign))
    return ServiceSchema(request.settings, with_tables_of(ir, own_files))


def with_tables_of(ir: SchemaIR, files: AbstractSet[str]) -> SchemaIR:
    """`ir` in which only the models of `files` are tables. A service's closure may reach another
    service's file for an enum, a constant or a base class; that file's tables are the other
    service's, locked and deployed with it, never with this one."""
    return dataclasses.replace(ir, models=tuple(
        m if m.table is None or m.file in files else dataclasses.replace(m, table=None) for m in ir.models
    ))


def services_with_locks(services: CsharpServices) -> Tuple[ServiceSettings, ...]:
    """The services that name a schema lock, by lock path (`CsharpServices` makes each lock one service's)."""
    return tuple(sorted({s for s in services.settings.values() if s.schema_lock}, key=lambda s: s.schema_lock))


@dataclass(frozen=True)
class LockFile:
    path: str
    text: Optional[str]  # None: no such file


async def read_lock(path: str) -> LockFile:
    """The lock file's text, or None in `LockFile.text` when there is none (the lint and the plan goal read it)."""
    contents = await Get(DigestContents, PathGlobs([path], glob_match_error_behavior=GlobMatchErrorBehavior.ignore))
    return LockFile(path, contents[0].content.decode("utf-8") if contents else None)


def error_report(ir: SchemaIR) -> Optional[str]:
    """The IR's errors, one rendered line each; None without errors (nothing to lock or plan from then)."""
    if not ir.errors:
        return None
    return "\n".join(d.render() for d in ir.errors) + "\n"


@dataclass(frozen=True)
class LockCheck:
    exit_code: int
    stdout: str
    stderr: str = ""


NO_LOCK = "no schema lock configured ([schema-sync].schema_lock): nothing to check\n"


async def check_service_lock(settings: ServiceSettings, requested: Set[str]) -> LockCheck:
    """One service's files against its own lock; findings for the `requested` files only, plus those
    whose file no C# target owns any more (a deleted model)."""
    from schema_sync.breaking import compare, summary  # lazily, as every use of the core in rules
    from schema_sync.emit.errors import EmitError
    from schema_sync.lock import lock_from_json, lock_of

    if not settings.schema_lock:
        return LockCheck(0, NO_LOCK)
    lock = await read_lock(settings.schema_lock)
    if lock.text is None:
        return LockCheck(0, f"no schema lock at {lock.path}: nothing to check (create it with `{UPDATE_COMMAND}`)\n")
    schema = await Get(ServiceSchema, ServiceSchemaRequest(settings))
    errors = error_report(schema.ir)
    if errors:
        return LockCheck(1, "", f"the C# models have errors, so the schema cannot be compared:\n{errors}")
    try:
        locked = lock_from_json(lock.text)
        with gc_paused():
            findings = compare(locked, lock_of(schema.ir, settings.options))
    except EmitError as error:  # what generation refuses too (a DynamoDB limit, a logical ID clash)
        return LockCheck(1, "", f"the schema cannot be locked:\n{error.render()}\n")
    except (ValueError, KeyError, TypeError) as error:
        return LockCheck(1, "", f"{lock.path}: error: not a schema lock this version reads ({error}); "
                                f"regenerate it with `{UPDATE_COMMAND}`\n")
    owned = {source.path for source in schema.ir.sources}
    shown = [f for f in findings if f.where.file in requested or f.where.file not in owned]
    failed = [f for f in shown if f.fails]
    lines = "".join(f.render() + "\n" for f in shown)
    text = summary(len(failed), len(shown) - len(failed), lock.path, UPDATE_COMMAND)
    if len(findings) > len(shown):
        text += f"({len(findings) - len(shown)} more finding(s) in C# files not linted here)\n"
    return LockCheck(1 if failed else 0, lines + text)


@rule(desc="Compare the C# schema with the schema lock", level=LogLevel.DEBUG)
async def lint_schema_lock(
    request: SchemaLockLintRequest.Batch[SchemaLockFieldSet, Any], services: CsharpServices
) -> LintResult:
    """Each linted file's service against that service's lock: one service's change never fails another's."""
    requested: Dict[ServiceSettings, Set[str]] = {}
    for field_set in request.elements:
        path = field_set.source.file_path
        requested.setdefault(services.settings[path], set()).add(path)
    checks = [await check_service_lock(settings, paths)
              for settings, paths in sorted(requested.items(), key=lambda item: item[0].schema_lock)]
    distinct = list(dict.fromkeys(checks))  # services without a lock say so once
    return LintResult(
        max(check.exit_code for check in distinct) if distinct else 0,
        "".join(check.stdout for check in distinct),
        "".join(check.stderr for check in distinct),
        SchemaLockLintRequest.tool_name,
        request.partition_metadata.description,
    )


class UpdateSchemaLockSubsystem(GoalSubsystem):
    name = "update-schema-lock"
    help = softwrap(
        """
        Rewrite the schema lock of every service (the `schema_lock` of its C# targets, by default
        `[schema-sync].schema_lock`) from its C# models, after an intended schema change.
        `pants lint` compares the models with it. See docs/schema-lock.md.
        """
    )


class UpdateSchemaLock(Goal):
    subsystem_cls = UpdateSchemaLockSubsystem
    environment_behavior = Goal.EnvironmentBehavior.LOCAL_ONLY


async def _write_lock(console: Console, workspace: Workspace, schema: ServiceSchema) -> int:
    from schema_sync.emit.errors import EmitError
    from schema_sync.lock import lock_of

    path = schema.settings.schema_lock
    errors = error_report(schema.ir)
    if errors:
        console.print_stderr(f"the C# models have errors; {path} was not written:\n{errors}")
        return 1
    try:
        text = lock_of(schema.ir, schema.settings.options).to_json()
    except EmitError as error:
        console.print_stderr(error.render())
        return 1
    old = await read_lock(path)
    if old.text == text:
        console.print_stdout(f"{path} is up to date")
        return 0
    digest = await Get(Digest, CreateDigest([FileContent(path, text.encode("utf-8"))]))
    workspace.write_digest(digest)
    tables = len({m.table for m in schema.ir.models if m.table})
    console.print_stdout(f"wrote {path} ({tables} tables)")
    return 0


@goal_rule
async def update_schema_lock(console: Console, workspace: Workspace, services: CsharpServices) -> UpdateSchemaLock:
    """Rewrite the lock of every service that names one (each from its own files and options)."""
    with_locks = services_with_locks(services)
    if not with_locks:
        console.print_stderr("error: set [schema-sync].schema_lock (e.g. \"pp_api/schema.lock.json\") first")
        return UpdateSchemaLock(exit_code=1)
    schemas = await MultiGet(Get(ServiceSchema, ServiceSchemaRequest(settings)) for settings in with_locks)
    exit_code = 0
    for schema in schemas:
        exit_code = max(exit_code, await _write_lock(console, workspace, schema))
    return UpdateSchemaLock(exit_code=exit_code)


def rules() -> Tuple[object, ...]:
    return (*collect_rules(), *SchemaLockLintRequest.rules())
