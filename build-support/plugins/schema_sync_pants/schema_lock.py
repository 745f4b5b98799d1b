"""The schema lock in `pants lint` (`schema-lock`), and `pants update-schema-lock` to rewrite it.

Both build the repository's whole schema in-process, from every C# target (the same parsed files
and model catalog the code generators use), and project it with `schema_sync.lock`. The linter
compares that with the lock file at `[schema-sync].schema_lock` and fails on a table replacement,
a GSI change CloudFormation cannot apply in one update, or a reader break (docs/schema-lock.md).
Findings are reported for the requested targets' files, plus those whose file no C# target owns
any more (a deleted model); a run with no lock file passes and says so once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Tuple

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
from schema_sync_pants.csharp_dependencies import AllCsharpTargets
from schema_sync_pants.generation import CsharpModelCatalog, _one_per_path
from schema_sync_pants.parsing import ParseCsharpSource, ParsedCsharp
from schema_sync_pants.subsystem import SchemaSyncSubsystem
from schema_sync_pants.target_types import CsharpSourceField

UPDATE_COMMAND = "pants update-schema-lock"


class SchemaLockLinter(Subsystem):
    options_scope = "schema-lock"
    name = "schema-lock"
    help = softwrap(
        """
        The schema-lock linter of `pants lint`: compares the C# models' stored schema with the
        committed lock (`[schema-sync].schema_lock`) and fails on a change that would replace a
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
class RepositorySchema:
    """The IR of every C# target of the repository, resolved as one tree (like `schema_sync extract`)."""

    ir: SchemaIR


@rule(desc="Resolve the repository's C# schema", level=LogLevel.DEBUG)
async def repository_schema(
    targets: AllCsharpTargets, models: CsharpModelCatalog, subsystem: SchemaSyncSubsystem
) -> RepositorySchema:
    parsed = await MultiGet(Get(ParsedCsharp, ParseCsharpSource(t[CsharpSourceField])) for t in targets)
    files = _one_per_path(parsed, lambda p: p.source.path)
    with gc_paused():
        ir = resolve([f.syntax for f in files], subsystem.generation_options(), [f.source for f in files],
                     models.catalog)
    return RepositorySchema(ir)


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


@rule(desc="Compare the C# schema with the schema lock", level=LogLevel.DEBUG)
async def lint_schema_lock(
    request: SchemaLockLintRequest.Batch[SchemaLockFieldSet, Any],
    subsystem: SchemaSyncSubsystem,
    schema: RepositorySchema,
) -> LintResult:
    from schema_sync.breaking import compare, summary  # lazily, as every use of the core in rules
    from schema_sync.emit.errors import EmitError
    from schema_sync.lock import lock_from_json, lock_of

    def result(exit_code: int, stdout: str, stderr: str = "") -> LintResult:
        return LintResult(exit_code, stdout, stderr, SchemaLockLintRequest.tool_name,
                          request.partition_metadata.description)

    if not subsystem.schema_lock:
        return result(0, "no schema lock configured ([schema-sync].schema_lock): nothing to check\n")
    lock = await read_lock(subsystem.schema_lock)
    if lock.text is None:
        return result(0, f"no schema lock at {lock.path}: nothing to check (create it with `{UPDATE_COMMAND}`)\n")
    errors = error_report(schema.ir)
    if errors:
        return result(1, "", f"the C# models have errors, so the schema cannot be compared:\n{errors}")
    try:
        locked = lock_from_json(lock.text)
        with gc_paused():
            findings = compare(locked, lock_of(schema.ir, subsystem.generation_options()))
    except EmitError as error:  # what generation refuses too (a DynamoDB limit, a logical ID clash)
        return result(1, "", f"the schema cannot be locked:\n{error.render()}\n")
    except (ValueError, KeyError, TypeError) as error:
        return result(1, "", f"{lock.path}: error: not a schema lock this version reads ({error}); "
                             f"regenerate it with `{UPDATE_COMMAND}`\n")
    requested = {field_set.source.file_path for field_set in request.elements}
    owned = {source.path for source in schema.ir.sources}
    shown = [f for f in findings if f.where.file in requested or f.where.file not in owned]
    failed = [f for f in shown if f.fails]
    lines = "".join(f.render() + "\n" for f in shown)
    text = summary(len(failed), len(shown) - len(failed), lock.path, UPDATE_COMMAND)
    if len(findings) > len(shown):
        text += f"({len(findings) - len(shown)} more finding(s) in C# files not linted here)\n"
    return result(1 if failed else 0, lines + text)


class UpdateSchemaLockSubsystem(GoalSubsystem):
    name = "update-schema-lock"
    help = softwrap(
        """
        Rewrite the schema lock (`[schema-sync].schema_lock`) from the C# models, after an intended
        schema change. `pants lint` compares the models with it. See docs/schema-lock.md.
        """
    )


class UpdateSchemaLock(Goal):
    subsystem_cls = UpdateSchemaLockSubsystem
    environment_behavior = Goal.EnvironmentBehavior.LOCAL_ONLY


@goal_rule
async def update_schema_lock(
    console: Console, workspace: Workspace, subsystem: SchemaSyncSubsystem, schema: RepositorySchema
) -> UpdateSchemaLock:
    from schema_sync.emit.errors import EmitError
    from schema_sync.lock import lock_of

    if not subsystem.schema_lock:
        console.print_stderr("error: set [schema-sync].schema_lock (e.g. \"pp_api/schema.lock.json\") first")
        return UpdateSchemaLock(exit_code=1)
    errors = error_report(schema.ir)
    if errors:
        console.print_stderr(f"the C# models have errors; the lock was not written:\n{errors}")
        return UpdateSchemaLock(exit_code=1)
    try:
        text = lock_of(schema.ir, subsystem.generation_options()).to_json()
    except EmitError as error:
        console.print_stderr(error.render())
        return UpdateSchemaLock(exit_code=1)
    old = await read_lock(subsystem.schema_lock)
    if old.text == text:
        console.print_stdout(f"{subsystem.schema_lock} is up to date")
        return UpdateSchemaLock(exit_code=0)
    digest = await Get(Digest, CreateDigest([FileContent(subsystem.schema_lock, text.encode("utf-8"))]))
    workspace.write_digest(digest)
    tables = len({m.table for m in schema.ir.models if m.table})
    console.print_stdout(f"wrote {subsystem.schema_lock} ({tables} tables)")
    return UpdateSchemaLock(exit_code=0)


def rules() -> Tuple[object, ...]:
    return (*collect_rules(), *SchemaLockLintRequest.rules())
