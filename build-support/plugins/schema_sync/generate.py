"""All four outputs from one IR, and writing them to disk all-or-nothing.

`generate()` is pure (IR + options -> {relative path: bytes}); `write_tree()` is the only code that
touches the file system, and the `generate` CLI subcommand glues extract -> generate -> write.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import Callable, Dict, List, Mapping, TextIO, Tuple

from schema_sync.emit_cloudformation import emit_cloudformation
from schema_sync.emit_common import EmitError
from schema_sync.emit_jsonschema import emit_jsonschema
from schema_sync.emit_python import emit_python
from schema_sync.emit_typescript import emit_typescript
from schema_sync.ir import SchemaIR
from schema_sync.options import CONVERSION_SCHEMAS, Options

Emitter = Callable[[SchemaIR, Options], Dict[str, str]]
EMITTERS: Tuple[Tuple[str, Emitter], ...] = (
    ("python", emit_python),
    ("cloudformation", emit_cloudformation),
    ("typescript", emit_typescript),
    ("jsonschema", emit_jsonschema),
)


def generate(ir: SchemaIR, options: Options) -> Dict[str, bytes]:
    """`python/…`, `cloudformation/…`, `typescript/…`, `jsonschema/…` -> UTF-8 contents, sorted."""
    if ir.errors:
        raise EmitError("the schema has errors; nothing is generated:\n" + "\n".join(d.render() for d in ir.errors))
    files: Dict[str, bytes] = {}
    for directory, emitter in EMITTERS:
        for path, text in emitter(ir, options).items():
            files[f"{directory}/{path}"] = text.encode("utf-8")
    return dict(sorted(files.items()))


def _checked_relative(path: str) -> PurePosixPath:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise EmitError(f"refusing to write outside the output directory: {path!r}")
    return relative


def write_tree(out_dir: str, files: Mapping[str, bytes]) -> None:
    """Write `files` under `out_dir`, replacing each top-level directory they fill as a whole.

    Everything is first written to a temporary directory beside `out_dir` and then renamed into
    place, so an error while writing leaves `out_dir` as it was, and stale outputs (a deleted
    model) disappear. Only the top-level directories present in `files` are replaced.
    """
    target = Path(out_dir).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for path, content in files.items():
            destination = staging / _checked_relative(path)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(content)
        target.mkdir(exist_ok=True)
        for top in sorted(p.name for p in staging.iterdir()):
            _swap_into_place(staging / top, target / top, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_into_place(new: Path, old: Path, scratch: Path) -> None:
    if old.exists() and not old.is_dir():
        raise EmitError(f"{old} exists and is not a directory")
    retired = scratch / f".retired-{old.name}"
    if old.exists():
        os.replace(old, retired)
    try:
        os.replace(new, old)
    except OSError:
        if retired.exists():
            os.replace(retired, old)  # put the previous output back
        raise


# -- CLI ------------------------------------------------------------------------------------------


def _configure(parser: argparse.ArgumentParser) -> None:
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


def _run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from schema_sync import cli  # lazily: cli registers this command, so it imports us first
    from schema_sync.extract import extract

    options = Options(conversion=args.conversion, nullable_context=args.nullable, python_package=args.package,
                      table_name_template=args.table_name_template)
    try:
        sources = cli.read_sources(args.paths)
    except OSError as error:
        stderr.write(f"{error.filename}:1:1: error: cannot read: {error.strerror}\n")
        return 1
    schema = extract(sources, options)
    if cli.report(schema, False, stderr):
        return 1
    try:
        files = generate(schema, options)
        write_tree(args.out, files)
    except (EmitError, OSError) as error:
        stderr.write(f"error: {error}\n")
        return 1
    stdout.write(f"wrote {len(files)} files to {args.out}\n")
    return 0


GENERATE_HELP = "generate pydantic models, CloudFormation, TypeScript and JSON Schema from C# data models"
# (help, configure, run): the shape of an entry in `schema_sync.cli.COMMANDS`.
GENERATE_COMMAND: Tuple[str, Callable[[argparse.ArgumentParser], None], Callable[..., int]] = (
    GENERATE_HELP, _configure, _run
)


def add_generate_command(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Register `generate` on an argparse sub-command set (for CLIs not built on `cli.COMMANDS`)."""
    parser = subparsers.add_parser("generate", help=GENERATE_HELP, description=GENERATE_HELP)
    _configure(parser)
    parser.set_defaults(run=_run)


__all__: List[str] = ["EMITTERS", "GENERATE_COMMAND", "add_generate_command", "generate", "write_tree"]
