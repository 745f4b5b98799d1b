"""`python -m schema_sync <command>`: the generator core as a command-line tool.

Each subcommand is a (configure, run) pair registered in `COMMANDS` here; adding one is a few
lines. `extract` prints the IR; `generate` glues extract -> generate -> write_tree (on every CPU); `lock` writes
the schema lock, `check-lock` compares against it, `plan` plans the deploys from it to the models and
`drift` compares against a live account
(docs/schema-lock.md). All keep only what DynamoDB models use (`used_by_models`), so they can be
pointed at a whole .NET project.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import sys
from typing import TYPE_CHECKING, Callable, Dict, List, NoReturn, TextIO, Tuple

from schema_sync.emit.errors import EmitError
from schema_sync.extract import extract, read_sources, used_by_models
from schema_sync.forked import usable_cpus
from schema_sync.ir import Diagnostic, SchemaIR
from schema_sync.options import CLOSED_SETS, Options, choices

if TYPE_CHECKING:
    from schema_sync.plan import Plan

Configure = Callable[[argparse.ArgumentParser], None]
Run = Callable[[argparse.Namespace, TextIO, TextIO], int]


def _configure_extract(parser: argparse.ArgumentParser) -> None:
    _add_source_options(parser)
    parser.add_argument(
        "--lenient", action="store_true", help="report problems as warnings, print what could be read, exit 0"
    )
    parser.add_argument("--pretty", action="store_true", help="indent the JSON (default: compact, one line)")


def _extracted(files: Dict[str, bytes], options: Options) -> SchemaIR:
    """The IR of what DynamoDB models use in `files`, extracted on every CPU."""
    return used_by_models(extract(files, options, usable_cpus()))


def report(schema: SchemaIR, lenient: bool, stderr: TextIO) -> bool:
    """Print diagnostics; True when the run failed (strict mode with errors, or no model at all:
    pointed at the wrong files, a run must not quietly produce nothing)."""
    failed = bool(schema.errors) and not lenient
    for diagnostic in schema.diagnostics:
        shown = diagnostic if failed or diagnostic.severity == "warning" else _as_warning(diagnostic)
        stderr.write(shown.render() + "\n")
    if not schema.models:
        severity, count = "warning" if lenient else "error", len(schema.sources)
        stderr.write(f"{severity}: no DynamoDB models in the {count} .cs file{'' if count == 1 else 's'} read "
                     "(hint: a model is a class with a DynamoDB attribute, or one that a model stores)\n")
    return failed or (not schema.models and not lenient)


def _as_warning(diagnostic: Diagnostic) -> Diagnostic:
    return Diagnostic("warning", diagnostic.message, diagnostic.file, diagnostic.line, diagnostic.col, diagnostic.hint)


def _read_or_report(paths: List[str], stderr: TextIO) -> Dict[str, bytes] | None:
    """The sources `paths` name, or None after reporting every one that cannot be read."""
    sources = read_sources(paths)
    for problem in sources.problems:
        stderr.write(problem + "\n")
    return None if sources.problems else sources.files


def _run_extract(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    files = _read_or_report(args.paths, stderr)
    if files is None:
        return 1
    schema = _extracted(files, _generation_options(args))
    if report(schema, args.lenient, stderr):
        return 1
    stdout.write(schema.to_json(indent=2 if args.pretty else None))
    return 0


def _add_source_options(parser: argparse.ArgumentParser) -> None:
    """The C# sources and how to read them, taken by every command (as `[schema-sync]`)."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="C# files or directories (recursive over *.cs)")
    _add_option(parser, "--conversion", "conversion", "DynamoDBContext conversion schema")
    _add_option(parser, "--nullable", "nullable_context",
                "the project's <Nullable> setting, for files without #nullable")


def _add_generation_options(parser: argparse.ArgumentParser) -> None:
    """The source options and those of every command that generates (as `[schema-sync]`)."""
    _add_source_options(parser)
    _add_option(parser, "--package", "python_package", "Python package of the generated modules")
    _add_option(parser, "--table-name-template", "table_name_template",
                "CloudFormation !Sub template for table names; {table} is the C# name")


def _add_option(parser: argparse.ArgumentParser, flag: str, field: str, help_text: str) -> None:
    """`flag` sets the `Options` field `field` (its `dest`, read back by `_generation_options`), with
    the field's default and, for a closed set (`CLOSED_SETS`, as the Pants subsystem's), its values."""
    values = CLOSED_SETS.get(field)
    parser.add_argument(flag, dest=field, default=getattr(Options(), field), help=f"{help_text} (default: %(default)s)",
                        choices=choices(values) if values else None,
                        metavar=None if values else flag.lstrip("-").replace("-", "_").upper())  # not the dest's


_OPTION_FIELDS = frozenset(field.name for field in dataclasses.fields(Options))


