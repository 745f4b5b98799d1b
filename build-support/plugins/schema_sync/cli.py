"""`python -m schema_sync <command>`: the generator core as a command-line tool.

Each subcommand is a (configure, run) pair registered in `COMMANDS` here; adding one is a few
lines. `extract` prints the IR; `generate` glues extract -> generate -> write_tree. Both keep only
what DynamoDB models use (`used_by_models`), so they can be pointed at a whole .NET project.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from typing import Callable, Dict, List, NoReturn, TextIO, Tuple

from schema_sync.emit.common import EmitError
from schema_sync.emit.outputs import generate, write_tree
from schema_sync.extract import collect_cs_files, extract, used_by_models
from schema_sync.ir import Diagnostic, SchemaIR
from schema_sync.options import CONVERSION_SCHEMAS, Options

Configure = Callable[[argparse.ArgumentParser], None]
Run = Callable[[argparse.Namespace, TextIO, TextIO], int]


def _configure_extract(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="C# files or directories (recursive over *.cs)")
    parser.add_argument(
        "--lenient", action="store_true", help="report problems as warnings, print what could be read, exit 0"
    )
    parser.add_argument(
        "--conversion",
        choices=CONVERSION_SCHEMAS,
        default=Options().conversion,
        help="DynamoDBContext conversion schema (default: %(default)s)",
    )
    parser.add_argument(
        "--nullable",
        choices=("enable", "disable"),
        default=Options().nullable_context,
        help="the project's <Nullable> setting, for files without #nullable (default: %(default)s)",
    )
    parser.add_argument("--pretty", action="store_true", help="indent the JSON (default: compact, one line)")


def options_from(args: argparse.Namespace) -> Options:
    return Options(conversion=args.conversion, nullable_context=args.nullable)


def read_sources(paths: List[str]) -> Dict[str, bytes]:
    files = {}
    for path in collect_cs_files(paths):
        with open(path, "rb") as handle:
            files[path] = handle.read()
    return files


def report(schema: SchemaIR, lenient: bool, stderr: TextIO) -> bool:
    """Print diagnostics; True when the run failed (strict mode with errors)."""
    failed = bool(schema.errors) and not lenient
    for diagnostic in schema.diagnostics:
        shown = diagnostic if failed or diagnostic.severity == "warning" else _as_warning(diagnostic)
        stderr.write(shown.render() + "\n")
    return failed


def _as_warning(diagnostic: Diagnostic) -> Diagnostic:
    return Diagnostic("warning", diagnostic.message, diagnostic.file, diagnostic.line, diagnostic.col, diagnostic.hint)


def _read_or_report(paths: List[str], stderr: TextIO) -> Dict[str, bytes] | None:
    """`read_sources(paths)`, or None after reporting the file that cannot be read."""
    try:
        return read_sources(paths)
    except OSError as error:
        stderr.write(f"{error.filename}:1:1: error: cannot read: {error.strerror}\n")
        return None


def _run_extract(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    files = _read_or_report(args.paths, stderr)
    if files is None:
        return 1
    schema = used_by_models(extract(files, options_from(args)))
    if report(schema, args.lenient, stderr):
        return 1
    stdout.write(schema.to_json(indent=2 if args.pretty else None))
    return 0


def _configure_generate(parser: argparse.ArgumentParser) -> None:
    defaults = Options()
    parser.add_argument("paths", nargs="+", metavar="PATH", help="C# files or directories (recursive over *.cs)")
    parser.add_argument("--out", required=True, metavar="DIR", help="output root (python/, cloudformation/, ...)")
    parser.add_argument("--conversion", choices=CONVERSION_SCHEMAS, default=defaults.conversion,
                        help="DynamoDBContext conversion schema (default: %(default)s)")
    parser.add_argument("--nullable", choices=("enable", "disable"), default=defaults.nullable_context,
                        help="the project's <Nullable> setting for files without #nullable (default: %(default)s)")
    parser.add_argument("--package", default=defaults.python_package,
                        help="Python package of the generated modules (default: %(default)s)")
    parser.add_argument("--table-name-template", default=defaults.table_name_template,
                        help="CloudFormation !Sub template for table names; {table} is the C# name "
                             "(default: %(default)s)")


def _run_generate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    options = Options(conversion=args.conversion, nullable_context=args.nullable, python_package=args.package,
                      table_name_template=args.table_name_template)
    sources = _read_or_report(args.paths, stderr)
    if sources is None:
        return 1
    schema = used_by_models(extract(sources, options))
    if report(schema, False, stderr):
        return 1
    try:
        files = generate(schema, options)
        write_tree(args.out, files)
    except (EmitError, OSError) as error:
        stderr.write(_render_emit_error(str(error)) + "\n")
        return 1
    stdout.write(f"wrote {len(files)} files to {args.out}\n")
    return 0


_LOCATED = re.compile(r"^(?P<where>[^\s:][^:\n]*:\d+:\d+): (?P<message>.*)$", re.DOTALL)


def _render_emit_error(message: str) -> str:
    """`file:line:col: error: message` when the emitter located the problem, else `error: message`
    (the same shape as extraction diagnostics, so editors and CI annotate it)."""
    located = _LOCATED.match(message)
    if located is None:
        return f"error: {message}"
    return f"{located['where']}: error: {located['message']}"


COMMANDS: Dict[str, Tuple[str, Configure, Run]] = {
    "extract": ("print the schema IR of C# data models as JSON", _configure_extract, _run_extract),
    "generate": (
        "generate pydantic models, CloudFormation, TypeScript and JSON Schema from C# data models",
        _configure_generate,
        _run_generate,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m schema_sync", description="C# DynamoDB data models -> schema IR and generated code"
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