def _generation_options(args: argparse.Namespace) -> Options:
    """The `Options` the command line gives: those its command does not take keep their defaults."""
    return Options(**{name: value for name, value in vars(args).items() if name in _OPTION_FIELDS})


def _schema_or_report(args: argparse.Namespace, stderr: TextIO) -> SchemaIR | None:
    """The IR of `args.paths`, or None after reporting why there is none."""
    sources = _read_or_report(args.paths, stderr)
    if sources is None:
        return None
    schema = _extracted(sources, _generation_options(args))
    return None if report(schema, False, stderr) else schema


def _configure_generate(parser: argparse.ArgumentParser) -> None:
    _add_generation_options(parser)
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="output directory (python/, cloudformation/, ...), replaced as a whole: it must be new, "
                             "empty, or written by generate before (docs/generated-code.md)")


def _run_generate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from schema_sync.emit.outputs import output_dir_problems, write_generated  # lazily: `extract` never loads them

    problems = output_dir_problems(args.out, args.paths)  # before the work, to fail fast
    for problem in problems:
        stderr.write(f"error: {problem}\n")
    schema = None if problems else _schema_or_report(args, stderr)
    if schema is None:
        return 1
    try:
        written = write_generated(schema, _generation_options(args), args.out, usable_cpus())
    except (EmitError, OSError) as error:
        stderr.write(_render_emit_error(error) + "\n")
        return 1
    stdout.write(f"wrote {written} files to {args.out}\n")
    return 0


def _configure_lock(parser: argparse.ArgumentParser) -> None:
    _add_generation_options(parser)
    parser.add_argument("--out", required=True, metavar="FILE",
                        help="the lock file to write (e.g. pp_api/schema.lock.json)")


def _run_lock(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from schema_sync.lock import lock_of

    schema = _schema_or_report(args, stderr)
    if schema is None:
        return 1
    try:
        text = lock_of(schema, _generation_options(args)).to_json()
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text)
    except (EmitError, OSError) as error:
        stderr.write(_render_emit_error(error) + "\n")
        return 1
    stdout.write(f"wrote the schema lock of {len(schema.models)} models to {args.out}\n")
    return 0


def _configure_check_lock(parser: argparse.ArgumentParser) -> None:
    _add_generation_options(parser)
    parser.add_argument("--lock", required=True, metavar="FILE", help="the committed lock file")


def _run_check_lock(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from schema_sync.breaking import compare, summary
    from schema_sync.lock import lock_from_json, lock_of

    schema = _schema_or_report(args, stderr)
    if schema is None:
        return 1
    if not os.path.exists(args.lock):
        stdout.write(f"no schema lock at {args.lock}: nothing to check (create it with `lock --out {args.lock}`)\n")
        return 0
    try:
        with open(args.lock, encoding="utf-8") as handle:
            locked = lock_from_json(handle.read())
        findings = compare(locked, lock_of(schema, _generation_options(args)))
    except EmitError as error:  # what generation refuses too: at the C# positions, not the lock's
        stderr.write(_render_emit_error(error) + "\n")
        return 1
    except (OSError, ValueError, KeyError) as error:
        stderr.write(f"{args.lock}: error: {error}\n")
        return 1
    for finding in findings:
        (stderr if finding.fails else stdout).write(finding.render() + "\n")
    failed = sum(1 for f in findings if f.fails)
    command = f"python -m schema_sync lock --out {args.lock} ..."
    stdout.write(summary(failed, len(findings) - failed, args.lock, command))
    return 1 if failed else 0


def _configure_plan(parser: argparse.ArgumentParser) -> None:
    _add_generation_options(parser)
    parser.add_argument("--lock", required=True, metavar="FILE", help="the committed lock file: what is deployed")
    parser.add_argument("--out", metavar="DIR", help="write each step's tables template to DIR/NN-<step>.yaml, "
                                                    "replacing the step files of an earlier plan there")


def _run_plan(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from schema_sync.lock import lock_from_json
    from schema_sync.plan import planned_deploy, render

    schema = _schema_or_report(args, stderr)
    if schema is None:
        return 1
    try:
        with open(args.lock, encoding="utf-8") as handle:
            locked = lock_from_json(handle.read())
        plan, templates = planned_deploy(schema, _generation_options(args), locked)
    except EmitError as error:
        stderr.write(_render_emit_error(error) + "\n")
        return 1
    except (OSError, ValueError, KeyError, TypeError) as error:
        stderr.write(f"{args.lock}: error: {error}\n")
        return 1
    try:
        written = _write_plan_steps(args.out, plan, templates) if args.out and plan.steps else {}
    except OSError as error:
        stderr.write(f"error: {error}\n")
        return 1
    (stderr if plan.refused else stdout).write(render(plan, args.lock, written))
    return 1 if plan.refused else 0


def _write_plan_steps(directory: str, plan: Plan, templates: List[Dict[str, str]]) -> Dict[int, str]:
    """Each step's combined template as `directory/NN-<step>.yaml`, after removing the step files an
    earlier plan wrote there (and only those); step number -> path."""
    from schema_sync.plan import combined_template, is_step_template

    os.makedirs(directory, exist_ok=True)
    for entry in os.scandir(directory):
        if entry.name.endswith(".yaml") and entry.is_file():
            with open(entry.path, encoding="utf-8", errors="replace") as handle:
                if is_step_template(handle.readline()):
                    os.remove(entry.path)
    written: Dict[int, str] = {}
    for step, files in zip(plan.steps, templates):
        written[step.number] = os.path.join(directory, f"{step.file_stem}.yaml")
        with open(written[step.number], "w", encoding="utf-8") as handle:
            handle.write(combined_template(files))
    return written


def _configure_drift(parser: argparse.ArgumentParser) -> None:
    _add_generation_options(parser)
    parser.add_argument("--stage", required=True, help="the deployed stage (the templates' Stage parameter)")
    parser.add_argument("--endpoint-url", default=None, metavar="URL",
                        help="DynamoDB endpoint (default: AWS's, from the region)")
    parser.add_argument("--region", default=None, help="AWS region (default: boto3's configuration)")


def _run_drift(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    # Lazily: only this command needs boto3, which the CLI's resolve has and Pants's (the core's
    # other home, where `drift` never runs) has not.
    import boto3  # pants: no-infer-dep
    import botocore.exceptions  # pants: no-infer-dep

    from schema_sync.drift import drift

    schema = _schema_or_report(args, stderr)
    if schema is None:
        return 1
    try:
        client = boto3.client("dynamodb", endpoint_url=args.endpoint_url, region_name=args.region)
        found = drift(schema, _generation_options(args), args.stage, client)
    except (EmitError, botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as error:
        stderr.write(_render_emit_error(error) + "\n")
        return 1
    for item in found:
        stderr.write(item.render() + "\n")
    tables = len({m.table for m in schema.models if m.table})
    if found:
        stdout.write(f"{len(found)} difference(s) between stage {args.stage!r} and the schema\n")
        return 1
    stdout.write(f"no drift: the {tables} tables of stage {args.stage!r} match the schema\n")
    return 0


def _render_emit_error(error: Exception) -> str:
    """Each problem of an EmitError as `file:line:col: error: message` where it is located (the
    shape of extraction's diagnostics, so editors and CI annotate it), else `error: message`."""
    return error.render() if isinstance(error, EmitError) else f"error: {error}"


COMMANDS: Dict[str, Tuple[str, Configure, Run]] = {
    "extract": ("print the schema IR of C# data models as JSON", _configure_extract, _run_extract),
    "generate": (
        "generate pydantic models, CloudFormation, TypeScript and JSON Schema from C# data models",
        _configure_generate,
        _run_generate,
    ),
    "lock": ("write the schema lock (the stored schema of every table, as stable JSON)", _configure_lock, _run_lock),
    "check-lock": (
        "compare the schema with the lock: exit 1 on a table replacement, GSI update or reader break",
        _configure_check_lock,
        _run_check_lock,
    ),
    "plan": (
        "plan the deploys from the lock to the models: one GSI created or deleted per deploy; exit 1 on a "
        "change that would replace a table",
        _configure_plan,
        _run_plan,
    ),
    "drift": (
        "compare a stage's deployed tables (DescribeTable) with the generated schema: exit 1 on drift",
        _configure_drift,
        _run_drift,
    ),
}


# The options hold for one invocation: a repository of several .NET services (docs/pants-plugin.md,
# "Several .NET services") runs each command once per service.
SEVERAL_SERVICES = (
    "The options apply to the PATHs of one invocation. For several .NET services, run a command once per "
    "service, with its own PATHs and options (--package, --conversion, --nullable, --table-name-template) and "
    "its own lock and output directory."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m schema_sync",
        description="C# DynamoDB data models -> schema IR and generated code",
        epilog=SEVERAL_SERVICES,
    )
    subcommands = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, configure, _) in COMMANDS.items():
        configure(subcommands.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: List[str] | None = None, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command][2](args, stdout, stderr)


def run_process() -> NoReturn:
    """`main` as a whole short-lived process (`python -m schema_sync`, the pex binary).

    The cyclic collector stays off: the heap is acyclic parse results that die with the process,
    and each collection would rescan all of them. The process ends with `os._exit` once its
    output is flushed, skipping the teardown of ~0.5 M objects one by one (~0.1 s at 1,000 files).
    """
    gc.disable()
    exit_code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(exit_code)
